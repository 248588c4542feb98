// The scheduling stage: each Pod without a Node goes through kube-scheduler's default profile
// (src/k8s/scheduling) in the order the Pods were created, each seeing the Pods placed before it, as
// the scheduler's cache assumes each Pod it binds. A Pod that fits nowhere stays Pending with the
// scheduler's FailedScheduling event and its PodScheduled condition False, reason Unschedulable.
import type { Cluster, Node, OtherObject, Pod } from '../objects';
import { controllersOf, SchedulerCache } from '../scheduling';
import { objectRef, type StageLog } from './model';

/** The Pods with spec.nodeName set where the scheduler binds them; unschedulable ones keep none. The
 * running Pods are already on their Nodes (or finished) and are only counted. */
export function schedulePods(
  pods: readonly Pod[],
  running: readonly Pod[],
  nodes: readonly Node[],
  cluster: Cluster,
  log: StageLog,
  /** The ReplicaSets given and those the Deployment controller made: their selectors are part of
   * the default spread constraints (kube-scheduler's DefaultSelector), as Services' are. */
  made: readonly OtherObject[] = [],
): Pod[] {
  const cache = new SchedulerCache({
    nodes: [...nodes],
    pods: [...running, ...pods].filter((p) => p.spec.nodeName),
    persistentVolumes: cluster.persistentVolumes,
    persistentVolumeClaims: cluster.persistentVolumeClaims,
    storageClasses: cluster.storageClasses,
    priorityClasses: cluster.priorityClasses,
    namespaces: cluster.namespaces,
    services: cluster.services,
    statefulSets: cluster.statefulSets,
    controllers: controllersOf([...cluster.others, ...made]),
  });
  return pods.map((pod) => {
    if (pod.spec.nodeName) return pod;
    const result = cache.decide(pod);
    const ref = objectRef(pod);
    if (!result.selectedNode) {
      const message = result.message ?? '';
      log.events.push({ object: ref, type: 'Warning', reason: 'FailedScheduling', message });
      // handleSchedulingFailure (schedule_one.go) writes the fit error into the Pod's PodScheduled
      // condition as well as into the event.
      const unschedulable = { type: 'PodScheduled', status: 'False' as const, reason: 'Unschedulable', message };
      return { ...pod, status: { ...pod.status, conditions: [unschedulable] } };
    }
    const placed: Pod = { ...pod, spec: { ...pod.spec, nodeName: result.selectedNode } };
    cache.assume(placed);
    log.events.push({
      object: ref,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.selectedNode}`,
    });
    return placed;
  });
}
