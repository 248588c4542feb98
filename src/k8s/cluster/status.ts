// The status the workload controllers write once their Pods have settled: ReplicaSet (replica_set_utils.go
// calculateStatus), Deployment (deployment/sync.go calculateStatus and syncRolloutStatus), StatefulSet
// (stateful_set_control.go updateStatus), DaemonSet (daemon_controller.go updateDaemonSetStatus) and Job
// (job_controller.go syncJob, while its Pods run: the dry-run does not run them to completion). Fields that are zero and `omitempty` in the Go types are left
// out, as kubectl shows them; condition timestamps are left out, since the dry-run has no clock.
import type { Obj, Pod } from '../objects';
import { objectRef, type AnyObject, type StageLog } from './model';

const isReady = (p: Pod): boolean =>
  p.status.phase === 'Running' && p.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

const nonZero = (fields: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0));

const condition = (type: string, status: boolean, reason: string, message: string) => ({
  type,
  status: status ? 'True' : 'False',
  reason,
  message,
});

// A workload object with this status (a copy; the object as given stays as it was).
function withStatus<T extends AnyObject>(o: T, status: Obj): T {
  return { ...o, raw: { ...(o.raw ?? {}), status } };
}

/** The objects, with the status of each ReplicaSet, Deployment, StatefulSet, DaemonSet and Job the dry-run
 * ran; `daemonNodes` holds the Nodes each DaemonSet should run on, by `DaemonSet/namespace/name`. */
export function workloadStatus(
  objects: readonly AnyObject[],
  ran: ReadonlySet<AnyObject>,
  log: StageLog,
  daemonNodes: ReadonlyMap<string, number> = new Map(),
): AnyObject[] {
  const owned = new Map<string, Pod[]>();
  for (const o of objects) {
    if (o.kind !== 'Pod') continue;
    const pod = o as Pod;
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) continue;
    const ref = `${owner.kind}/${pod.metadata.namespace}/${owner.name}`;
    const list = owned.get(ref);
    if (list) list.push(pod);
    else owned.set(ref, [pod]);
  }
  // replica_set.go: a create that failed is the ReplicaFailure condition, with the create's error.
  const failures = new Map<string, string>();
  for (const e of log.events)
    if (e.reason === 'FailedCreate' && e.message.startsWith('Error creating: '))
      failures.set(e.object, e.message.slice('Error creating: '.length));
  const replicaSets = new Map<string, Obj>();
  const out = objects.map((o) => {
    if (!ran.has(o) || o.kind !== 'ReplicaSet') return o;
    const pods = owned.get(objectRef(o)) ?? [];
    const ready = pods.filter(isReady).length;
    const failure = failures.get(objectRef(o));
    const status: Obj = {
      replicas: pods.length,
      ...nonZero({ fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready }),
      observedGeneration: 1,
      ...(failure ? { conditions: [condition('ReplicaFailure', true, 'FailedCreate', failure)] } : {}),
    };
    const owner = o.metadata.ownerReferences?.find((r) => r.controller);
    if (owner)
      replicaSets.set(`${owner.kind}/${o.metadata.namespace}/${owner.name}`, {
        name: o.metadata.name,
        spec: o.raw?.spec ?? {},
        status,
      });
    return withStatus(o, status);
  });
  return out.map((o) => {
    if (!ran.has(o)) return o;
    if (o.kind === 'Deployment') return withStatus(revised(o), deploymentStatus(o, replicaSets));
    if (o.kind === 'StatefulSet') return withStatus(o, statefulSetStatus(owned.get(objectRef(o)) ?? []));
    if (o.kind === 'DaemonSet')
      return withStatus(o, daemonSetStatus(owned.get(objectRef(o)) ?? [], daemonNodes.get(objectRef(o)) ?? 0));
    if (o.kind === 'Job') return withStatus(o, jobStatus(owned.get(objectRef(o)) ?? []));
    return o;
  });
}

