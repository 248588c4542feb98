// The spread constraints PodTopologySpread applies (podtopologyspread/common.go, plugin.go): the Pod's own
// of one kind (DoNotSchedule for Filter, ScheduleAnyway for Score), or, when it has none, the cluster's
// default constraints over the Pods its Services and controller select (helper.DefaultSelector).
import type { LabelSelector, Node, Pod } from '../../../objects';
import { requiredNodeAffinityMatches, selectorMatches } from '../../framework/selectors';
import { doNotSchedule, untoleratedTaint } from '../../framework/taints';
import type { PodInfo, Snapshot } from '../../framework/types';

export const HOSTNAME = 'kubernetes.io/hostname';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector?: LabelSelector; // absent: matches no Pod
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

type Action = 'DoNotSchedule' | 'ScheduleAnyway';

// The system defaults of KubeSchedulerConfiguration (defaultConstraints, "List" type System).
const SYSTEM_DEFAULTS = [
  { topologyKey: HOSTNAME, maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 },
];

// matchLabelKeys: the Pod's values of those keys join the selector (as kube-apiserver merges them when
// it creates the Pod, and the scheduler does for Pods created before).
function withLabelKeys(
  s: LabelSelector | undefined,
  keys: string[],
  labels: Record<string, string>,
): LabelSelector | undefined {
  const extra = Object.fromEntries(keys.filter((k) => k in labels).map((k) => [k, labels[k]]));
  return s && Object.keys(extra).length
    ? { matchLabels: { ...s.matchLabels, ...extra }, matchExpressions: s.matchExpressions }
    : s;
}

// DefaultSelector: the labels of every Service selecting the Pod, plus its controller's selector.
function defaultSelector(pod: Pod, snapshot: Snapshot): LabelSelector | undefined {
  const ns = pod.metadata.namespace;
  const matchLabels: Record<string, string> = {};
  for (const svc of snapshot.services)
    if (
      svc.metadata.namespace === ns &&
      selectorMatches({ matchLabels: svc.spec.selector ?? {}, matchExpressions: [] }, pod.metadata.labels)
    )
      Object.assign(matchLabels, svc.spec.selector ?? {});
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  if (owner?.kind === 'StatefulSet') {
    const ss = snapshot.statefulSets.find((s) => s.metadata.namespace === ns && s.metadata.name === owner.name);
    if (ss) Object.assign(matchLabels, ss.spec.selector.matchLabels);
  } else if (owner?.kind === 'ReplicaSet' || owner?.kind === 'ReplicationController') {
    const c = snapshot.controllers.find((x) => x.kind === owner.kind && x.namespace === ns && x.name === owner.name);
    if (c) {
      Object.assign(matchLabels, c.selector.matchLabels);
      matchExpressions.push(...c.selector.matchExpressions);
    }
  }
  return Object.keys(matchLabels).length || matchExpressions.length ? { matchLabels, matchExpressions } : undefined;
}

/** The constraints of `action` the Pod is held to; `defaulted` when they are the cluster's defaults. */
export function constraintsFor(
  pod: PodInfo,
  snapshot: Snapshot,
  action: Action,
): { list: Constraint[]; defaulted: boolean } {
  const own = pod.pod.spec.topologySpreadConstraints;
  if (own.length)
    return {
      defaulted: false,
      list: own
        .filter((c) => c.whenUnsatisfiable === action)
        .map((c) => ({
          maxSkew: c.maxSkew,
          topologyKey: c.topologyKey,
          selector: withLabelKeys(c.labelSelector, c.matchLabelKeys, pod.labels),
          minDomains: c.minDomains ?? 1,
          honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
          honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
        })),
    };
  // The system defaults are all ScheduleAnyway: they never filter.
  const selector = action === 'ScheduleAnyway' ? defaultSelector(pod.pod, snapshot) : undefined;
  if (!selector) return { list: [], defaulted: true };
  return {
    defaulted: true,
    list: SYSTEM_DEFAULTS.map((d) => ({ ...d, selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false })),
  };
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export const hasAllKeys = (labels: Record<string, string>, list: Constraint[]): boolean =>
  list.every((c) => c.topologyKey in labels);

/** matchNodeInclusionPolicies: whether the node's domain counts, by nodeAffinityPolicy and nodeTaintsPolicy. */
export function nodeIncluded(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.honorNodeAffinity && !requiredNodeAffinityMatches(pod, node)) return false;
  return !c.honorTaints || !untoleratedTaint(node.spec.taints, pod.spec.tolerations, doNotSchedule);
}

/** countPodsMatchSelector: Pods of the namespace, not terminating, that the selector takes. */
export function countMatching(pods: readonly PodInfo[], c: Constraint, namespace: string): number {
  if (!c.selector || (!c.selector.matchExpressions.length && !Object.keys(c.selector.matchLabels).length)) return 0;
  let n = 0;
  for (const p of pods)
    if (p.namespace === namespace && !p.pod.metadata.deletionTimestamp && selectorMatches(c.selector, p.labels)) n++;
  return n;
}
