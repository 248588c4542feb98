// The spread constraints PodTopologySpread applies (podtopologyspread/common.go, plugin.go): the Pod's own
// of one kind (DoNotSchedule for Filter, ScheduleAnyway for Score), or, when it has none, the cluster's
// default constraints over the Pods its Services and controller select (helper.DefaultSelector).
import type { LabelSelector, Node, Pod, Service, StatefulSet } from '../../../objects';
import { compileSelector, isEmptySelector, requiredNodeAffinityMatches, type Matcher } from '../../framework/selectors';
import { doNotSchedule, untoleratedTaint } from '../../framework/taints';
import type { NodeInfo, PodInfo, Snapshot } from '../../framework/types';

export const HOSTNAME = 'kubernetes.io/hostname';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector?: LabelSelector; // absent: matches no Pod
  /** The selector, compiled; Pods are counted by it only when it has a requirement (countPodsMatchSelector). */
  matches: Matcher;
  counts: boolean;
  /** The selector spelled out: equal keys compile to matchers that take the same Pods (the tallies' key). */
  key: string;
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

type ServiceSelector = { selector: Record<string, string>; matches: Matcher };

// Every Pod's default constraints read the Services of its namespace: they are grouped and their
// selectors compiled once per Services list (a memo; the same list always gives the same groups).
const serviceGroups = new WeakMap<readonly Service[], Map<string, ServiceSelector[]>>();

function servicesIn(services: readonly Service[], namespace: string): readonly ServiceSelector[] {
  let groups = serviceGroups.get(services);
  if (!groups) {
    groups = new Map();
    for (const svc of services) {
      const selector = svc.spec.selector ?? {};
      const list = groups.get(svc.metadata.namespace) ?? [];
      list.push({ selector, matches: compileSelector({ matchLabels: selector, matchExpressions: [] }) });
      groups.set(svc.metadata.namespace, list);
    }
    serviceGroups.set(services, groups);
  }
  return groups.get(namespace) ?? [];
}

// A dry-run's cycles look up each workload's controller among hundreds: by `kind/namespace/name`, the
// first of that name as a search of the list finds it, indexed once per list (a memo, like the Services').
const controllerIndex = new WeakMap<Snapshot['controllers'], Map<string, Snapshot['controllers'][number]>>();

function controllerNamed(controllers: Snapshot['controllers'], kind: string, namespace: string, name: string) {
  let index = controllerIndex.get(controllers);
  if (!index) {
    index = new Map();
    for (const c of controllers) {
      const key = JSON.stringify([c.kind, c.namespace, c.name]);
      if (!index.has(key)) index.set(key, c);
    }
    controllerIndex.set(controllers, index);
  }
  return index.get(JSON.stringify([kind, namespace, name]));
}

// DefaultSelector: the labels of every Service selecting the Pod, plus its controller's selector.
function defaultSelector(pod: Pod, snapshot: Snapshot): LabelSelector | undefined {
  const ns = pod.metadata.namespace;
  const matchLabels: Record<string, string> = {};
  for (const svc of servicesIn(snapshot.services, ns))
    if (svc.matches(pod.metadata.labels)) Object.assign(matchLabels, svc.selector);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  if (owner?.kind === 'StatefulSet') {
    const ss = snapshot.statefulSets.find((s) => s.metadata.namespace === ns && s.metadata.name === owner.name);
    if (ss) Object.assign(matchLabels, ss.spec.selector.matchLabels);
  } else if (owner?.kind === 'ReplicaSet' || owner?.kind === 'ReplicationController') {
    const c = controllerNamed(snapshot.controllers, owner.kind, ns, owner.name);
    if (c) {
      Object.assign(matchLabels, c.selector.matchLabels);
      matchExpressions.push(...c.selector.matchExpressions);
    }
  }
  return Object.keys(matchLabels).length || matchExpressions.length ? { matchLabels, matchExpressions } : undefined;
}

function compiled(c: Omit<Constraint, 'matches' | 'counts' | 'key'>): Constraint {
  const counts = !!c.selector && !isEmptySelector(c.selector);
  return { ...c, matches: compileSelector(c.selector), counts, key: counts ? JSON.stringify(c.selector) : '' };
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
        .map((c) =>
          compiled({
            maxSkew: c.maxSkew,
            topologyKey: c.topologyKey,
            selector: withLabelKeys(c.labelSelector, c.matchLabelKeys, pod.labels),
            minDomains: c.minDomains ?? 1,
            honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
            honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
          }),
        ),
    };
  // The system defaults are all ScheduleAnyway: they never filter.
  if (action === 'DoNotSchedule') return NONE;
  return defaultsFor(pod.pod, snapshot);
}

const NONE: { list: Constraint[]; defaulted: boolean } = Object.freeze({ list: [], defaulted: true });

function freshDefaults(pod: Pod, snapshot: Snapshot): { list: Constraint[]; defaulted: boolean } {
  const selector = defaultSelector(pod, snapshot);
  if (!selector) return NONE;
  return {
    defaulted: true,
    list: SYSTEM_DEFAULTS.map((d) =>
      compiled({ ...d, selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false }),
    ),
  };
}

