// OrderedReady's wait: the StatefulSet controller creates ordinal k+1 only once ordinals start…k are Running
// and Ready (processReplica in stateful_set_control.go returns while a replica is not isRunningAndReady),
// so a Pod that cannot be scheduled, or never turns Ready, holds back every later ordinal. The dry-run
// learns which Pods settle Ready only after scheduling and the kubelet, so settle runs again with each
// such StatefulSet capped at its first Pod that is not Ready, until nothing more is capped.
import type { Cluster, Pod, StatefulSet } from '../objects';
import { startOrdinal, step } from './controllers';
import { objectRef, type ClusterEvent, type StageLog } from './model';

/** Each StatefulSet's last ordinal the controller creates, by `StatefulSet/namespace/name`. */
export type OrdinalCaps = ReadonlyMap<string, number>;

/** Whether the Pod is Running and Ready, as the workload controllers count it (podutil.IsPodReady). */
export const isRunningAndReady = (pod: Pod): boolean =>
  pod.status.phase === 'Running' && pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

/** The caps with every OrderedReady StatefulSet that has a later Pod than its first not-Ready one capped there, or undefined when none more is. */
export function orderedReadyCaps(
  cluster: Cluster,
  statefulSets: readonly StatefulSet[],
  caps: OrdinalCaps,
): Map<string, number> | undefined {
  if (!statefulSets.some((s) => s.spec.podManagementPolicy === 'OrderedReady')) return undefined;
  const pods = new Map(cluster.pods.map((p) => [objectRef(p), p]));
  const next = new Map(caps);
  for (const s of statefulSets) {
    if (s.spec.podManagementPolicy !== 'OrderedReady') continue;
    const ref = objectRef(s);
    const start = startOrdinal(s);
    // The last ordinal created so far: the cap, or the set's last (getEndOrdinal).
    const last = Math.min(start + s.spec.replicas - 1, caps.get(ref) ?? Infinity);
    for (let i = start; i < last; i++) {
      const pod = pods.get(`Pod/${s.metadata.namespace}/${s.metadata.name}-${i}`);
      if (!pod) break; // refused at admission: the controller stopped there already (admission.ts)
      if (isRunningAndReady(pod)) continue;
      next.set(ref, i);
      break;
    }
  }
  return [...next].some(([k, v]) => caps.get(k) !== v) ? next : undefined;
}

/** The explanation of each StatefulSet the wait held back. */
export function explainWaits(caps: OrdinalCaps, statefulSets: readonly StatefulSet[], log: StageLog): void {
  for (const s of statefulSets) {
    const cap = caps.get(objectRef(s));
    if (cap === undefined) continue;
    const name = `${s.metadata.name}-${cap}`;
    const held = startOrdinal(s) + s.spec.replicas - cap - 1;
    log.steps.push(
      step(
        'statefulset-ordered-ready',
        objectRef(s),
        `StatefulSet ${s.metadata.namespace}/${s.metadata.name} (podManagementPolicy OrderedReady) waits for ${name} to be Running and Ready before it creates the next Pod, so ${held} of its ${s.spec.replicas} Pods are not created yet. Fix what keeps ${name} from Ready (see its events), or set podManagementPolicy: Parallel.`,
        `StatefulSet ${s.metadata.namespace}/${s.metadata.name}(podManagementPolicy OrderedReady)은 ${name}이 Running이면서 Ready가 되어야 다음 Pod를 만든다. 그래서 ${s.spec.replicas}개 중 ${held}개는 아직 만들어지지 않았다. ${name}이 Ready가 되지 못하는 원인(이벤트 참고)을 고치거나 podManagementPolicy: Parallel을 쓴다.`,
      ),
    );
  }
}

// The Pod a StatefulSet's event is about: the controller's messages for a Pod and for its claims all
// name it as `Pod <name> in StatefulSet <set>` (stateful_pod_control.go, recordPodEvent and recordClaimEvent).
const EVENT_POD = / Pod (\S+) in StatefulSet /;

/** The events as the cluster records them over time: an OrderedReady StatefulSet creates each Pod only
 * once the one before is Running and Ready, so each Pod's creation (its claims' and its own) and what
 * the scheduler and kubelet record about it come before the next Pod's creation. The stages record by
 * stage (every creation, then every binding, then every start); other events keep their order. */
export function inCreationOrder(events: ClusterEvent[], statefulSets: readonly StatefulSet[]): ClusterEvent[] {
  const ordered = new Map(
    statefulSets.filter((s) => s.spec.podManagementPolicy === 'OrderedReady').map((s) => [objectRef(s), s]),
  );
  if (!ordered.size) return events;
  const groups = new Map<string, ClusterEvent[]>();
  const out: (ClusterEvent | ClusterEvent[])[] = [];
  for (const e of events) {
    const set = ordered.get(e.object);
    const pod = set && EVENT_POD.exec(e.message)?.[1];
    const ref = pod ? `Pod/${set.metadata.namespace}/${pod}` : e.object;
    const group = groups.get(ref);
    if (group) group.push(e);
    else if (pod) {
      const started = [e];
      groups.set(ref, started);
      out.push(started);
    } else out.push(e);
  }
  return out.flat();
}
