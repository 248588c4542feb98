// What the DNS kernel answers (src/k8s/dns/types.ts, resolve.ts), as output schemas: the JSON that
// REST and MCP's structuredContent carry, and the GraphQL types generated from them.
import { z } from 'zod';
import { QUERY_TYPES } from '../../k8s/dns';
import { named } from '../capability';
import { kubeObjects, str, warnings } from './fields';

const RCODES = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'NOTIMP', 'REFUSED'] as const;

const target = named(
  z.object({
    kind: str('Usually Pod.'),
    namespace: str('Its namespace.'),
    name: str('Its name.'),
    uid: str('Its uid, when the EndpointSlice gives one.').optional(),
  }),
  { name: 'DnsRecordTarget', description: 'The object an endpoint points at (its targetRef), usually a Pod.' },
);

const source = named(
  z.object({
    kind: z
      .enum(['Service', 'EndpointSlice', 'Pod', 'Namespace', 'Zone'])
      .describe('Service, EndpointSlice, Pod, Namespace or Zone.'),
    namespace: str('Its namespace ("" for the zone).'),
    name: str('Its name.'),
    path: str('The field holding the data, e.g. `spec.clusterIPs[0]` or `endpoints[2].addresses[0]`.').optional(),
    targetRef: target.optional().describe('For an endpoint record: the object the endpoint points at.'),
  }),
  { name: 'DnsRecordSource', description: 'The object a record is computed from.' },
);

const srv = named(
  z.object({
    priority: z.int().describe('Always 0 for cluster DNS.'),
    weight: z.int().describe('CoreDNS’s weight: 100 split evenly between the records of a name.'),
    port: z.int().describe('The port.'),
    target: str('The name the port is served at, absolute.'),
  }),
  { name: 'DnsSrv', description: 'The fields of an SRV record, also spelled out in its `data`.' },
);

export const dnsRecord = named(
  z.object({
    name: str('Lower-case absolute name with a trailing dot: web.shop.svc.cluster.local.'),
    type: z
      .enum(['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT', 'SOA', 'NS'])
      .describe('A, AAAA, CNAME, SRV, PTR, TXT, SOA or NS.'),
    ttl: z.int().describe('Time to live in seconds.'),
    class: z.literal('IN').describe('Always IN.'),
    data: str(
      'As a zone file writes it: an address for A/AAAA; a name with a trailing dot for CNAME/PTR; `priority weight port target.` for SRV; the text for TXT.',
    ),
    source: source.describe('The object the record comes from.'),
    rule: str('Why the record exists, quotable: its rule and the spec section or CoreDNS source.'),
    srv: srv.optional().describe('For SRV records: the fields of `data`.'),
  }),
  { name: 'DnsRecord', description: 'One DNS record, as a zone file writes it, with why it exists.' },
);

const explanation = named(
  z.object({
    summary: str('One sentence.'),
    steps: z.array(z.string()).describe('The steps CoreDNS takes, in order.'),
  }),
  { name: 'DnsExplanation', description: 'Why an answer is what it is, step by step.' },
);

const question = named(
  z.object({
    name: str('The name asked for, lower-case and absolute.'),
    type: z.enum(QUERY_TYPES).describe('The record type asked for.'),
  }),
  { name: 'DnsQuestion', description: 'A DNS question.' },
);

export const dnsAnswer = named(
  z.object({
    question: question.describe('The question, normalised.'),
    rcode: z.enum(RCODES).describe('NOERROR, NXDOMAIN, or REFUSED for names the plugin does not serve.'),
    authoritative: z
      .boolean()
      .describe('False when the name is outside the cluster zone (another plugin would answer).'),
    answer: z.array(dnsRecord).describe('The answer section.'),
    additional: z.array(dnsRecord).describe('The additional section (addresses of SRV targets).'),
    authority: z.array(dnsRecord).describe('The authority section (the zone’s SOA on negative answers).'),
    explanation: explanation.describe('Why the answer is what it is.'),
    warnings: warnings.optional(),
  }),
  { name: 'DnsAnswer', description: 'What CoreDNS’s `kubernetes` plugin answers to one question.' },
);

export const dnsRecordSet = z.object({
  count: z.int().describe('How many records there are.'),
  records: z.array(dnsRecord).describe('Every record, in the order the kernel computes them.'),
  warnings,
});

const tried = named(
  z.object({
    name: str('The absolute name tried.'),
    rcode: z.enum(RCODES).describe('The answer’s rcode.'),
    answerCount: z.int().describe('How many records it answered.'),
    note: str('Why this name was tried or skipped.').optional(),
  }),
  { name: 'DnsTriedName', description: 'One name a Pod’s resolver tried.' },
);

const resolvOption = named(
  z.object({ name: str('The option, e.g. ndots.'), value: str('Its value, when it has one.').optional() }),
  { name: 'DnsResolvOption', description: 'One `options` entry of a resolv.conf.' },
);

const resolvConf = named(
  z.object({
    nameservers: z.array(z.string()).describe('nameserver lines.'),
    search: z.array(z.string()).describe('The search list.'),
    options: z.array(resolvOption).describe('The options line.'),
    ndots: z.int().describe('The resolver’s ndots: 1 when unset, at most 15 (glibc).'),
    usesClusterDns: z
      .boolean()
      .describe('Whether the first nameserver is cluster DNS, so that kubeknow can answer for it.'),
    text: str('The file’s text.'),
    notes: z.array(z.string()).describe('What the kubelet dropped or changed, and why.'),
  }),
  { name: 'DnsResolvConf', description: 'The Pod’s /etc/resolv.conf as the kubelet writes it.' },
);

const asker = named(
  z.object({
    namespace: str('The namespace the Pod is in.'),
    pod: str('The Pod’s name, when one was named.').optional(),
    dnsPolicy: z.enum(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']).describe('The Pod’s dnsPolicy.'),
    hostNetwork: z.boolean().describe('Whether the Pod uses the node’s network.'),
  }),
  { name: 'DnsAskingPod', description: 'The Pod whose resolver asks.' },
);

export const dnsResolution = named(
  z.object({
    from: asker.describe('The asking Pod.'),
    resolvConf: resolvConf.describe('The asking Pod’s resolv.conf.'),
    tried: z.array(tried).describe('Every name tried, in order.'),
    answer: dnsAnswer.nullable().describe('The first answer with records; null when none had any.'),
    explanation: explanation.describe('Why resolution went as it did.'),
    warnings,
  }),
  {
    name: 'DnsResolution',
    description: 'How a name resolves from inside a Pod: the names tried in order and the answer found.',
  },
);

export const endpointSliceSet = named(
  z.object({
    endpointSlices: kubeObjects('Every EndpointSlice, as `kubectl get endpointslices -o json` shows it.'),
    endpoints: kubeObjects('The legacy Endpoints objects, given and derived.'),
    warnings,
  }),
  { name: 'EndpointSliceSet', description: 'The EndpointSlices (and legacy Endpoints) the control plane would hold.' },
);
