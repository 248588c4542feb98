// dns_records: every record cluster DNS (CoreDNS's kubernetes plugin) would serve for the given manifests.
import { z } from 'zod';
import * as kernel from '../../k8s';
import { zoneFile, zoneLine } from '../../k8s/dns';
import { bounded, defineTool } from '../tool';
import { dnsOptionShape, manifests, maxChars } from './shared';

export const dnsRecords = defineTool({
  name: 'dns_records',
  title: 'DNS records of a cluster',
  description:
    "Computes every DNS record that cluster DNS (CoreDNS's kubernetes plugin, per the Kubernetes DNS specification) would serve for " +
    'the Services, Pods and EndpointSlices in the given manifests: A/AAAA for Services and endpoints, SRV for named ports, PTR, ' +
    'CNAME for ExternalName, and pod A records. Returns a zone file (the lines `dig` prints), optionally with the rule behind each ' +
    'record. Use it to show what names a Service, a headless Service or a StatefulSet gets. ' +
    'Example: {"manifests": "apiVersion: v1\\nkind: Service\\nmetadata: {name: web, namespace: shop}\\nspec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 80}]}", "explain": true}.',
  inputSchema: {
    manifests,
    ...dnsOptionShape,
    explain: z.boolean().default(false).describe('Append the rule behind each record as a zone-file comment (; …).'),
    maxChars: maxChars(12000),
  },
  scope: 'read',
  run({ manifests, clusterDomain, podMode, ttl, explain, maxChars }) {
    const records = kernel.dnsRecords({ manifests, clusterDomain, podMode, ttl });
    const rules = new Map(records.map((r) => [zoneLine(r), r.rule]));
    const lines = zoneFile(records)
      .trimEnd()
      .split('\n')
      .map((line) => (explain && rules.get(line) ? `${line} ; ${rules.get(line)}` : line));
    const text = [`; ${lines.length} records (zone file, sorted as dig would list the zone)`, ...lines].join('\n');
    return bounded(text, maxChars, 'Raise maxChars, or ask dns_query about one name.');
  },
});
