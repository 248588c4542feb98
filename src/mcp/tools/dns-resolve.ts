// dns_resolve: how a name resolves from inside a Pod, through its resolv.conf search list.
import { z } from 'zod';
import * as kernel from '../../k8s';
import { bounded, defineTool } from '../tool';
import { digText } from './dns-query';
import { dnsName, dnsOptionShape, manifests, maxChars, queryType } from './shared';

export const dnsResolve = defineTool({
  name: 'dns_resolve',
  title: 'Resolve a name from inside a Pod',
  description:
    'How a process in a Pod resolves a name: the resolv.conf the kubelet writes for the Pod (dnsPolicy, dnsConfig, search list, ' +
    'ndots), each name tried in order with its status, and the final answer with reasons. Use it for short names ("web", ' +
    '"web.shop", "kubernetes.default") and questions like "why does my Pod not resolve db" or "why are there extra lookups". ' +
    'Give fromPod ("namespace/name" of a Pod in the manifests) or fromNamespace (a ClusterFirst Pod there). ' +
    'Example: {"manifests": "…", "name": "web", "fromNamespace": "shop"}.',
  inputSchema: {
    manifests,
    name: dnsName('The name as the program in the Pod asks for it, e.g. "web" or "web.shop".'),
    type: queryType,
    fromPod: z
      .string()
      .max(317)
      .optional()
      .describe('The asking Pod as "namespace/name"; its dnsPolicy and dnsConfig apply.'),
    fromNamespace: z
      .string()
      .max(63)
      .optional()
      .describe('Without fromPod: a ClusterFirst Pod in this namespace asks.'),
    ...dnsOptionShape,
    maxChars: maxChars(10000),
  },
  scope: 'read',
  run({ manifests, name, type, fromPod, fromNamespace, clusterDomain, podMode, ttl, maxChars }) {
    const r = kernel.dnsResolve({ manifests, name, type, fromPod, fromNamespace, clusterDomain, podMode, ttl });
    const from = `${r.from.pod ? `Pod ${r.from.namespace}/${r.from.pod}` : `a Pod in namespace ${r.from.namespace}`} (dnsPolicy ${r.from.dnsPolicy}${r.from.hostNetwork ? ', hostNetwork' : ''})`;
    const lines = [
      `Resolving "${name}" ${type} from ${from}.`,
      '',
      '/etc/resolv.conf:',
      ...r.resolvConf.text.split('\n').map((l) => `    ${l}`),
      ...r.resolvConf.notes.map((n) => `Note: ${n}`),
      '',
      'Names tried, in order:',
      ...r.tried.map(
        (t, i) => `${i + 1}. ${t.name} → ${t.rcode}, ${t.answerCount} answer(s)${t.note ? ` (${t.note})` : ''}`,
      ),
      '',
      r.answer ? digText(r.answer) : 'No name in the search list had records.',
      '',
      `Summary: ${r.explanation.summary}`,
      ...r.explanation.steps.map((s) => `- ${s}`),
    ];
    return bounded(lines.join('\n'), maxChars, 'Raise maxChars.');
  },
});
