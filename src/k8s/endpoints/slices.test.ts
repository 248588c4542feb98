import { KubeknowError } from '../../errors';
import type { Cluster, EndpointSlice } from '../objects';
import { cluster, deepFreeze, endpointSlice, endpoints, node, pod, port, service } from '../testing/builders';
import { endpointSlicesFor, slicesByService } from './index';

// One line per slice: `IPv4 [http/TCP/8080] web-a 10.0.0.1 ready,serving | …`, extras in braces.
function summary(s: EndpointSlice): string {
  const ports = s.ports.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',');
  const eps = s.endpoints.map((e) => {
    const conds = (['ready', 'serving', 'terminating'] as const).filter((k) => e.conditions[k]).join(',') || '-';
    const extra = [
      e.hostname && `hostname=${e.hostname}`,
      e.nodeName && `node=${e.nodeName}`,
      e.zone && `zone=${e.zone}`,
    ]
      .filter(Boolean)
      .join(' ');
    return `${e.targetRef?.name ?? '?'} ${e.addresses.join(',')} ${conds}${extra ? ` {${extra}}` : ''}`;
  });
  return `${s.metadata.namespace}/${s.metadata.labels['kubernetes.io/service-name']} ${s.addressType} [${ports}]${eps.length ? ` ${eps.join(' | ')}` : ''}`;
}

const web = (spec: Record<string, unknown> = {}) =>
  service('web', 'shop', { selector: { app: 'web' }, ports: [port('', 80)], ...spec });
const app = { app: 'web' };

