// Every capability's input, attacked at random: any subset of its fields (and fields it does not
// have), each left out, null, of the wrong type, hostile in size or a good value. Whatever comes in,
// a capability answers with an output its schema describes, or refuses with our error — never an
// internal one — whose problems name a field that was sent (or the manifests' objects); and it never
// changes what it was given. A computation answers the same in a worker thread as on the event loop:
// the same output, or the same problems. Run on the real services over a real, seeded database.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { parseAllDocuments } from 'yaml';
import { CAPABILITIES } from '../src/capabilities';
import { argumentList, argumentsOf } from '../src/capabilities/args';
import { Budget, DEFAULT_LIMITS, Gate } from '../src/capabilities/budget';
import type { Capability, CapabilityContext } from '../src/capabilities/capability';
import { invoke } from '../src/capabilities/invoke';
import { ComputePool } from '../src/capabilities/pool';
import { KubeknowError } from '../src/errors';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let ctx: CapabilityContext;
const gate = new Gate(DEFAULT_LIMITS.computeConcurrency, DEFAULT_LIMITS.computeQueue);
beforeAll(async () => {
  t = await startTestApp();
  ctx = {
    knowledge: t.knowledge,
    principal: null,
    requireKeyForRead: false,
    linkFor: (slug, lang) => `/v1/concepts/${slug}?lang=${lang}`,
    baseUrl: 'http://kubeknow.test',
    log: pino({ level: 'silent' }),
    budget: new Budget(DEFAULT_LIMITS, gate),
  };
});
const pool = new ComputePool(1);
afterAll(async () => {
  await pool.close();
  await t.close();
});
// Every computation costs at least 1, so each runs in the pool's thread.
const IN_A_THREAD = { ...DEFAULT_LIMITS, computeInlineCost: 0 };

/** What a call answered: its output, or the problems it was refused with. */
const outcome = (call: Promise<{ output: unknown }>) =>
  call.then(
    ({ output }) => ({ output }),
    (err) => {
      if (!(err instanceof KubeknowError)) throw err;
      return { problems: err.problems, details: err.details };
    },
  );

