// dnsResolve: how a name resolves from inside a Pod, through the resolv.conf the kubelet writes for it.
import { z } from 'zod';
import * as kernel from '../k8s';
import { resolutionIn } from '../k8s/dns';
import { COMPUTATION, defineCapability } from './capability';
import { asJson } from './renderings';
import { dnsName, dnsOptionFields, explanationLang, queryType } from './dns-fields';
import { resolutionText } from './dns-text';
import { clusterCost, manifestInput } from './manifests';
import type { ProblemParams } from './problems';
import { dnsResolution } from './shapes/dns';
import { languageOf } from './language';

const input = manifestInput(
  {
    name: dnsName('The name as a program in the Pod asks for it: "web", "web.shop", or a full name.'),
    type: queryType,
    fromPod: z
      .string()
      .max(317)
      .optional()
      .describe('The asking Pod as "namespace/name", among the manifests; its dnsPolicy and dnsConfig apply.'),
    fromNamespace: z
      .string()
      .max(63)
      .optional()
      .describe('Without fromPod: a ClusterFirst Pod in this namespace asks.'),
    ...dnsOptionFields,
    lang: explanationLang,
  },
  'settled',
).superRefine((v, ctx) => {
  if (!v.fromPod && !v.fromNamespace)
    ctx.addIssue({
      code: 'custom',
      path: ['fromPod'],
      message:
        'give fromPod ("namespace/name") or fromNamespace: the search path depends on the asking Pod\'s namespace',
      params: { code: 'FIELD_REQUIRED' } satisfies ProblemParams,
    });
});

export const dnsResolve = defineCapability({
  name: 'dnsResolve',
  summary: 'Resolve a name from inside a Pod',
  description:
    'How a process in a Pod resolves a name: the resolv.conf the kubelet writes for its dnsPolicy and dnsConfig, each name of the search list tried in order with its status, and the first answer with records.',
  input,
  output: dnsResolution,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, name, type, fromPod, fromNamespace, lang: l, ...options }, ctx) =>
    resolutionIn(kernel.dnsResolve(cluster, { name, type, fromPod, fromNamespace }, options), languageOf(l, ctx)),
  rest: {
    method: 'POST',
    path: '/v1/dns/resolve',
    tag: 'dns',
    manifests: true,
    formats: { json: asJson('The resolution.') },
  },
  mcp: {
    tool: 'dns_resolve',
    title: 'Resolve a name from inside a Pod',
    description:
      'How a process in a Pod resolves a name: the resolv.conf the kubelet writes for the Pod (dnsPolicy, dnsConfig, search list, ' +
      'ndots), each name tried in order with its status, and the final answer with reasons. Use it for short names ("web", ' +
      '"web.shop", "kubernetes.default") and questions like "why does my Pod not resolve db" or "why are there extra lookups". ' +
      'Give fromPod ("namespace/name" of a Pod in the manifests) or fromNamespace (a ClusterFirst Pod there). ' +
      'Example: {"manifests": "…", "name": "web", "fromNamespace": "shop"}.',
    maxChars: 10000,
    text: (out, { name, type, lang: l }, _extras, ctx) => resolutionText(out, name, type, languageOf(l, ctx)),
  },
  graphql: { field: 'dnsResolve', resolver: 'generated' },
});
