// dnsRecords: every record cluster DNS (CoreDNS's kubernetes plugin) serves for the manifests.
import { z } from 'zod';
import * as kernel from '../k8s';
import { recordIn, zoneFile } from '../k8s/dns';
import { COMPUTATION, defineCapability } from './capability';
import { asJson } from './renderings';
import { dnsOptionFields, explanationLang } from './dns-fields';
import { zoneText } from './dns-text';
import { clusterCost, manifestInput } from './manifests';
import { dnsRecordSet } from './shapes/dns';
import { languageOf } from './language';

export const dnsRecords = defineCapability({
  name: 'dnsRecords',
  summary: 'Every DNS record of a cluster',
  description:
    'Every record cluster DNS serves for the objects — A/AAAA for Services and endpoints, SRV for named ports, PTR, CNAME for ExternalName, Pod A records — each with its source object and the rule behind it.',
  input: manifestInput({ ...dnsOptionFields, lang: explanationLang }, 'settled'),
  output: dnsRecordSet,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, lang: l, ...options }, ctx) => {
    const { records, warnings } = kernel.dnsRecords(cluster, options);
    const lang = languageOf(l, ctx);
    return { count: records.length, records: records.map((r) => recordIn(r, lang)), warnings };
  },
  rest: {
    method: 'POST',
    path: '/v1/dns/records',
    tag: 'dns',
    manifests: true,
    formats: {
      json: asJson('The records.'),
      zone: {
        type: 'text/plain; charset=utf-8',
        describe: 'A zone file, sorted as dig lists a zone.',
        render: (v) => zoneFile(v.output.records),
      },
    },
  },
  mcp: {
    tool: 'dns_records',
    title: 'DNS records of a cluster',
    description:
      "Computes every DNS record that cluster DNS (CoreDNS's kubernetes plugin, per the Kubernetes DNS specification) would serve for " +
      'the Services, Pods and EndpointSlices in the given manifests: A/AAAA for Services and endpoints, SRV for named ports, PTR, ' +
      'CNAME for ExternalName, and pod A records. Returns a zone file (the lines `dig` prints), optionally with the rule behind each ' +
      'record. Use it to show what names a Service, a headless Service or a StatefulSet gets. ' +
      'Example: {"manifests": "apiVersion: v1\\nkind: Service\\nmetadata: {name: web, namespace: shop}\\nspec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 80}]}", "explain": true}.',
    extras: {
      explain: z.boolean().default(false).describe('Append the rule behind each record as a zone-file comment (; …).'),
    },
    maxChars: 12000,
    cut: () => 'Raise maxChars, or ask dns_query about one name.',
    text: (out, input, extras, ctx) => zoneText(out.records, extras.explain === true, languageOf(input.lang, ctx)),
  },
  graphql: {
    field: 'dnsRecords',
    resolver: 'generated',
    pick: 'records',
    example: {
      field: 'dnsRecords',
      description:
        'The DNS records cluster DNS serves for the example’s objects (empty when it describes no Service or Pod).',
      args: ['clusterDomain', 'podMode'],
    },
  },
});
