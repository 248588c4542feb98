// Properties over random clusters and Pods (the three the issue names), and the request facade's answer
// to random, partial and hostile requests: a result, or a KubeknowError listing problems at field paths.
import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { schedulingEvaluate } from './request';
import { SchedulerCache } from './cache';
import { buildSnapshot } from './framework/snapshot';
import { scheduleOn, schedulePod } from './schedule';
import { node, pod, state } from './testkit';
import type { SchedulingResult, SchedulingState } from './types';

const ZONES = ['a', 'b', 'c'];
const KEYS = ['dedicated', 'gpu', 'spot'];
const APPS = ['web', 'db'];

const taintArb = fc.record({
  key: fc.constantFrom(...KEYS),
  value: fc.constantFrom('', 'x'),
  effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
});
const tolerationArb = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constant('Exists'),
    effect: fc.constantFrom(undefined, 'NoSchedule', 'NoExecute', 'PreferNoSchedule'),
  }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constant('Equal'), value: fc.constantFrom('', 'x') }),
  fc.constant({ operator: 'Exists' }),
);

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  cpu: fc.constantFrom('1', '2', '4', '4'),
  pods: fc.constantFrom('2', '110', '110'),
  disk: fc.boolean(),
  taints: fc.oneof(fc.constant([]), fc.constant([]), fc.array(taintArb, { maxLength: 2 })),
  unschedulable: fc.constantFrom(false, false, false, true),
});

const boundArb = fc.record({
  node: fc.nat(),
  app: fc.constantFrom(...APPS),
  cpu: fc.constantFrom('100m', '500m', '1'),
  priority: fc.constantFrom(0, 10),
});

// The Pod to place: any mix of the constraints the profile reads (node taints policy left at its
// default, Ignore: with Honor, a toleration can add a domain and tighten the skew — Kubernetes' own rule).
const podArb = fc.record({
  app: fc.constantFrom(...APPS),
  cpu: fc.constantFrom('100m', '100m', '1', '3'),
  priority: fc.constantFrom(0, 5, 100),
  nodeSelector: fc.option(fc.constant({ disk: 'ssd' }), { nil: undefined }),
  zones: fc.option(fc.subarray(ZONES, { minLength: 1 }), { nil: undefined }),
  preferZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  spread: fc.option(
    fc.record({
      maxSkew: fc.integer({ min: 1, max: 2 }),
      key: fc.constantFrom('topology.kubernetes.io/zone', 'kubernetes.io/hostname'),
      hard: fc.boolean(),
    }),
    { nil: undefined },
  ),
  anti: fc.boolean(),
  affinityTo: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
});

type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildNode(i: number, n: Gen<typeof nodeArb>) {
  return node(`n${i}`, {
    cpu: n.cpu,
    pods: n.pods,
    ...(n.zone ? { zone: n.zone } : {}),
    labels: n.disk ? { disk: 'ssd' } : {},
    taints: n.taints,
    unschedulable: n.unschedulable,
  });
}

function buildPod(p: Gen<typeof podArb>, extraTolerations: unknown[] = []) {
  const affinity: Record<string, unknown> = {};
  if (p.zones || p.preferZone)
    affinity.nodeAffinity = {
      ...(p.zones
        ? {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: p.zones }] },
              ],
            },
          }
        : {}),
      ...(p.preferZone
        ? {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                preference: {
                  matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [p.preferZone] }],
                },
              },
            ],
          }
        : {}),
    };
  if (p.anti)
    affinity.podAntiAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: p.app } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    };
  if (p.affinityTo)
    affinity.podAffinity = {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 10,
          podAffinityTerm: {
            labelSelector: { matchLabels: { app: p.affinityTo } },
            topologyKey: 'topology.kubernetes.io/zone',
          },
        },
      ],
    };
  return pod('new', {
    labels: { app: p.app },
    cpu: p.cpu,
    priority: p.priority,
    spec: {
      ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
      ...(Object.keys(affinity).length ? { affinity } : {}),
      ...(p.spread
        ? {
            topologySpreadConstraints: [
              {
                maxSkew: p.spread.maxSkew,
                topologyKey: p.spread.key,
                whenUnsatisfiable: p.spread.hard ? 'DoNotSchedule' : 'ScheduleAnyway',
                labelSelector: { matchLabels: { app: p.app } },
              },
            ],
          }
        : {}),
      tolerations: [...p.tolerations, ...extraTolerations],
    },
  });
}