const MANIFESTS = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { clusterIP: None, selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-0, namespace: shop, labels: { app: web } }
spec: { hostname: web-0, subdomain: web, containers: [{ name: c, image: nginx }] }
status: { podIP: 10.1.0.5, conditions: [{ type: Ready, status: "True" }] }
`;
const OBJECTS = parseAllDocuments(MANIFESTS).map((d) => d.toJS() as object);

// Good values, so that some inputs get through to `run`.
const GOOD: Record<string, fc.Arbitrary<unknown>> = {
  slug: fc.constantFrom('headless-service', 'pod', 'service', 'sts', '파드'),
  category: fc.constantFrom('dns', 'services', 'networking'),
  query: fc.constantFrom('headless service', '헤드리스 서비스', 'clusterIP: None'),
  question: fc.constantFrom('why is my pod pending', '파드가 재시작을 반복해요'),
  lang: fc.constantFrom('en', 'ko'),
  limit: fc.integer({ min: 1, max: 100 }),
  budget: fc.integer({ min: 600, max: 5000 }),
  manifests: fc.constant(MANIFESTS),
  objects: fc.constantFrom(OBJECTS, OBJECTS[0], { apiVersion: 'v1', kind: 'List', items: OBJECTS }),
  name: fc.constantFrom('web', 'web.shop', 'kubernetes.default'),
  fromNamespace: fc.constantFrom('shop', 'default'),
  fromPod: fc.constant('shop/web-0'),
  ttl: fc.integer({ min: 0, max: 3600 }),
  podMode: fc.constantFrom('insecure', 'verified', 'disabled'),
  type: fc.constantFrom('A', 'srv', 'AAAA', 'PTR'),
  clusterDomain: fc.constantFrom('cluster.local', 'example.internal'),
  maxEndpointsPerSlice: fc.integer({ min: 1, max: 1000 }),
  pod: fc.constant(OBJECTS[1]),
  cluster: fc.constantFrom({}, { nodes: 2 }, { serviceCIDR: '10.0.0.0/16', nodePortRange: '31000-31999' }),
};
const testdata = (f: string) => readFileSync(join(__dirname, '..', 'src', 'k8s', 'secrets', 'testdata', f), 'utf8');
const CONTAINER = {
  name: 'web',
  image: 'web:1',
  livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 10 },
  readinessProbe: { tcpSocket: { port: 8080 } },
};
const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  status: { allocatable: { cpu: '2', pods: '10' } },
};
// The caller of an edit: a key with the write scope, so its input is read (without one it is refused first).
const EDITOR = { name: 'apikey:property (test)', scopes: ['write' as const] };
const GOOD_FOR: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  removeReference: {
    key: fc.constantFrom('k8s-service', 'k8s-configmap', 'no-such-reference'),
    expectedVersion: fc.integer({ min: 1, max: 3 }),
  },
  dnsQuery: { query: fc.record({ name: fc.constantFrom('web.shop.svc.cluster.local', '5.0.1.10.in-addr.arpa') }) },
  relations: { type: fc.constantFrom('IS_A', 'REQUIRES') },
  podEnvironment: { pod: fc.constantFrom('shop/web-0', 'web-0') },
  schedulingEvaluate: {
    objects: fc.constantFrom([NODE, ...OBJECTS], [NODE]),
    pod: fc.constant({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [CONTAINER] } }),
    scoringStrategy: fc.constantFrom('LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'),
    shape: fc.constant([
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ]),
    percentageOfNodesToScore: fc.integer({ min: 0, max: 100 }),
  },
  probesTimeline: {
    // A container, or a Pod, not both: left to `dropped` to remove, both stood in nearly every run.
    pod: fc.constant(undefined),
    container: fc.constant(CONTAINER),
    restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never'),
    terminationGracePeriodSeconds: fc.integer({ min: 1, max: 60 }),
    scenario: fc.record(
      {
        durationSeconds: fc.integer({ min: 1, max: 600 }),
        startupSeconds: fc.integer({ min: 0, max: 120 }),
        failures: fc.constant([{ probes: 'liveness', from: 30 }]),
      },
      { requiredKeys: [] },
    ),
  },
  secretGeneric: {
    fromLiteral: fc.constantFrom(['user=admin'], ['a=1', 'b=2'], []),
    fromFile: fc.constantFrom([{ filename: 'app.conf', contentBase64: 'eD0x' }], []),
    fromEnvFile: fc.constantFrom([], [], ['A=1\n']),
    appendHash: fc.boolean(),
  },
  secretDecode: {
    manifests: fc.constant('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {user: YWRtaW4=}\n'),
    objects: fc.constant({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'YWRtaW4=' } }),
  },
  secretTls: {
    cert: fc.constant(testdata('rsa.crt')),
    key: fc.constant(testdata('rsa.key')),
    appendHash: fc.boolean(),
  },
  secretDockerRegistry: {
    server: fc.constantFrom('registry.example.com', 'https://index.docker.io/v1/'),
    username: fc.constantFrom('ci', 'robot$ci'),
    password: fc.constantFrom('p4ss', 'tok:en'),
    email: fc.constantFrom('ci@example.com', ''),
  },
};

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('x'.repeat(501), '가'.repeat(5000), 'a'.repeat(200_000), '', ' ', '..', '%00', 'a\u0000b', 'x\ud800'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/**
 * A raw input: good values for the capability's fields (the manifests as objects or as text, not
 * both), then some of them damaged with hostile values or fields it does not have, and some dropped.
 */
function inputs(cap: Capability): fc.Arbitrary<Record<string, unknown>> {
  const names = argumentList(cap.input).map((a) => a.name);
  const good = (n: string) => GOOD_FOR[cap.name]?.[n] ?? GOOD[n];
  const plain = names.filter((n) => good(n) && n !== 'objects' && n !== 'manifests');
  const base = fc.record(Object.fromEntries(plain.map((n) => [n, good(n)])), { requiredKeys: plain });
  const cluster = names.includes('objects')
    ? fc.oneof(fc.record({ manifests: good('manifests') }), fc.record({ objects: good('objects') }))
    : fc.constant({});
  const damage = fc.dictionary(fc.constantFrom(...names, 'extra', 'Limit'), hostile, { maxKeys: 3 });
  const dropped = fc.subarray(names, { maxLength: 2 });
  return fc
    .tuple(base, cluster, fc.oneof(fc.constant({}), damage), fc.oneof(fc.constant([]), dropped))
    .map(([b, c, d, x]) => {
      const raw: Record<string, unknown> = { ...b, ...c, ...d };
      for (const n of x) delete raw[n];
      return raw;
    });
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

for (const cap of CAPABILITIES) {
  test(`${cap.name}: any input is an output its schema describes, or our error naming what was sent`, async () => {
    const fields = new Set([...argumentList(cap.input).map((a) => a.name), 'extra', 'Limit', 'objects']);
    let answered = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(inputs(cap), async (raw) => {
        const given = deepFreeze(structuredClone(raw));
        try {
          const { output } = await invoke(cap, argumentsOf(given), {
            ...ctx,
            principal: cap.scope === 'write' ? EDITOR : null,
            // Each call is a request of its own, with a budget of its own.
            budget: new Budget(DEFAULT_LIMITS, gate),
          });
          expect(cap.output.safeParse(output).success).toBe(true);
          answered++;
        } catch (err) {
          if (!(err instanceof KubeknowError)) throw err;
          refused++;
          expect(err.code).not.toBe('INTERNAL');
          for (const p of err.problems) {
            const field = p.path.split(/[.[]/)[0];
            expect({ path: p.path, known: p.path === '' || fields.has(field) }).toEqual({ path: p.path, known: true });
          }
        }
        expect(given).toEqual(raw);
        if (cap.computes) {
          const here = outcome(invoke(cap, argumentsOf(given), { ...ctx, budget: new Budget(DEFAULT_LIMITS, gate) }));
          const there = outcome(
            invoke(cap, argumentsOf(given), { ...ctx, budget: new Budget(IN_A_THREAD, gate, pool) }),
          );
          expect(await there).toStrictEqual(await here);
        }
      }),
      { numRuns: 40 },
    );
    // Both ways were taken: the inputs reached `run`, and were refused. An edit's good inputs name cited
    // references, which it refuses (CONFLICT): an answer would change the store the other properties read.
    const answers = cap.annotations.readOnly;
    expect({ answered: answered > 0, refused: refused > 0 }).toEqual({ answered: answers, refused: true });
  });
}