// SetDeploymentRevision (deployment/sync.go): the Deployment carries its newest ReplicaSet's revision,
// 1 for the only one a first rollout makes.
const revised = (d: AnyObject): AnyObject => ({
  ...d,
  metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, 'deployment.kubernetes.io/revision': '1' } },
});

// The Deployment's one ReplicaSet (the dry-run makes no rollout), and the conditions a first rollout has.
function deploymentStatus(d: AnyObject, replicaSets: ReadonlyMap<string, Obj>): Obj {
  const rs = replicaSets.get(objectRef(d));
  const spec = (d.raw?.spec ?? {}) as Obj;
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const s = (rs?.status ?? {}) as Record<string, number>;
  const [replicas, ready, available] = [s.replicas ?? 0, s.readyReplicas ?? 0, s.availableReplicas ?? 0];
  const total =
    typeof (rs?.spec as Obj | undefined)?.replicas === 'number' ? ((rs!.spec as Obj).replicas as number) : desired;
  const minAvailable = desired - maxUnavailable(spec, desired);
  const complete = replicas === desired && available === desired;
  const name = (rs?.name as string | undefined) ?? '';
  const failure = ((rs?.status as Obj | undefined)?.conditions as Obj[] | undefined)?.[0];
  return {
    observedGeneration: 1,
    replicas,
    ...nonZero({ updatedReplicas: replicas, readyReplicas: ready, availableReplicas: available }),
    ...nonZero({ unavailableReplicas: Math.max(0, total - available) }),
    conditions: [
      available >= minAvailable
        ? condition('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : condition('Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      complete
        ? condition('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`)
        : condition('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`),
      ...(failure ? [failure] : []),
    ],
  };
}

// deploymentutil.MaxUnavailable: Recreate allows none; RollingUpdate's maxUnavailable (default 25%),
// a percentage rounded down, never more than the replicas.
function maxUnavailable(spec: Obj, replicas: number): number {
  const strategy = (spec.strategy ?? {}) as Obj;
  if (strategy.type === 'Recreate') return 0;
  const v = ((strategy.rollingUpdate ?? {}) as Obj).maxUnavailable ?? '25%';
  const n =
    typeof v === 'string' && v.endsWith('%') ? Math.floor((Number(v.slice(0, -1)) * replicas) / 100) : Number(v);
  return Number.isFinite(n) ? Math.min(Math.max(0, n), replicas) : 0;
}

function statefulSetStatus(pods: readonly Pod[]): Obj {
  const ready = pods.filter(isReady).length;
  const revision = pods[0]?.metadata.labels['controller-revision-hash'];
  return {
    observedGeneration: 1,
    replicas: pods.length,
    ...nonZero({ readyReplicas: ready, currentReplicas: pods.length, updatedReplicas: pods.length }),
    availableReplicas: ready,
    ...(revision ? { currentRevision: revision, updateRevision: revision } : {}),
    collisionCount: 0,
  };
}

// updateDaemonSetStatus: of the Nodes that should run a daemon Pod, those that have one (each Pod counts
// for the Node its affinity pins it to, scheduled or not: util.GetTargetNodeName), those whose Pod is
// Ready, and Available (minReadySeconds 0). Every Pod has the current template, and the controller puts
// none where it should not run. The counts without omitempty are printed when zero.
function daemonSetStatus(pods: readonly Pod[], desired: number): Obj {
  const ready = pods.filter(isReady).length;
  return {
    currentNumberScheduled: pods.length,
    numberMisscheduled: 0,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: 1,
    ...nonZero({ updatedNumberScheduled: pods.length, numberAvailable: ready, numberUnavailable: desired - ready }),
  };
}

// syncJob while the Pods run: active counts the Pods neither finished nor terminating, ready (a pointer,
// printed when zero) those Ready; terminating (JobPodReplacementPolicy, on by default) is 0, and the
// finished Pods not yet counted are none. startTime is left out: the dry-run has no clock.
function jobStatus(pods: readonly Pod[]): Obj {
  const active = pods.filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  return {
    ...nonZero({ active: active.length }),
    ready: active.filter(isReady).length,
    terminating: 0,
    uncountedTerminatedPods: {},
  };
}