const clusterArb = fc
  .record({ nodes: fc.array(nodeArb, { minLength: 1, maxLength: 6 }), bound: fc.array(boundArb, { maxLength: 10 }) })
  .map(({ nodes, bound }) => {
    const built = nodes.map((n, i) => buildNode(i, n));
    const pods = bound.map((b, i) =>
      pod(`b${i}`, {
        on: built[b.node % built.length].metadata.name,
        labels: { app: b.app },
        cpu: b.cpu,
        priority: b.priority,
      }),
    );
    return deepFreeze(state(built, pods));
  });

const feasible = (r: SchedulingResult) => new Set(r.nodes.filter((n) => n.feasible).map((n) => n.name));

describe('scheduling properties', () => {
  test('a node that fails any filter is never chosen, and the chosen node has the top score', () => {
    let chosenCount = 0;
    let rejected = 0;
    fc.assert(
      fc.property(clusterArb, podArb, (s, p) => {
        const r = schedulePod(buildPod(p), s);
        rejected += r.nodes.filter((n) => !n.feasible).length;
        const chosen = r.nodes.find((n) => n.name === r.selectedNode);
        if (!chosen) return expect(r.message).toMatch(/^0\/\d+ nodes are available: /);
        chosenCount++;
        expect(chosen.feasible && chosen.failures.length === 0).toBe(true);
        for (const n of r.nodes)
          expect(n.feasible ? n.totalScore <= chosen.totalScore : n.failures.length > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
    // Both branches must be exercised for the property to say something.
    expect([chosenCount > 30, rejected > 100]).toEqual([true, true]);
  });

  test('adding a toleration never removes a feasible node', () => {
    let checked = 0;
    fc.assert(
      fc.property(clusterArb, podArb, tolerationArb, (s, p, extra) => {
        const before = feasible(schedulePod(buildPod(p), s));
        const after = feasible(schedulePod(buildPod(p, [extra]), s));
        for (const n of before) expect(after.has(n)).toBe(true);
        checked += before.size;
      }),
      { numRuns: 200 },
    );
    // The generators must give feasible nodes often enough for the property to say something.
    expect(checked).toBeGreaterThan(50);
  });

  test('a Pod that fits on a node still fits there after unrelated Nodes are added', () => {
    // Unrelated: empty, and without the labels the Pod's constraints read (no zone, hostname or disk).
    let checked = 0;
    const unrelatedArb = fc.array(fc.record({ cpu: fc.constantFrom('1', '8'), tainted: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(clusterArb, podArb, unrelatedArb, (s, p, extra) => {
        const added = extra.map((e, i) => {
          const n = node(`extra${i}`, {
            cpu: e.cpu,
            ...(e.tainted ? { taints: [{ key: 'spot', effect: 'NoSchedule' }] } : {}),
          });
          return { ...n, metadata: { ...n.metadata, labels: { pool: 'extra' } } };
        });
        const before = feasible(schedulePod(buildPod(p), s));
        const after = feasible(schedulePod(buildPod(p), { ...s, nodes: [...s.nodes, ...added] }));
        for (const n of before) expect(after.has(n)).toBe(true);
        checked += before.size;
      }),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});

// The dry-run schedules Pod after Pod on one cache, adding each placed Pod to its node; a fresh snapshot
// of the same bound Pods must give the same answer for every Pod, to the last explanation. A Service
// selecting one app brings in the default spread constraints; a Pod named like a bound one is scheduled
// without it, as schedulePod leaves the Pod itself out.
test('the cache, assuming each placed Pod, answers as a fresh snapshot of the same Pods would', () => {
  let placed = 0;
  const service = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: 'web', namespace: 'default', labels: {}, annotations: {} },
    spec: { selector: { app: 'web' } },
  } as never;
  const runArb = fc.record({
    cluster: clusterArb,
    pods: fc.array(fc.record({ pod: podArb, reuse: fc.constantFrom(false, false, false, true) }), { maxLength: 8 }),
    services: fc.boolean(),
  });
  fc.assert(
    fc.property(runArb, ({ cluster, pods, services }) => {
      const s: SchedulingState = deepFreeze({ ...cluster, services: services ? [service] : [] });
      const cache = new SchedulerCache(s);
      let bound = s.pods;
      pods.forEach(({ pod: p, reuse }, i) => {
        const built = buildPod(p);
        const name = reuse && bound.length ? bound[0].metadata.name : `new-${i}`;
        const incoming = deepFreeze({ ...built, metadata: { ...built.metadata, name } });
        const fresh = schedulePod(incoming, { ...s, pods: bound });
        expect(cache.schedule(incoming)).toEqual(fresh);
        expect(cache.decide(incoming)).toEqual({ selectedNode: fresh.selectedNode, message: fresh.message });
        if (!fresh.selectedNode || reuse) return;
        const on = deepFreeze({ ...incoming, spec: { ...incoming.spec, nodeName: fresh.selectedNode } });
        cache.assume(on);
        bound = [...bound, on];
        placed++;
      });
    }),
    { numRuns: 150 },
  );
  // The property is about assumed Pods, so most runs must place some (about 90–200 of 150 runs' Pods do).
  expect(placed).toBeGreaterThan(30);
});

// With percentageOfNodesToScore the search may stop before the last node, so a snapshot sums a node's
// requests only when a plugin reads them, where without it the one pass over the Pods sums them all.
// Both must answer alike, to the last explanation: on clusters large enough for the search to stop
// early (kube-scheduler looks for at least 100 feasible nodes), and on small ones, where any percentage
// examines every node and so answers as no sampling does.
describe('sampling reads only the nodes it reaches, and answers as if it had read them all', () => {
  // Random nodes among 150 to 220 plain ones, so that often more than 100 nodes are feasible.
  const largeArb = fc
    .record({
      odd: fc.array(nodeArb, { maxLength: 10 }),
      plain: fc.array(fc.constantFrom(...ZONES), { minLength: 150, maxLength: 220 }),
      bound: fc.array(boundArb, { maxLength: 60 }),
    })
    .map(({ odd, plain, bound }) => {
      const built = [...odd.map((n, i) => buildNode(i, n)), ...plain.map((zone, i) => node(`plain${i}`, { zone }))];
      const pods = bound.map((b, i) =>
        pod(`b${i}`, { on: built[b.node % built.length].metadata.name, labels: { app: b.app }, cpu: b.cpu }),
      );
      return deepFreeze(state(built, pods));
    });

  // Pods free to go to most plain nodes: no nodeSelector, no required zones.
  const wideArb = podArb.map((p) => ({ ...p, nodeSelector: undefined, zones: undefined }));

  test('a lazily summed snapshot gives the answer of one summed whole', () => {
    let stoppedEarly = 0;
    fc.assert(
      fc.property(largeArb, wideArb, fc.integer({ min: 0, max: 40 }), (s, p, percentage) => {
        const incoming = deepFreeze(buildPod(p));
        const options = { percentageOfNodesToScore: percentage };
        const lazy = schedulePod(incoming, s, options);
        const { snapshot, warnings } = buildSnapshot(s, incoming, false);
        const podOrder = () => new Map(s.pods.map((q, i) => [q, i]));
        const input = { pod: incoming, snapshot, warnings, priorityClasses: s.priorityClasses, podOrder };
        expect(lazy).toEqual(scheduleOn(input, options, true));
        if (lazy.nodes.some((n) => !n.evaluated)) stoppedEarly++;
      }),
      { numRuns: 80 },
    );
    // The property is about nodes left unread, so the search must stop early in many runs.
    expect(stoppedEarly).toBeGreaterThan(10);
  });

  test('on a cluster under 100 nodes, any percentage answers as no sampling does', () => {
    fc.assert(
      fc.property(clusterArb, podArb, fc.integer({ min: 0, max: 99 }), (s, p, percentage) => {
        const incoming = deepFreeze(buildPod(p));
        expect(schedulePod(incoming, s, { percentageOfNodesToScore: percentage })).toEqual(schedulePod(incoming, s));
      }),
      { numRuns: 200 },
    );
  });
});

// Requests built from random subsets of valid fields, with hostile values mixed in.
const hostile = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(70000)),
  fc.integer(),
  fc.constant(1e308),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.constant({ kind: 'Pod' }), { maxLength: 3 }),
);
const validNode = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } },
};
const validPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '1' } } }] },
};

