// The admission stage of the dry-run: a StatefulSet's controller stops asking for Pods once the API server
// refuses one. Expected behaviour from pkg/controller/statefulset/stateful_set_control.go (runForAll:
// monotonic OrderedReady returns at the first error; Parallel's slowStartBatch finishes the failing batch of
// 1, 2, 4, … and stops) and event texts from stateful_pod_control.go's recordPodEvent.
import fc from 'fast-check';
import { deepFreeze } from '../testing/builders';
import { lastOrdinalAsked } from './admission';
import { clusterApply } from './apply';
import { deployment, names, podQuota, statefulSet } from './testkit';

type Obj = Record<string, unknown>;

const limits = (max: string): Obj => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'max', namespace: 'default' },
  spec: { limits: [{ type: 'Container', max: { cpu: max } }] },
});
const withPolicy = (s: Obj, podManagementPolicy: string, more: Obj = {}): Obj => ({
  ...s,
  spec: { ...(s.spec as Obj), podManagementPolicy, ...more },
});
const exceeded = (n: number) =>
  `is forbidden: exceeded quota: pods, requested: pods=1, used: pods=${n}, limited: pods=${n}`;

test.each([
  ['OrderedReady', 0, 0],
  ['OrderedReady', 7, 7],
  ['Parallel', 0, 0],
  ['Parallel', 1, 2],
  ['Parallel', 2, 2],
  ['Parallel', 3, 6],
  ['Parallel', 7, 14],
  ['Parallel', 1000, 1010],
] as const)('%s: refused at ordinal %i, the controller asks up to %i', (policy, refused, last) => {
  // Parallel batches: [0] [1,2] [3..6] [7..14] … [255..510] then 500 each: [511..1010].
  expect(lastOrdinalAsked(policy, refused)).toBe(last);
});

interface StopCase {
  name: string;
  objects: Obj[];
  pods: string[];
  events: [string, string][];
  notAsked?: string;
}

const cases: StopCase[] = [
  {
    name: 'OrderedReady (the default) stops at the refused ordinal: one FailedCreate, no later ordinal tried',
    objects: [podQuota(2), statefulSet('db', 5, 'db')],
    pods: ['db-0', 'db-1'],
    events: [
      ['SuccessfulCreate', 'create Pod db-0 in StatefulSet db successful'],
      ['SuccessfulCreate', 'create Pod db-1 in StatefulSet db successful'],
      ['FailedCreate', `create Pod db-2 in StatefulSet db failed error: pods "db-2" ${exceeded(2)}`],
    ],
    notAsked: 'db-3, db-4',
  },
  {
    name: 'Parallel finishes the failing batch [3..6]: every Pod in it is asked for and refused',
    objects: [podQuota(3), withPolicy(statefulSet('db', 9, 'db'), 'Parallel')],
    pods: ['db-0', 'db-1', 'db-2'],
    events: [
      ['SuccessfulCreate', 'create Pod db-0 in StatefulSet db successful'],
      ['SuccessfulCreate', 'create Pod db-1 in StatefulSet db successful'],
      ['SuccessfulCreate', 'create Pod db-2 in StatefulSet db successful'],
      ...[3, 4, 5, 6].map((i): [string, string] => [
        'FailedCreate',
        `create Pod db-${i} in StatefulSet db failed error: pods "db-${i}" ${exceeded(3)}`,
      ]),
    ],
    notAsked: 'db-7, db-8',
  },
  {
    name: 'OrderedReady with the same quota stops at db-3 alone',
    objects: [podQuota(3), statefulSet('db', 9, 'db')],
    pods: ['db-0', 'db-1', 'db-2'],
    events: [
      ['SuccessfulCreate', 'create Pod db-0 in StatefulSet db successful'],
      ['SuccessfulCreate', 'create Pod db-1 in StatefulSet db successful'],
      ['SuccessfulCreate', 'create Pod db-2 in StatefulSet db successful'],
      ['FailedCreate', `create Pod db-3 in StatefulSet db failed error: pods "db-3" ${exceeded(3)}`],
    ],
    notAsked: 'db-4, db-5, db-6, db-7, db-8',
  },
  {
    name: 'a LimitRange that refuses every Pod stops both policies at db-0 (Parallel’s first batch is one Pod)',
    objects: [
      limits('100m'),
      withPolicy(statefulSet('db', 3, 'db'), 'Parallel', {
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'postgres', resources: { limits: { cpu: '1' } } }] },
        },
      }),
    ],
    pods: [],
    events: [
      [
        'FailedCreate',
        'create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: maximum cpu usage per Container is 100m, but limit is 1',
      ],
    ],
    notAsked: 'db-1, db-2',
  },
  {
    name: 'nothing refused: every ordinal is created and no stop is explained',
    objects: [podQuota(3), statefulSet('db', 3, 'db')],
    pods: ['db-0', 'db-1', 'db-2'],
    events: [0, 1, 2].map((i) => ['SuccessfulCreate', `create Pod db-${i} in StatefulSet db successful`]),
  },
];

