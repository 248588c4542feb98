// Every computation runs on the settled cluster: the issue's own examples, from manifests as people
// write them, and the warnings about objects an answer did not use.
import { dnsQuery, dnsRecords, endpointSlices } from '..';
import { DEFAULT_DNS_OPTIONS } from '../dns';
import { parseObjects } from '../objects';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
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

// The DNS and EndpointSlice routes and cluster/apply warn about the same manifests alike (warnings.ts).
const sameWarningCases: [string, Record<string, unknown>[], RegExp][] = [
  [
    'a StatefulSet whose serviceName names no Service',
    [statefulSet('db', 1, 'db')],
    /^StatefulSet\/default\/db: serviceName "db" names no Service in namespace default, so its Pods get no DNS names/,
  ],
  [
    'a StatefulSet whose serviceName names a Service that is not headless',
    [service('db', { selector: { app: 'db' } }), statefulSet('db', 1, 'db')],
    /^StatefulSet\/default\/db: serviceName "db" names Service db, which is not headless: CoreDNS serves its Pods' names/,
  ],
  [
    'objects in a namespace with no Namespace object',
    [service('db', { clusterIP: 'None', selector: { app: 'db' } }, 'data'), statefulSet('db', 1, 'db', 'data')],
    /^Service\/data\/db: namespaces "data" not found: a cluster without that namespace refuses it/,
  ],
  [
    'a Service whose selector matches no Pod',
    [service('web', { selector: { app: 'nothing' } })],
    /^Service\/default\/web: its selector app=nothing matches no Pod in namespace default/,
  ],
];

test.each(sameWarningCases)('DNS and EndpointSlice answers carry cluster/apply’s warnings: %s', (_, objects, want) => {
  const applied = clusterApply(deepFreeze(objects)).warnings;
  expect(applied).toContainEqual(expect.stringMatching(want));
  const c = cluster(objects);
  const question = { name: 'db.default.svc.cluster.local', type: 'A' } as const;
  expect(dnsQuery(c, question, DEFAULT_DNS_OPTIONS).warnings).toEqual(applied);
  expect(dnsRecords(c, DEFAULT_DNS_OPTIONS).warnings).toEqual(applied);
  expect(endpointSlices(c, {}).warnings).toEqual(applied);
});

test('a snapshot’s objects (a Pod with a status, a Service with its cluster IP) are not warned about: they already run', () => {
  const c = cluster([
    { ...service('web', { clusterIP: '10.96.5.5', selector: { app: 'none' } }, 'shop') },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
      status: { phase: 'Pending', podIPs: [] },
    },
  ]);
  expect(dnsRecords(c, DEFAULT_DNS_OPTIONS).warnings).toEqual([]);
});
