// dnsQuery: the answer CoreDNS's kubernetes plugin gives to one question about the cluster the
// manifests describe, with the reasons.
import { z } from 'zod';
import * as kernel from '../k8s';
import { answerIn } from '../k8s/dns';
import { COMPUTATION, defineCapability } from './capability';
import { asJson } from './renderings';
import { dnsName, dnsOptionFields, explanationLang, queryType } from './dns-fields';
import { digText } from './dns-text';
import { clusterCost, manifestInput } from './manifests';
import { dnsAnswer } from './shapes/dns';
import { languageOf } from './language';

// The question's two fields, flat under every transport (`?name=&type=`, `"name"`, GraphQL arguments).
const QUESTION = { name: 'query.name', type: 'query.type' } as const;

export const dnsQuery = defineCapability({
  name: 'dnsQuery',
  summary: 'Ask cluster DNS one question',
  description:
    "The answer CoreDNS's kubernetes plugin gives to one question (a name and a type) about the cluster the manifests describe: the rcode, the answer, authority and additional sections, and the reasons, citing the DNS specification and CoreDNS.",
  input: manifestInput(
    {
      query: z
        .strictObject({
          name: dnsName('The name to look up, e.g. "web.shop.svc.cluster.local" (a trailing dot is optional).'),
          type: queryType,
        })
        .describe('The question: `{ "name": "web.shop.svc.cluster.local", "type": "A" }`.'),
      ...dnsOptionFields,
      lang: explanationLang,
    },
    'settled',
  ),
  output: dnsAnswer,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, query, lang: l, ...options }, ctx) =>
    answerIn(kernel.dnsQuery(cluster, query, options), languageOf(l, ctx)),
  rest: {
    method: 'POST',
    path: '/v1/dns/query',
    tag: 'dns',
    params: QUESTION,
    manifests: true,
    formats: { json: asJson('The answer.') },
  },
  mcp: {
    tool: 'dns_query',
    title: 'Ask cluster DNS one question',
    description:
      "The answer CoreDNS's kubernetes plugin would give to one DNS question (a fully qualified name and a type) in the cluster the " +
      'manifests describe: status (NOERROR, NXDOMAIN, …), the records, and step-by-step reasons citing the DNS specification and ' +
      'CoreDNS. Use it to check a name such as web.shop.svc.cluster.local, a StatefulSet pod name, an SRV name ' +
      '(_http._tcp.web.shop.svc.cluster.local) or a reverse name. For a short name as a Pod would use it ("web", "web.shop"), use dns_resolve. ' +
      'Example: {"manifests": "…", "name": "web-0.web.shop.svc.cluster.local", "type": "A"}.',
    args: QUESTION,
    maxChars: 8000,
    text: (answer, input, _extras, ctx) => digText(answer, languageOf(input.lang, ctx)),
  },
  graphql: {
    field: 'dnsQuery',
    resolver: 'generated',
    args: QUESTION,
  },
});