const requestArb = fc
  .record(
    {
      objects: fc.oneof(fc.constant([validNode, validPod]), fc.constant([validNode]), hostile),
      pod: fc.oneof(fc.constant(validPod), hostile),
      manifests: fc.oneof(
        fc.constant(undefined),
        fc.constant('kind: Node\napiVersion: v1\nmetadata: {name: n}\n---\n'),
        hostile,
      ),
      scoringStrategy: fc.oneof(fc.constantFrom('LeastAllocated', 'MostAllocated', 'Fastest'), hostile),
      percentageOfNodesToScore: fc.oneof(fc.integer({ min: -5, max: 105 }), hostile),
      shape: fc.oneof(
        fc.constant([
          { utilization: 0, score: 10 },
          { utilization: 100, score: 0 },
        ]),
        hostile,
      ),
      extra: hostile,
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

test('the facade answers any request with a result or with problems at field paths, never another error', () => {
  fc.assert(
    fc.property(requestArb, (request) => {
      try {
        const r = schedulingEvaluate(deepFreeze(request));
        expect(typeof r.selectedNode === 'string' || r.message !== null).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(KubeknowError);
        const problems = (e as KubeknowError).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) expect(typeof p.path).toBe('string');
      }
    }),
    { numRuns: 300 },
  );
});
