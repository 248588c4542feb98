// dns_query: the answer cluster DNS would give to one question, with the reasoning.
import * as kernel from '../../k8s';
import { zoneLine, type DnsAnswer } from '../../k8s/dns';
import { bounded, defineTool } from '../tool';
import { dnsName, dnsOptionShape, manifests, maxChars, queryType } from './shared';

/** A DNS answer as `dig` prints it, followed by why. */
export function digText(a: DnsAnswer): string {
  const section = (name: string, records: DnsAnswer['answer']) =>
    records.length ? [`;; ${name} SECTION:`, ...records.map(zoneLine), ''] : [];
  return [
    `;; QUESTION: ${a.question.name} IN ${a.question.type}`,
    `;; status: ${a.rcode}${a.authoritative ? ', authoritative (aa)' : ', not authoritative'}`,
    '',
    ...section('ANSWER', a.answer),
    ...section('AUTHORITY', a.authority),
    ...section('ADDITIONAL', a.additional),
    `Why: ${a.explanation.summary}`,
    ...a.explanation.steps.map((s) => `- ${s}`),
  ].join('\n');
}

export const dnsQuery = defineTool({
  name: 'dns_query',
  title: 'Ask cluster DNS one question',
  description:
    "The answer CoreDNS's kubernetes plugin would give to one DNS question (a fully qualified name and a type) in the cluster the " +
    'manifests describe: status (NOERROR, NXDOMAIN, …), the records, and step-by-step reasons citing the DNS specification and ' +
    'CoreDNS. Use it to check a name such as web.shop.svc.cluster.local, a StatefulSet pod name, an SRV name ' +
    '(_http._tcp.web.shop.svc.cluster.local) or a reverse name. For a short name as a Pod would use it ("web", "web.shop"), use dns_resolve. ' +
    'Example: {"manifests": "…", "name": "web-0.web.shop.svc.cluster.local", "type": "A"}.',
  inputSchema: {
    manifests,
    name: dnsName('The name to look up, e.g. "web.shop.svc.cluster.local" (a trailing dot is optional).'),
    type: queryType,
    ...dnsOptionShape,
    maxChars: maxChars(8000),
  },
  scope: 'read',
  run({ manifests, name, type, clusterDomain, podMode, ttl, maxChars }) {
    const a = kernel.dnsQuery({ manifests, query: { name, type }, clusterDomain, podMode, ttl });
    return bounded(digText(a), maxChars, 'Raise maxChars.');
  },
});
