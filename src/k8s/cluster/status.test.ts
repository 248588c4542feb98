// Workload status after settling. Expected fields and texts: replica_set_utils.go calculateStatus (and
// the ReplicaFailure condition with the create's error), deployment/sync.go calculateStatus and
// util/deployment_util.go (MinimumReplicasAvailable "Deployment has minimum availability.",
// MinimumReplicasUnavailable "Deployment does not have minimum availability.", NewReplicaSetAvailable
// `ReplicaSet "%s" has successfully progressed.`, ReplicaSetUpdated `ReplicaSet "%s" is progressing.`),
// stateful_set_control.go updateStatus, daemon_controller.go updateDaemonSetStatus (apps/v1 DaemonSetStatus:
// currentNumberScheduled, numberMisscheduled, desiredNumberScheduled and numberReady have no omitempty),
// job_controller.go syncJob (batch/v1 JobStatus: ready and terminating are pointers, printed when zero;
// uncountedTerminatedPods is set to an empty struct); omitempty zero fields left out, as kubectl shows them.
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { daemonSet, deployment, find, job, names, node, podQuota, statefulSet } from './testkit';

type Obj = Record<string, unknown>;
const statusOf = (r: ReturnType<typeof clusterApply>, kind: string, name?: string) =>
  find(r.objects, kind, name ?? names(r.objects, kind)[0])!.status as Obj;

interface Case {
  name: string;
  objects: Obj[];
  kind: string;
  want: (rs: string) => Obj;
}

const cases: Case[] = [
  {
    name: 'a Deployment whose Pods all turned Ready is Available and has progressed',
    objects: [deployment('web', 2)],
    kind: 'Deployment',
    want: (rs) => ({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs}" has successfully progressed.`,
        },
      ],
    }),
  },
  {
    name: 'a Deployment short of a Pod the quota refused: not Available (25% of 3 rounds to 0), progressing, and the ReplicaSet’s failure',
    objects: [podQuota(2), deployment('web', 3)],
    kind: 'Deployment',
    want: (rs) => ({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
      conditions: [
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rs}" is progressing.`,
        },
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message: `pods "${rs}-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2`,
        },
      ],
    }),
  },
  {
    name: 'four replicas with one refused: 25% of 4 is 1, so the Deployment is still Available',
    objects: [podQuota(3), deployment('web', 4)],
    kind: 'Deployment',
    want: (rs) =>
      expect.objectContaining({
        replicas: 3,
        unavailableReplicas: 1,
        conditions: expect.arrayContaining([
          expect.objectContaining({ type: 'Available', status: 'True' }),
          expect.objectContaining({
            type: 'ReplicaFailure',
            reason: 'FailedCreate',
            message: expect.stringContaining(`pods "${rs}-"`),
          }),
        ]),
      }) as Obj,
  },
  {
    name: 'the ReplicaSet counts its Pods, and a failed create is its ReplicaFailure condition',
    objects: [podQuota(1), deployment('web', 2)],
    kind: 'ReplicaSet',
    want: (rs) => ({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message: `pods "${rs}-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1`,
        },
      ],
    }),
  },
  {
    name: 'a StatefulSet reports its created and Ready Pods and its revision',
    objects: [statefulSet('db', 2, 'db')],
    kind: 'StatefulSet',
    want: () =>
      expect.objectContaining({
        observedGeneration: 1,
        replicas: 2,
        readyReplicas: 2,
        currentReplicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        currentRevision: expect.stringMatching(/^db-/),
        collisionCount: 0,
      }) as Obj,
  },
  {
    name: 'a StatefulSet whose only Pod the quota refused has no replicas',
    objects: [podQuota(0), statefulSet('db', 1, 'db')],
    kind: 'StatefulSet',
    want: () => ({ observedGeneration: 1, replicas: 0, availableReplicas: 0, collisionCount: 0 }),
  },
  {
    name: 'a DaemonSet counts the Nodes it should run on (not the tainted one) and its Ready Pods there',
    objects: [
      node('a'),
      node('b'),
      node('gpu', { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
      daemonSet('agent'),
    ],
    kind: 'DaemonSet',
    want: () => ({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    }),
  },
  {
    name: 'a DaemonSet whose Pod cannot turn Ready is short one available Pod',
    objects: [
      node('a'),
      daemonSet('agent', { containers: [{ name: 'app', image: 'x', readinessProbe: { httpGet: { port: 'nope' } } }] }),
    ],
    kind: 'DaemonSet',
    want: () => ({
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
      desiredNumberScheduled: 1,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 1,
      numberUnavailable: 1,
    }),
  },
  {
    name: 'a Job runs parallelism Pods of its completions: all active and Ready, none terminating',
    objects: [job('batch', { parallelism: 2, completions: 3 })],
    kind: 'Job',
    want: () => ({ active: 2, ready: 2, terminating: 0, uncountedTerminatedPods: {} }),
  },
  {
    name: 'a Job with a Pod the quota refused has one active Pod',
    objects: [podQuota(1), job('batch', { parallelism: 2 })],
    kind: 'Job',
    want: () => ({ active: 1, ready: 1, terminating: 0, uncountedTerminatedPods: {} }),
  },
];

for (const c of cases)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects));
    const rs = names(r.objects, 'ReplicaSet')[0];
    expect(statusOf(r, c.kind)).toEqual(c.want(rs));
  });

test('in apply mode a status given with the workload is replaced by what the controllers ran', () => {
  const given = { ...deployment('web', 1), status: { replicas: 7, observedGeneration: 9 } };
  // clusterApply is apply mode: it rewrites the status from what it ran.
  expect(statusOf(clusterApply(deepFreeze([given])), 'Deployment')).toMatchObject({ replicas: 1 });
});

// PrepareForCreate of each kind's registry strategy sets metadata.generation to 1 (Services, Namespaces and
// ConfigMaps have none); SetDeploymentRevision and SetNewReplicaSetAnnotations write revision "1".
test.each([
  ['Deployment', [deployment('web', 1)], 1, { 'deployment.kubernetes.io/revision': '1' }],
  ['ReplicaSet', [deployment('web', 1)], 1, { 'deployment.kubernetes.io/revision': '1' }],
  ['Pod', [deployment('web', 1)], 1, undefined],
  ['StatefulSet', [statefulSet('db', 1, 'db')], 1, undefined],
  ['DaemonSet', [daemonSet('agent')], 1, undefined],
  ['Job', [job('batch', { parallelism: 1 })], 1, undefined],
  [
    'Service',
    [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }],
    undefined,
    undefined,
  ],
  [
    'ConfigMap',
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', generation: 4 }, data: {} }],
    4,
    undefined,
  ],
])(
  'a created %s shows metadata.generation as the API server sets it, and its revision',
  (kind, objects, generation, annotations) => {
    const r = clusterApply(deepFreeze(objects), { nodes: 1 });
    const meta = find(
      r.objects,
      kind,
      names(r.objects, kind).find((n) => n !== 'kubernetes')!,
    )!.metadata as Obj;
    expect(meta.generation).toBe(generation);
    if (annotations) expect(meta.annotations).toMatchObject(annotations);
    else expect((meta.annotations as Obj | undefined)?.['deployment.kubernetes.io/revision']).toBeUndefined();
  },
);

test('apply resets a given generation to 1, as PrepareForCreate does', () => {
  const given = { ...deployment('web', 1), metadata: { name: 'web', namespace: 'default', generation: 7 } };
  const r = clusterApply(deepFreeze([given]), { nodes: 1 });
  expect((find(r.objects, 'Deployment', 'web')!.metadata as Obj).generation).toBe(1);
});
