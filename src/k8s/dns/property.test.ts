// Properties over random, valid clusters: the kernel never throws on them, every record recordsFor
// lists is what answer() returns for its own name and type, and the output depends on the input only.
import fc from 'fast-check';
import type { Cluster, EndpointSlice, KubeObject, Pod, Service } from '../objects';
import { cluster, deepFreeze, endpointSlice, namespace, pod, port, service } from '../testing/builders';
import {
  answer,
  buildIndex,
  QUERY_TYPES,
  recordsFor,
  resolveFromPod,
  zoneFile,
  zoneLine,
  type DnsOptionsInput,
} from '.';

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

const NAMESPACES = ['a', 'b', 'kube-system'];
const APPS = ['x', 'y'];
const EXTERNAL_NAMES = ['db.example.org', 's0.a.svc.cluster.local', '192.0.2.1', 'nothing.b.svc.cluster.local'];
const PORT_SETS = [
  [],
  [port('', 80)],
  [port('http', 80)],
  [port('http', 80), port('dns', 53, 53, 'UDP')],
  [port('http', 80), port('grpc', 81), port('https', 443)],
];

const serviceArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  kind: fc.constantFrom(
    'ClusterIP',
    'NodePort',
    'dual',
    'v6',
    'headless',
    'headless-dual',
    'ExternalName',
    'unallocated',
  ),
  ports: fc.integer({ min: 0, max: PORT_SETS.length - 1 }),
  app: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  publish: fc.boolean(),
  ip: fc.integer({ min: 1, max: 40 }),
  external: fc.constantFrom(...EXTERNAL_NAMES),
});

const podArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  app: fc.constantFrom(...APPS),
  ip: fc.integer({ min: 0, max: 30 }),
  family: fc.constantFrom('v4', 'dual', 'none'),
  ready: fc.boolean(),
  phase: fc.constantFrom('Running', 'Pending', 'Succeeded'),
  hostname: fc.option(fc.constantFrom('h0', 'h1'), { nil: undefined }),
  subdomain: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
});