for (const c of cases)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects));
    expect(names(r.objects, 'Pod')).toEqual(c.pods);
    const events = r.events.filter((e) => e.object === 'StatefulSet/default/db').map((e) => [e.reason, e.message]);
    expect(events).toEqual(c.events);
    const stop = r.explanation.steps.find((s) => s.rule === 'statefulset-stop');
    if (c.notAsked) expect(stop?.text.en).toContain(`so ${c.notAsked} w`);
    else expect(stop).toBeUndefined();
  });

test('one StatefulSet stopping does not stop another in the namespace', () => {
  const r = clusterApply(deepFreeze([podQuota(3), statefulSet('db', 4, 'db'), statefulSet('cache', 1, 'cache')]));
  // Controllers run in input order: db-0..2 fill the quota, db-3 is refused, cache-0 is still asked for.
  expect(names(r.objects, 'Pod')).toEqual(['db-0', 'db-1', 'db-2']);
  expect(r.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message.split(' failed')[0])).toEqual([
    'create Pod db-3 in StatefulSet db',
    'create Pod cache-0 in StatefulSet cache',
  ]);
});

test('for any quota, replicas and policy: Pods 0…q-1 are created and the refusals follow runForAll', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 12 }),
      fc.constantFrom('OrderedReady', 'Parallel'),
      (q, replicas, policy) => {
        const r = clusterApply([podQuota(q), withPolicy(statefulSet('db', replicas, 'db'), policy)]);
        const made = Math.min(q, replicas);
        expect(names(r.objects, 'Pod')).toEqual(Array.from({ length: made }, (_, i) => `db-${i}`));
        const failed = r.events.filter((e) => e.reason === 'FailedCreate').length;
        const last = Math.min(lastOrdinalAsked(policy, q), replicas - 1);
        expect(failed).toBe(replicas > q ? last - q + 1 : 0);
      },
    ),
    { numRuns: 25 },
  );
});

// The ReplicaSet controller records each Pod it creates (controller_utils.go createPods: "Created pod:
// %v") and each one the API server refuses (replica_set.go: "Error creating: %v"), so a success is taken
// back for a refused replica, as a StatefulSet's is.
test('a ReplicaSet records one SuccessfulCreate per Pod created and a FailedCreate per Pod refused', () => {
  const r = clusterApply(deepFreeze([podQuota(2), deployment('web', 3)]));
  const pods = names(r.objects, 'Pod');
  expect(pods).toHaveLength(2);
  const rs = names(r.objects, 'ReplicaSet')[0];
  const events = r.events.filter((e) => e.object === `ReplicaSet/default/${rs}`).map((e) => [e.reason, e.message]);
  expect(events.slice(0, 2)).toEqual(pods.map((p) => ['SuccessfulCreate', `Created pod: ${p}`]));
  // The API server admits the Pod before it appends generateName's suffix, so its message names the prefix.
  expect(events[2]).toEqual(['FailedCreate', `Error creating: pods "${rs}-" ${exceeded(2)}`]);
  expect(events).toHaveLength(3);
});
