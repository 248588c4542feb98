import type { Cluster, Endpoints } from '../objects';
import { cluster, deepFreeze, endpoints, pod, port, service } from '../testing/builders';
import { endpointsFor } from './index';

// `ns/name: [ports] ready=a(10.0.0.1),… notReady=…` per subset.
function summary(e: Endpoints): string[] {
  const addr = (a: Endpoints['subsets'][0]['addresses'][0]) =>
    `${a.targetRef?.name ?? '?'}(${a.ip}${a.hostname ? ` hostname=${a.hostname}` : ''}${a.nodeName ? ` node=${a.nodeName}` : ''})`;
  return e.subsets.map(
    (s) =>
      `${e.metadata.namespace}/${e.metadata.name}: [${s.ports.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',')}]` +
      ` ready=${s.addresses.map(addr).join(',')} notReady=${s.notReadyAddresses.map(addr).join(',')}`,
  );
}

const app = { app: 'web' };
const web = (spec: Record<string, unknown> = {}) =>
  service('web', 'shop', { selector: app, ports: [port('', 80)], ...spec });

const cases: { name: string; cluster: Cluster; want: string[] }[] = [
  {
    name: 'ready Pods are addresses, not-ready ones notReadyAddresses, sorted by IP',
    cluster: cluster(
      web(),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2' }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.10', ready: false }),
      pod('c', 'shop', { labels: app, ip: '10.0.0.1', nodeName: 'n1' }),
    ),
    want: ['shop/web: [/TCP/80] ready=c(10.0.0.1 node=n1),b(10.0.0.2) notReady=a(10.0.0.10)'],
  },
  {
    name: 'terminating Pods are dropped, and terminal Pods and Pods without IP',
    cluster: cluster(
      web(),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', terminating: true }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', phase: 'Failed' }),
      pod('c', 'shop', { labels: app }),
      pod('d', 'shop', { labels: app, ip: '10.0.0.4' }),
    ),
    want: ['shop/web: [/TCP/80] ready=d(10.0.0.4) notReady='],
  },
  {
    name: 'publishNotReadyAddresses keeps terminating and not-ready Pods, as ready addresses',
    cluster: cluster(
      web({ publishNotReadyAddresses: true }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', terminating: true }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', ready: false }),
    ),
    want: ['shop/web: [/TCP/80] ready=a(10.0.0.1),b(10.0.0.2) notReady='],
  },
  {
    name: 'subsets are repacked: Pods offering the same ports share a subset',
    cluster: cluster(
      web({ ports: [port('http', 80, 'http'), port('metrics', 9090, 9090)] }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2' }),
    ),
    want: [
      'shop/web: [http/TCP/8080] ready=a(10.0.0.1) notReady=',
      'shop/web: [metrics/TCP/9090] ready=a(10.0.0.1),b(10.0.0.2) notReady=',
    ],
  },
  {
    name: 'only the primary IP family is listed; a Pod without it is left out',
    cluster: cluster(
      web({ ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' }),
      pod('a', 'shop', { labels: app, ip: ['10.0.0.1', 'fd00::1'] }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2' }),
    ),
    want: ['shop/web: [/TCP/80] ready=a(fd00::1) notReady='],
  },
  {
    name: 'a headless Service without ports lists its Pods, with hostnames for its subdomain',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.0.0.5', hostname: 'db-0', subdomain: 'db' }),
    ),
    want: ['shop/db: [] ready=db-0(10.0.0.5 hostname=db-0) notReady='],
  },
  {
    name: 'given Endpoints are kept as given; a selector-less or ExternalName Service gets none derived',
    cluster: cluster(
      web(),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1' }),
      endpoints('web', 'shop', [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 80 }] }]),
      service('ext', 'shop', { ports: [port('', 80)] }),
      service('cname', 'shop', { type: 'ExternalName', externalName: 'example.org', selector: app }),
    ),
    want: ['shop/web: [/TCP/80] ready=?(10.9.9.9) notReady='],
  },
];

for (const c of cases) {
  test(c.name, () => expect(endpointsFor(deepFreeze(c.cluster)).flatMap(summary)).toEqual(c.want));
}

test('derived Endpoints are named after the Service and carry its labels, plus the headless label', () => {
  const svc = service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }, { labels: { team: 'data' } });
  const [e] = endpointsFor(deepFreeze(cluster(svc, web())));
  expect(e.metadata).toEqual({
    name: 'db',
    namespace: 'shop',
    labels: { team: 'data', 'service.kubernetes.io/headless': '' },
    annotations: {},
  });
  expect(endpointsFor(cluster(svc, web())).map((x) => x.metadata.name)).toEqual(['db', 'web']);
});

test('a Service selecting nothing still gets an Endpoints object, with no subsets', () => {
  expect(endpointsFor(deepFreeze(cluster(web())))).toEqual([
    {
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: { name: 'web', namespace: 'shop', labels: {}, annotations: {} },
      subsets: [],
    },
  ]);
});

test('more than 1000 addresses are truncated and marked over capacity', () => {
  const pods = Array.from({ length: 1001 }, (_, i) =>
    pod(`p${i}`, 'shop', { labels: app, ip: `10.1.${i >> 8}.${i & 255}` }),
  );
  const [e] = endpointsFor(deepFreeze(cluster(web(), ...pods)));
  expect(e.subsets[0].addresses).toHaveLength(1000);
  expect(e.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
});