// The default constraints depend only on the Pod's namespace, labels and controller, and on the
// Services, StatefulSets and controllers of the snapshot, which every cycle of a dry-run shares: the
// replicas of one workload have the same ones, so they are built (selectors compiled, keys spelled) once
// per workload instead of once per Pod. Keyed by those three lists (the cycles' snapshots are new objects
// holding the same lists) and the Pod's part; property.test.ts checks memo answers against fresh ones.
type DefaultsMemo = {
  statefulSets: readonly StatefulSet[];
  controllers: Snapshot['controllers'];
  byPod: Map<string, ReturnType<typeof freshDefaults>>;
};
const defaultsMemo = new WeakMap<readonly Service[], DefaultsMemo>();

function defaultsFor(pod: Pod, snapshot: Snapshot): { list: Constraint[]; defaulted: boolean } {
  let memo = defaultsMemo.get(snapshot.services);
  if (!memo || memo.statefulSets !== snapshot.statefulSets || memo.controllers !== snapshot.controllers) {
    memo = { statefulSets: snapshot.statefulSets, controllers: snapshot.controllers, byPod: new Map() };
    defaultsMemo.set(snapshot.services, memo);
  }
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const key = JSON.stringify([pod.metadata.namespace, owner?.kind, owner?.name, pod.metadata.labels]);
  let found = memo.byPod.get(key);
  if (!found) memo.byPod.set(key, (found = freshDefaults(pod, snapshot)));
  return found;
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export function hasAllKeys(labels: Record<string, string>, list: Constraint[]): boolean {
  // A loop, not every(): it runs for every node of a cycle.
  for (let i = 0; i < list.length; i++) if (!(list[i].topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies: whether the node's domain counts, by nodeAffinityPolicy and nodeTaintsPolicy. */
export function nodeIncluded(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.honorNodeAffinity && !requiredNodeAffinityMatches(pod, node)) return false;
  return !c.honorTaints || !untoleratedTaint(node.spec.taints, pod.spec.tolerations, doNotSchedule);
}

function countIn(pods: readonly Pod[], from: number, c: Constraint, namespace: string): number {
  let n = 0;
  for (let i = from; i < pods.length; i++) {
    const m = pods[i].metadata;
    if (m.namespace === namespace && !m.deletionTimestamp && c.matches(m.labels)) n++;
  }
  return n;
}

// The SchedulerCache's nodes index their Pods by namespace, and while the dry-run places Pod after Pod a
// namespace's list only grows, in place (addToSnapshot pushes; a removal, as preemption simulates on its
// clones, makes a new list). So a selector's count over a list is kept with how many of its Pods were
// read, and the next cycle reads only those added since, instead of every Pod of the node again: the
// Pods of one Deployment are all held to the same default constraints. A tally is keyed by the list
// object and the selector's spelling; it holds no state an answer depends on (property.test.ts checks
// the cache's answers against fresh snapshots).
type Tallies = Map<string, { read: number; count: number }>;
const tallies = new WeakMap<readonly Pod[], Tallies>();

/** countPodsMatchSelector: the node's Pods of the namespace, not terminating, that the selector takes. */
export function countMatching(node: NodeInfo, c: Constraint, namespace: string): number {
  if (!c.counts) return 0;
  if (!node.podsByNamespace) return countIn(node.boundPods, 0, c, namespace);
  const pods = node.podsByNamespace.get(namespace);
  if (!pods) return 0;
  let byKey = tallies.get(pods);
  if (!byKey) tallies.set(pods, (byKey = new Map() as Tallies));
  const tally = byKey.get(c.key);
  if (!tally) {
    const count = countIn(pods, 0, c, namespace);
    byKey.set(c.key, { read: pods.length, count });
    return count;
  }
  if (tally.read < pods.length) {
    tally.count += countIn(pods, tally.read, c, namespace);
    tally.read = pods.length;
  }
  return tally.count;
}

/**
 * countPodsMatchSelector for every node of the snapshot at once: the Pods the selector can take (the
 * snapshot's label index) counted per node, or, for a selector without matchLabels, countMatching per node.
 */
export interface MatchCounter {
  (node: NodeInfo): number;
  /** The nodes holding any Pod counted, when known (the index's): every other node counts 0. */
  nodes?: Iterable<NodeInfo>;
}

export function matchCounter(snapshot: Snapshot, c: Constraint, namespace: string): MatchCounter {
  if (!c.counts) return Object.assign(() => 0, { nodes: [] });
  const candidates = snapshot.labelIndex.candidates(c.selector);
  if (!candidates) return (node) => countMatching(node, c, namespace);
  const byNode = new Map<NodeInfo, number>();
  const { pods, nodes } = candidates;
  for (let i = 0; i < pods.length; i++) {
    const m = pods[i].metadata;
    if (m.namespace === namespace && !m.deletionTimestamp && c.matches(m.labels))
      byNode.set(nodes[i], (byNode.get(nodes[i]) ?? 0) + 1);
  }
  return Object.assign((node: NodeInfo) => byNode.get(node) ?? 0, {
    nodes: { [Symbol.iterator]: () => byNode.keys() },
  });
}