const cases: { name: string; cluster: Cluster; want: string[] }[] = [
  {
    name: 'the selector picks Pods with its labels in its own namespace, by Pod name',
    cluster: cluster(
      web(),
      pod('web-b', 'shop', { labels: app, ip: '10.0.0.2' }),
      pod('web-a', 'shop', { labels: app, ip: '10.0.0.1' }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.0.0.3' }),
      pod('web-c', 'other', { labels: app, ip: '10.0.1.1' }),
    ),
    want: ['shop/web IPv4 [/TCP/80] web-a 10.0.0.1 ready,serving | web-b 10.0.0.2 ready,serving'],
  },
  {
    name: 'Pods without an IP and terminal Pods are left out; a hostNetwork Pod is in, with its node IP',
    cluster: cluster(
      web(),
      pod('a-pending', 'shop', { labels: app }),
      pod('b-done', 'shop', { labels: app, ip: '10.0.0.2', phase: 'Succeeded' }),
      pod('c-failed', 'shop', { labels: app, ip: '10.0.0.3', phase: 'Failed' }),
      pod('d-host', 'shop', { labels: app, ip: '192.168.1.10', spec: { hostNetwork: true } }),
    ),
    want: ['shop/web IPv4 [/TCP/80] d-host 192.168.1.10 ready,serving'],
  },
  {
    name: 'a not-ready Pod is neither ready nor serving; a terminating one serves while it is ready, but is never ready',
    cluster: cluster(
      web(),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', ready: false }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', terminating: true }),
      pod('c', 'shop', { labels: app, ip: '10.0.0.3', terminating: true, ready: false }),
    ),
    want: ['shop/web IPv4 [/TCP/80] a 10.0.0.1 - | b 10.0.0.2 serving,terminating | c 10.0.0.3 terminating'],
  },
  {
    name: 'publishNotReadyAddresses makes every endpoint ready',
    cluster: cluster(
      web({ publishNotReadyAddresses: true }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', ready: false }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', terminating: true }),
    ),
    want: ['shop/web IPv4 [/TCP/80] a 10.0.0.1 ready | b 10.0.0.2 ready,serving,terminating'],
  },
  {
    name: 'a named targetPort resolves per Pod; a Pod without that port gets a slice without it',
    cluster: cluster(
      web({ ports: [port('http', 80, 'http'), port('metrics', 9090, 9090)] }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 8081 }] }),
      pod('c', 'shop', { labels: app, ip: '10.0.0.3', ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('d', 'shop', {
        labels: app,
        ip: '10.0.0.4',
        ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }],
      }),
    ),
    want: [
      'shop/web IPv4 [http/TCP/8080,metrics/TCP/9090] a 10.0.0.1 ready,serving',
      'shop/web IPv4 [http/TCP/8081,metrics/TCP/9090] b 10.0.0.2 ready,serving',
      'shop/web IPv4 [metrics/TCP/9090] c 10.0.0.3 ready,serving | d 10.0.0.4 ready,serving',
    ],
  },
  {
    name: 'a named port on a sidecar (an init container that keeps running) counts',
    cluster: cluster(
      web({ ports: [port('proxy', 80, 'proxy')] }),
      pod('a', 'shop', {
        labels: app,
        ip: '10.0.0.1',
        spec: {
          initContainers: [
            {
              name: 'envoy',
              image: 'envoy',
              restartPolicy: 'Always',
              ports: [{ name: 'proxy', containerPort: 15001 }],
            },
          ],
        },
      }),
    ),
    want: ['shop/web IPv4 [proxy/TCP/15001] a 10.0.0.1 ready,serving'],
  },
  {
    name: 'a dual-stack Service gets a slice per family; a dual-stack Pod appears in both, IPv6 written canonically',
    cluster: cluster(
      // With its clusterIP: clusterIPs alone are refused, as the API server refuses them (ValidateServiceClusterIPsRelatedFields).
      // And with a dual-stack policy: without one, initIPFamilyFields (pkg/registry/core/service/storage/alloc.go)
      // defaults SingleStack and refuses two cluster IPs (was: two IPs defaulted RequireDualStack).
      web({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilyPolicy: 'RequireDualStack' }),
      pod('a', 'shop', { labels: app, ip: ['10.0.0.1', 'FD00:0:0:0::1'] }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2' }),
    ),
    want: [
      'shop/web IPv4 [/TCP/80] a 10.0.0.1 ready,serving | b 10.0.0.2 ready,serving',
      'shop/web IPv6 [/TCP/80] a fd00::1 ready,serving',
    ],
  },
  {
    name: "hostname is set when the Pod's subdomain names the Service; nodeName always, zone from a listed Node",
    cluster: cluster(
      web({ clusterIP: 'None' }),
      node('n1', { zone: 'eu-1a' }),
      node('n2'),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', hostname: 'a', subdomain: 'web', nodeName: 'n1' }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', hostname: 'b', subdomain: 'other', nodeName: 'n2' }),
    ),
    want: [
      'shop/web IPv4 [/TCP/80] a 10.0.0.1 ready,serving {hostname=a node=n1 zone=eu-1a} | b 10.0.0.2 ready,serving {node=n2}',
    ],
  },
  {
    name: 'with Nodes listed, a Pod on an unlisted Node is skipped, as the controller skips it',
    cluster: cluster(
      web(),
      node('n1'),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1', nodeName: 'n1' }),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', nodeName: 'gone' }),
    ),
    want: ['shop/web IPv4 [/TCP/80] a 10.0.0.1 ready,serving {node=n1}'],
  },
  {
    name: '…unless the Service publishes not-ready addresses',
    cluster: cluster(
      web({ publishNotReadyAddresses: true }),
      node('n1'),
      pod('b', 'shop', { labels: app, ip: '10.0.0.2', nodeName: 'gone' }),
    ),
    want: ['shop/web IPv4 [/TCP/80] b 10.0.0.2 ready,serving {node=gone}'],
  },
  {
    name: 'a selector that matches nothing gets an empty placeholder slice',
    cluster: cluster(web()),
    want: ['shop/web IPv4 []'],
  },
  {
    name: 'a headless Service without ports lists its Pods in a slice without ports',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.0.0.9' }),
    ),
    want: ['shop/db IPv4 [] db-0 10.0.0.9 ready,serving'],
  },
  {
    name: 'given slices win: they are used as they are and nothing is derived for their Service',
    cluster: cluster(
      web(),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1' }),
      endpointSlice('web-given', 'shop', {
        service: 'web',
        endpoints: [{ addresses: ['10.9.9.9'], conditions: { ready: true } }],
        ports: [{ port: 80 }],
      }),
    ),
    want: ['shop/web IPv4 [/TCP/80] ? 10.9.9.9 ready'],
  },
  {
    name: 'a selector-less Service with given slices uses them',
    cluster: cluster(
      service('ext', 'shop', { ports: [port('', 5432)] }),
      endpointSlice('ext-1', 'shop', {
        service: 'ext',
        endpoints: [{ addresses: ['192.168.0.10'] }],
        ports: [{ port: 5432 }],
      }),
    ),
    want: ['shop/ext IPv4 [/TCP/5432] ? 192.168.0.10 -'],
  },
  {
    name: 'a selector-less Service with given Endpoints gets them mirrored: ready and not-ready, per family',
    cluster: cluster(
      service('ext', 'shop', { ports: [port('pg', 5432)] }),
      endpoints('ext', 'shop', [
        {
          addresses: [{ ip: '192.168.0.10', hostname: 'db-0', nodeName: 'n1' }, { ip: '2001:db8::0:10' }],
          notReadyAddresses: [{ ip: '192.168.0.11' }],
          ports: [{ name: 'pg', port: 5432 }],
        },
      ]),
    ),
    want: [
      'shop/ext IPv4 [pg/TCP/5432] ? 192.168.0.10 ready {hostname=db-0 node=n1} | ? 192.168.0.11 -',
      'shop/ext IPv6 [pg/TCP/5432] ? 2001:db8::10 ready',
    ],
  },
  {
    name: 'Endpoints labelled skip-mirror, or without a Service, or for a Service with a selector are not mirrored',
    cluster: cluster(
      service('ext', 'shop', { ports: [port('', 5432)] }),
      endpoints('ext', 'shop', [{ addresses: [{ ip: '192.168.0.10' }], ports: [{ port: 5432 }] }], {
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      }),
      endpoints('orphan', 'shop', [{ addresses: [{ ip: '192.168.0.12' }], ports: [{ port: 5432 }] }]),
      web(),
      endpoints('web', 'shop', [{ addresses: [{ ip: '192.168.0.13' }], ports: [{ port: 80 }] }]),
    ),
    want: ['shop/web IPv4 []'],
  },
  {
    name: 'an ExternalName Service has no endpoints, even with a selector',
    cluster: cluster(
      service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org', selector: app }),
      pod('a', 'shop', { labels: app, ip: '10.0.0.1' }),
    ),
    want: [],
  },
  {
    name: 'slices come sorted by namespace, then Service',
    cluster: cluster(
      service('b', 'x', { selector: app, ports: [port('', 80)] }),
      service('a', 'x-y', { selector: app, ports: [port('', 80)] }),
      service('a', 'x', { selector: app, ports: [port('', 80)] }),
    ),
    want: ['x/a IPv4 []', 'x/b IPv4 []', 'x-y/a IPv4 []'],
  },
];