const sliceArb = fc.record({
  service: fc.integer({ min: 0, max: 6 }),
  ns: fc.constantFrom(...NAMESPACES),
  v6: fc.boolean(),
  named: fc.boolean(),
  endpoints: fc.array(
    fc.record({
      ip: fc.integer({ min: 0, max: 30 }),
      ready: fc.constantFrom(true, false, undefined),
      hostname: fc.option(fc.constantFrom('h0', 'm'), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
});

function buildService(i: number, s: Generated<typeof serviceArb>): Service {
  const name = `s${i}`;
  const selector = s.app ? { selector: { app: s.app } } : {};
  const ports = PORT_SETS[s.ports];
  const v4 = `10.0.${i}.${s.ip}`;
  const v6 = `fd00::${i.toString(16)}:${s.ip.toString(16)}`;
  const clusterIPPorts = ports.length ? ports : [port('', 80)];
  switch (s.kind) {
    case 'ExternalName':
      return service(name, s.ns, { type: 'ExternalName', externalName: s.external });
    case 'headless':
    case 'headless-dual':
      return service(name, s.ns, {
        clusterIP: 'None',
        ports,
        publishNotReadyAddresses: s.publish,
        ...selector,
        ...(s.kind === 'headless-dual' ? { ipFamilyPolicy: 'RequireDualStack' } : {}),
      });
    case 'dual':
      return service(name, s.ns, {
        clusterIP: v4,
        clusterIPs: [v4, v6],
        ipFamilyPolicy: 'RequireDualStack',
        ports: clusterIPPorts,
        ...selector,
      });
    case 'v6':
      return service(name, s.ns, { clusterIP: v6, ports: clusterIPPorts, ...selector });
    case 'unallocated':
      return service(name, s.ns, { ports: clusterIPPorts, ...selector });
    default:
      return service(name, s.ns, { type: s.kind, clusterIP: v4, ports: clusterIPPorts, ...selector });
  }
}

function buildPod(i: number, p: Generated<typeof podArb>): Pod {
  const ips =
    p.family === 'none'
      ? []
      : p.family === 'v4'
        ? [`10.1.0.${p.ip}`]
        : [`10.1.0.${p.ip}`, `fd01::${p.ip.toString(16)}`];
  return pod(`p${i}`, p.ns, {
    labels: { app: p.app },
    ip: ips,
    ready: p.ready,
    phase: p.phase as Pod['status']['phase'],
    ...(p.hostname ? { hostname: p.hostname } : {}),
    ...(p.subdomain !== undefined ? { subdomain: `s${p.subdomain}` } : {}),
    ports: [{ name: 'http', containerPort: 80 }],
  });
}

function buildSlice(i: number, s: Generated<typeof sliceArb>): EndpointSlice {
  return endpointSlice(`given-${i}`, s.ns, {
    service: `s${s.service}`,
    addressType: s.v6 ? 'IPv6' : 'IPv4',
    endpoints: s.endpoints.map((e) => ({
      addresses: [s.v6 ? `fd02::${e.ip.toString(16)}` : `10.2.0.${e.ip}`],
      conditions: e.ready === undefined ? {} : { ready: e.ready },
      ...(e.hostname ? { hostname: e.hostname } : {}),
    })),
    ports: s.named ? [{ name: 'http', port: 8080, protocol: 'TCP' }] : [],
  });
}

const optionsArb: fc.Arbitrary<DnsOptionsInput> = fc.record({
  podMode: fc.constantFrom('insecure', 'verified', 'disabled'),
  ttl: fc.constantFrom(0, 5, 30),
  clusterDomain: fc.constantFrom('cluster.local', 'corp.example'),
});

const clusterArb: fc.Arbitrary<Cluster> = fc
  .record({
    services: fc.array(serviceArb, { maxLength: 7 }),
    pods: fc.array(podArb, { maxLength: 8 }),
    slices: fc.array(sliceArb, { maxLength: 3 }),
    kubeDns: fc.boolean(),
    namespaces: fc.subarray(NAMESPACES),
  })
  .map(({ services, pods, slices, kubeDns, namespaces }) => {
    const objects: KubeObject[] = [
      ...namespaces.map(namespace),
      ...services.map((s, i) => buildService(i, s)),
      ...pods.map((p, i) => buildPod(i, p)),
      ...slices.map((s, i) => buildSlice(i, s)),
    ];
    if (kubeDns)
      objects.push(
        service('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', ports: [port('dns', 53, 53, 'UDP')] }),
      );
    return deepFreeze(cluster(...objects));
  });

/** Names to ask: every listed name, variations of them, and names the cluster knows nothing about. */
const questionArb = fc.record({
  pick: fc.nat(),
  mutation: fc.constantFrom('as-is', 'upper', 'no-dot', 'prefix', 'namespace', 'random'),
  random: fc.stringMatching(/^[a-z0-9*_-]{1,8}(\.[a-z0-9*_-]{1,8}){0,5}$/),
  type: fc.constantFrom(...QUERY_TYPES),
});

function questionName(names: string[], q: Generated<typeof questionArb>): string {
  const base = names.length ? names[q.pick % names.length] : 'web.a.svc.cluster.local.';
  switch (q.mutation) {
    case 'upper':
      return base.toUpperCase();
    case 'no-dot':
      return base.slice(0, -1);
    case 'prefix':
      return `${q.random.split('.')[0]}.${base}`;
    case 'namespace':
      return base.replace(/\.(a|b|kube-system)\.(svc|pod)\./, '.zz.$2.');
    case 'random':
      return q.random;
    default:
      return base;
  }
}

describe('properties over random clusters', () => {
  test('recordsFor, answer and resolveFromPod never throw on valid input', () => {
    fc.assert(
      fc.property(
        clusterArb,
        optionsArb,
        fc.array(questionArb, { minLength: 1, maxLength: 12 }),
        (c, options, questions) => {
          const records = recordsFor(c, options);
          const index = buildIndex(c, options);
          const names = [...new Set(records.map((r) => r.name))];
          for (const q of questions) {
            const got = answer(index, { name: questionName(names, q), type: q.type });
            for (const r of [...got.answer, ...got.additional]) expect(r.name).toBe(r.name.toLowerCase());
          }
          const from = NAMESPACES[questions[0].pick % NAMESPACES.length];
          resolveFromPod(
            c,
            { name: questionName(names, questions[0]).replace(/\.$/, '') || 'x', fromNamespace: from },
            options,
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  test('every record recordsFor lists is answered for its own name and type', () => {
    fc.assert(
      fc.property(clusterArb, optionsArb, (c, options) => {
        const index = buildIndex(c, options);
        const byQuestion = new Map<string, Set<string>>();
        for (const r of recordsFor(c, options)) {
          const key = `${r.name} ${r.type}`;
          if (!byQuestion.has(key))
            byQuestion.set(key, new Set(answer(index, { name: r.name, type: r.type }).answer.map(zoneLine)));
          expect(byQuestion.get(key)).toContain(zoneLine(r));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('the same input gives the same zone, whatever the order of the calls', () => {
    fc.assert(
      fc.property(clusterArb, optionsArb, (c, options) => {
        expect(zoneFile(recordsFor(c, options))).toBe(zoneFile(recordsFor(c, options)));
      }),
      { numRuns: 50 },
    );
  });
});
