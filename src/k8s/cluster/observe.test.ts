// Every computation runs on the settled cluster: the issue's own examples, from manifests as people
// write them, and the warnings about objects an answer did not use.
import { dnsQuery, dnsRecords, endpointSlices } from '..';
import { DEFAULT_DNS_OPTIONS } from '../dns';
import { parseObjects } from '../objects';
import { deepFreeze } from '../testing/builders';
import { deployment, service, statefulSet } from './testkit';

const cluster = (objects: Record<string, unknown>[]) => parseObjects(deepFreeze(objects));

test('a StatefulSet db with its headless Service answers db-0.db.data.svc.cluster.local', () => {
  const c = cluster([
    service('db', { clusterIP: 'None', selector: { app: 'db' } }, 'data'),
    statefulSet('db', 3, 'db', 'data'),
  ]);
  const a = dnsQuery(c, { name: 'db-0.db.data.svc.cluster.local', type: 'A' }, DEFAULT_DNS_OPTIONS);
  expect(a.rcode).toBe('NOERROR');
  expect(a.answer.map((r) => r.data)).toHaveLength(1);
  const all = dnsQuery(c, { name: 'db.data.svc.cluster.local', type: 'A' }, DEFAULT_DNS_OPTIONS);
  expect(all.answer).toHaveLength(3);
});

test('a Deployment and its Service give an EndpointSlice with every replica', () => {
  const c = cluster([deployment('web', 2), service('web', { selector: { app: 'web' } })]);
  const r = endpointSlices(c, {});
  expect(r.endpointSlices).toHaveLength(1);
  expect((r.endpointSlices[0].endpoints as unknown[]).length).toBe(2);
  expect(r.warnings).toEqual([]);
});

test('a Service without a clusterIP gets one, and the cluster’s own Services are not listed', () => {
  const records = dnsRecords(cluster([service('web', {})]), DEFAULT_DNS_OPTIONS).records;
  expect(records.filter((r) => r.type === 'A').map((r) => `${r.name} ${r.data}`)).toEqual([
    'web.default.svc.cluster.local. 10.96.1.1',
  ]);
});

test('the cluster’s own kubernetes Service answers from inside', () => {
  const a = dnsQuery(cluster([]), { name: 'kubernetes.default.svc.cluster.local', type: 'A' }, DEFAULT_DNS_OPTIONS);
  expect(a.answer.map((r) => r.data)).toEqual(['10.96.0.1']);
});

test('objects an answer did not use are warned about: a typo’d kind, a kind it does not read', () => {
  const c = cluster([
    { apiVersion: 'v1', kind: 'Servcie', metadata: { name: 'web' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } },
  ]);
  expect(dnsRecords(c, DEFAULT_DNS_OPTIONS).warnings).toEqual([
    'Servcie/default/web: not used: no matches for kind "Servcie" in version "v1"; did you mean "Service"?',
    'ConfigMap/default/cfg: not used: DNS does not depend on ConfigMap objects',
  ]);
});
