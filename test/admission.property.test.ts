// podAdmission's input at random: namespaces of LimitRanges (any subset of min, max, default,
// defaultRequest and maxLimitRequestRatio per item), ResourceQuotas (any subset of hard resources and
// scopes), running Pods and a new Pod, with quantities from ordinary to hostile (1e2147483647, three
// hundred nines, 1n), fields left out at random. Whatever comes in, the capability answers with an output
// its schema describes, or refuses with field problems; the same input gives the same answer; nothing
// given is changed; and an admitted Pod keeps what it asked for, keeps requests within limits, and is
// charged nothing past a quota's hard limit.
import fc from 'fast-check';
import { Budget, DEFAULT_LIMITS, Gate } from '../src/capabilities/budget';
import pino from 'pino';
import { podAdmission } from '../src/capabilities';
import { argumentsOf } from '../src/capabilities/args';
import type { CapabilityContext } from '../src/capabilities/capability';
import { invoke } from '../src/capabilities/invoke';
import { KubeknowError } from '../src/errors';
import { cmp, parseQuantity } from '../src/k8s/quantity';

const gate = new Gate(DEFAULT_LIMITS.computeConcurrency, DEFAULT_LIMITS.computeQueue);
// Each call is a request of its own, with a budget of its own.
const ctx = () =>
  ({
    principal: null,
    requireKeyForRead: false,
    linkFor: (slug: string) => `/v1/concepts/${slug}`,
    baseUrl: 'http://kubeknow.test',
    log: pino({ level: 'silent' }),
    budget: new Budget(DEFAULT_LIMITS, gate),
  }) as unknown as CapabilityContext; // a computation reads no knowledge

type Fields = Record<string, unknown>;

const quantity = fc.constantFrom(
  '0',
  '100m',
  '250m',
  '500m',
  '1',
  '1.5',
  '2',
  '64Mi',
  '128Mi',
  '1Gi',
  '2Gi',
  '1e3',
  '1n',
);
const hostileQuantity = fc.constantFrom('1e2147483647', '9'.repeat(300), '-1', '1e-9', '0.5Ki');
const amount = fc.oneof({ weight: 4, arbitrary: quantity }, { weight: 1, arbitrary: hostileQuantity });
const RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'example.com/gpu'];
const list = fc.dictionary(fc.constantFrom(...RESOURCES), amount, { maxKeys: 3 });

const container = (name: string) =>
  fc
    .record({ requests: list, limits: list }, { requiredKeys: [] })
    .map((resources) => ({ name, image: 'nginx', resources }));
const podSpec = fc.record(
  {
    containers: fc
      .array(fc.nat(), { minLength: 1, maxLength: 3 })
      .chain((xs) => fc.tuple(...xs.map((_, i) => container(`c${i}`)))),
    priorityClassName: fc.constantFrom('high', 'low'),
    activeDeadlineSeconds: fc.constantFrom(0, 60),
    restartPolicy: fc.constantFrom('Always', 'Never'),
  },
  { requiredKeys: ['containers'] },
);
const pod = (name: string) =>
  fc.tuple(podSpec, fc.constantFrom('Running', 'Succeeded', 'Pending')).map(([spec, phase]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    spec,
    status: { phase },
  }));

const item = fc.record(
  {
    type: fc.constantFrom('Container', 'Pod'),
    min: list,
    max: list,
    default: list,
    defaultRequest: list,
    maxLimitRequestRatio: fc.dictionary(fc.constantFrom(...RESOURCES), fc.constantFrom('1', '2', '4', '1500m'), {
      maxKeys: 2,
    }),
  },
  { requiredKeys: ['type'] },
);
const limitRange = fc.array(item, { maxLength: 2 }).map((limits) => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'limits', namespace: 'shop' },
  spec: { limits },
}));
const HARD = [
  'pods',
  'count/pods',
  'requests.cpu',
  'limits.cpu',
  'requests.memory',
  'limits.memory',
  'cpu',
  'requests.example.com/gpu',
  'services',
];
const quota = (name: string) =>
  fc
    .record(
      {
        hard: fc.dictionary(fc.constantFrom(...HARD), fc.oneof(quantity, fc.constantFrom('1', '3')), {
          minKeys: 1,
          maxKeys: 4,
        }),
        scopes: fc.subarray(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating']),
        scopeSelector: fc.constant({
          matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }],
        }),
      },
      { requiredKeys: ['hard'] },
    )
    .map((spec) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'shop' }, spec }));

const namespace = fc.record({
  objects: fc
    .tuple(
      fc.option(limitRange, { nil: undefined }),
      fc.array(quota('q'), { maxLength: 1 }),
      fc.array(quota('r'), { maxLength: 1 }),
      fc.array(pod('old'), { maxLength: 1 }),
    )
    .map(([lr, q, r, pods]) => [...(lr ? [lr] : []), ...q, ...r, ...pods]),
  pod: pod('new'),
});

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const q = (s: string) => parseQuantity(s);

test('any namespace and Pod: a described answer or field problems, the same every time, nothing changed', async () => {
  let admitted = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(namespace, async (raw) => {
      const given = deepFreeze(structuredClone(raw));
      let first: unknown;
      try {
        const { output } = await invoke(podAdmission, argumentsOf(given), ctx());
        first = output;
        expect(podAdmission.output.safeParse(output).success).toBe(true);
        const again = await invoke(podAdmission, argumentsOf(given), ctx());
        expect(again.output).toEqual(output);
        if (output.allowed) {
          admitted++;
          checkAdmitted(output.pod, raw.pod, output.quota);
        } else {
          expect(output.messages).toHaveLength(1);
          expect(output.messages[0]).toMatch(/^(pods "new" is forbidden: |Pod "new" is invalid: )/);
        }
      } catch (err) {
        if (!(err instanceof KubeknowError)) throw err;
        refused++;
        for (const p of err.problems) {
          expect(p.code).toMatch(/^FIELD_/);
          expect(p.path === '' || /^(objects|pod)\b/.test(p.path)).toBe(true);
        }
      }
      expect(given).toEqual(raw);
      return first === undefined || first !== null;
    }),
    { numRuns: 150 },
  );
  expect({ admitted: admitted > 0, refused: refused > 0 }).toEqual({ admitted: true, refused: true });
});

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

function checkAdmitted(
  podOut: Fields,
  podIn: Fields,
  quotas: { matches: boolean; resources: { requested: string; exceeded: boolean }[] }[],
): void {
  const given = (podIn.spec as { containers: { resources: Resources }[] }).containers;
  const got = (podOut.spec as { containers: { resources: Resources }[] }).containers;
  got.forEach((c, i) => {
    const asked = given[i].resources;
    // What the Pod asked for is kept (canonically printed); limits stand in for missing requests.
    for (const field of ['requests', 'limits'] as const)
      for (const [k, v] of Object.entries(asked[field] ?? {})) expect(cmp(q(c.resources[field]![k]), q(v))).toBe(0);
    for (const [k, v] of Object.entries(c.resources.requests ?? {})) {
      const limit = c.resources.limits?.[k];
      if (limit) expect(cmp(q(v), q(limit))).toBeLessThanOrEqual(0);
    }
  });
  for (const quota of quotas.filter((x) => x.matches))
    for (const line of quota.resources) if (line.requested !== '0') expect(line.exceeded).toBe(false);
}