for (const c of cases) {
  test(c.name, () => expect(endpointSlicesFor(deepFreeze(c.cluster)).map(summary)).toEqual(c.want));
}

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    pod(`web-${String(i).padStart(3, '0')}`, 'shop', { labels: app, ip: `10.0.${i >> 8}.${i & 255}` }),
  );

test('250 Pods make 3 slices of at most 100, in Pod-name order', () => {
  const slices = endpointSlicesFor(deepFreeze(cluster(web(), ...many(250))));
  expect(slices.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
  expect(slices.flatMap((s) => s.endpoints.map((e) => e.targetRef?.name))).toEqual(
    many(250).map((p) => p.metadata.name),
  );
  expect(new Set(slices.map((s) => s.metadata.name)).size).toBe(3);
});

test('maxEndpointsPerSlice is honoured, and must be 1–1000', () => {
  const c = deepFreeze(cluster(web(), ...many(250)));
  expect(endpointSlicesFor(c, { maxEndpointsPerSlice: 120 }).map((s) => s.endpoints.length)).toEqual([120, 120, 10]);
  const e = (() => {
    try {
      endpointSlicesFor(c, { maxEndpointsPerSlice: 0 });
    } catch (x) {
      return x;
    }
  })();
  expect(e).toBeInstanceOf(KubeknowError);
  expect((e as KubeknowError).problems[0]).toEqual({
    code: 'FIELD_INVALID',
    path: 'maxEndpointsPerSlice',
    message: 'must be between 1 and 1000',
  });
});

test("derived slices carry the controller's metadata: generated-looking name, labels, owner", () => {
  const svc = service(
    'web',
    'shop',
    { clusterIP: 'None', selector: app, ports: [port('', 80)] },
    { uid: 'u-1', labels: { team: 'a', 'kubernetes.io/service-name': 'x' } },
  );
  const [s] = endpointSlicesFor(
    deepFreeze(cluster(svc, pod('a', 'shop', { labels: app, ip: '10.0.0.1', uid: 'p-1' }))),
  );
  expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  expect(s.metadata.labels).toEqual({
    team: 'a',
    'service.kubernetes.io/headless': '',
    'kubernetes.io/service-name': 'web',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  expect(s.metadata.ownerReferences).toEqual([
    { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true },
  ]);
  expect(s.endpoints[0].targetRef).toEqual({ kind: 'Pod', namespace: 'shop', name: 'a', uid: 'p-1' });
});

test('mirrored slices are labelled for the mirroring controller and owned by the Endpoints', () => {
  const c = cluster(
    service('ext', 'shop', { ports: [port('', 5432)] }),
    endpoints('ext', 'shop', [{ addresses: [{ ip: '192.168.0.10' }], ports: [{ port: 5432 }] }], {
      uid: 'e-1',
      labels: { team: 'db' },
    }),
  );
  const [s] = endpointSlicesFor(deepFreeze(c));
  expect(s.metadata.labels).toEqual({
    team: 'db',
    'kubernetes.io/service-name': 'ext',
    'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
  });
  expect(s.metadata.ownerReferences).toEqual([
    { apiVersion: 'v1', kind: 'Endpoints', name: 'ext', uid: 'e-1', controller: true, blockOwnerDeletion: true },
  ]);
});

test('the same cluster, in any input order, gives the same slices', () => {
  const objects = [
    web({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilyPolicy: 'RequireDualStack' }),
    ...many(120),
    pod('z', 'shop', { labels: app, ip: ['10.1.0.1', 'fd00::9'] }),
  ];
  const once = endpointSlicesFor(deepFreeze(cluster(...objects)));
  expect(endpointSlicesFor(deepFreeze(cluster(...[...objects].reverse())))).toEqual(once);
});

test('slicesByService has every Service, sorted, and given slices of absent Services', () => {
  const c = cluster(
    web(),
    service('ext', 'shop', { ports: [port('', 80)] }),
    service('a', 'apps', { selector: app, ports: [port('', 80)] }),
    endpointSlice('gone-1', 'shop', { service: 'gone' }),
  );
  const byService = slicesByService(deepFreeze(c));
  expect([...byService.keys()]).toEqual(['apps/a', 'shop/ext', 'shop/gone', 'shop/web']);
  expect(byService.get('shop/ext')).toEqual([]);
  expect(byService.get('shop/gone')?.map((s) => s.metadata.name)).toEqual(['gone-1']);
});

test("a Pod's first Ready condition decides, as podutil.GetPodCondition finds it", () => {
  const p = pod('a', 'shop', { labels: app, ip: '10.0.0.1' });
  const twice = {
    ...p,
    status: {
      ...p.status,
      conditions: [
        { type: 'Ready', status: 'False' as const },
        { type: 'Ready', status: 'True' as const },
      ],
    },
  };
  expect(endpointSlicesFor(cluster(web(), twice)).map(summary)).toEqual(['shop/web IPv4 [/TCP/80] a 10.0.0.1 -']);
});
