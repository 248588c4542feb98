// The scheduler cache's snapshot for one cycle (internal/cache/snapshot.go): a NodeInfo per node holding
// the Pods bound to it with their summed requests, host ports and affinity, and the lookups plugins need.
// Pods the cache would not hold are left out: unbound Pods, and Pods that finished (the scheduler's Pod
// informer selects status.phase!=Succeeded,status.phase!=Failed).
import type { Node, Pod, PriorityClass } from '../../objects';
import type { SchedulingState } from '../types';
import { affinityTerm, weightedTerm } from './affinity-terms';
import { LabelIndex } from './label-index';
import { hostPortsOf, PortSet } from './ports';
import { podPriority } from './priority';
import { allocatableOf, combine, podResources } from './resources';
import type { NodeInfo, PodInfo, Snapshot } from './types';

// A Pod's requests, ports and terms depend on the Pod alone, its priority on the PriorityClasses too:
// the PodInfo of a Pod being scheduled is kept per Pod object (recomputed when the classes differ), so
// that the dry-run's binding reuses it (boundPodInfo). The bound Pods of a snapshot are not memoized: a
// weak map of tens of thousands of fresh Pods cost more, in its own upkeep and in every garbage
// collection's ephemeron pass, than building their PodInfos again (a PodInfo is cheap: what is costly,
// the affinity terms, only Pods with affinity have). The memo holds no state a result depends on.
const memo = new WeakMap<Pod, { classes: readonly PriorityClass[]; info: PodInfo }>();

// The terms (or claims) of a Pod without any, shared: a PodInfo's lists are never changed.
const NO_TERMS: never[] = [];

function claimsOf(pod: Pod): string[] {
  return pod.spec.volumes.flatMap((v) => {
    if (v.persistentVolumeClaim) return [`${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`];
    // A generic ephemeral volume's claim is named <pod>-<volume> (ephemeral.VolumeClaimName).
    return v.ephemeral ? [`${pod.metadata.namespace}/${pod.metadata.name}-${v.name}`] : [];
  });
}

function buildPodInfo(pod: Pod, classes: readonly PriorityClass[]): PodInfo {
  const { requests, nonZero } = podResources(pod);
  const { podAffinity: aff, podAntiAffinity: anti } = pod.spec.affinity ?? {};
  const requiredAffinity = aff?.requiredDuringSchedulingIgnoredDuringExecution.map((t) => affinityTerm(pod, t));
  const requiredAntiAffinity = anti?.requiredDuringSchedulingIgnoredDuringExecution.map((t) => affinityTerm(pod, t));
  const preferredAffinity = aff?.preferredDuringSchedulingIgnoredDuringExecution.map((t) => weightedTerm(pod, t));
  const preferredAntiAffinity = anti?.preferredDuringSchedulingIgnoredDuringExecution.map((t) => weightedTerm(pod, t));
  return {
    pod,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    labels: pod.metadata.labels,
    // spec.priority is set on any Pod the API server admitted; the classes are read only without it.
    priority: pod.spec.priority ?? podPriority(pod, classes).value,
    requests,
    nonZero,
    hostPorts: hostPortsOf(pod),
    requiredAffinity: requiredAffinity ?? NO_TERMS,
    requiredAntiAffinity: requiredAntiAffinity ?? NO_TERMS,
    preferredAffinity: preferredAffinity ?? NO_TERMS,
    preferredAntiAffinity: preferredAntiAffinity ?? NO_TERMS,
    claims: pod.spec.volumes.length ? claimsOf(pod) : NO_TERMS,
    hasAffinity: [requiredAffinity, requiredAntiAffinity, preferredAffinity, preferredAntiAffinity].some(
      (terms) => !!terms?.length,
    ),
  };
}

/** The PodInfo of a Pod, its priority resolved against the cluster's PriorityClasses. */
export function podInfoOf(pod: Pod, classes: readonly PriorityClass[]): PodInfo {
  const known = memo.get(pod);
  if (known?.classes === classes) return known.info;
  const info = buildPodInfo(pod, classes);
  memo.set(pod, { classes, info });
  return info;
}

// Whether `a` and `b` hold the very same values under every key but `except`.
function sameBut(a: object, b: object, except: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => k !== except);
  return keys.length === Object.keys(y).filter((k) => k !== except).length && keys.every((k) => x[k] === y[k]);
}

/**
 * The PodInfo of `bound`, which the binding made as a copy of `scheduled` with spec.nodeName set: nothing
 * a PodInfo holds reads nodeName, so the scheduled Pod's (already built for its cycle) serves, with the
 * copy in it. Any other Pod gets its own, as podInfoOf builds it.
 */
export function boundPodInfo(bound: Pod, scheduled: Pod | undefined, classes: readonly PriorityClass[]): PodInfo {
  if (!scheduled || !sameBut(bound, scheduled, 'spec') || !sameBut(bound.spec, scheduled.spec, 'nodeName'))
    return podInfoOf(bound, classes);
  const info = { ...podInfoOf(scheduled, classes), pod: bound };
  memo.set(bound, { classes, info });
  return info;
}

/** Requests summed while the snapshot is built; a NodeInfo's Resources are never changed after. */
type Sums = { milliCPU: number; memory: number; ephemeralStorage: number; scalar: Map<string, number> };
type Building = NodeInfo & { requested: Sums; nonZeroRequested: { milliCPU: number; memory: number } };

/** An empty NodeInfo for a node (NodeInfo.SetNode). */
function emptyNodeInfo(node: Node): Building {
  const { resources, pods } = allocatableOf(node.status.allocatable);
  return {
    node,
    name: node.metadata.name,
    labels: node.metadata.labels,
    pods: [],
    requested: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: new Map() },
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    allocatable: resources,
    allowedPods: pods,
    usedPorts: new PortSet(),
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
  };
}

// The node's Pods of one namespace, the list created on first use.
function namespaceList(index: Map<string, PodInfo[]>, namespace: string): PodInfo[] {
  let list = index.get(namespace);
  if (!list) index.set(namespace, (list = []));
  return list;
}

/**
 * Indexes each node's Pods by namespace, kept up to date from then on as Pods are added or removed. The
 * scheduler cache does, since its nodes serve cycle after cycle; a snapshot built for one Pod does not.
 */
export function indexNamespaces(nodes: readonly NodeInfo[]): void {
  for (const n of nodes) {
    n.podsByNamespace = new Map();
    for (const p of n.pods) namespaceList(n.podsByNamespace, p.namespace).push(p);
  }
}

/** NodeInfo.AddPod and RemovePod (sign 1 or -1), on a NodeInfo this cycle owns. */
export function updateNode(n: NodeInfo, p: PodInfo, sign: 1 | -1): void {
  const keep = (list: PodInfo[]) => list.filter((q) => q !== p);
  n.requested = combine(n.requested, p.requests, sign);
  n.nonZeroRequested = {
    milliCPU: n.nonZeroRequested.milliCPU + sign * p.nonZero.milliCPU,
    memory: n.nonZeroRequested.memory + sign * p.nonZero.memory,
  };
  for (const port of p.hostPorts)
    if (sign > 0) n.usedPorts.add(port);
    else n.usedPorts.remove(port);
  if (sign > 0) {
    n.pods.push(p);
    if (n.podsByNamespace) namespaceList(n.podsByNamespace, p.namespace).push(p);
    if (p.hasAffinity) n.podsWithAffinity.push(p);
    if (p.requiredAntiAffinity.length) n.podsWithRequiredAntiAffinity.push(p);
  } else {
    n.pods = keep(n.pods);
    if (n.podsByNamespace) n.podsByNamespace.set(p.namespace, keep(namespaceList(n.podsByNamespace, p.namespace)));
    n.podsWithAffinity = keep(n.podsWithAffinity);
    n.podsWithRequiredAntiAffinity = keep(n.podsWithRequiredAntiAffinity);
  }
}

/** A copy of a NodeInfo that preemption may change without touching the cycle's (Resources are never changed in place). */
export function cloneNode(n: NodeInfo): NodeInfo {
  return {
    ...n,
    pods: [...n.pods],
    usedPorts: n.usedPorts.clone(),
    podsWithAffinity: [...n.podsWithAffinity],
    podsWithRequiredAntiAffinity: [...n.podsWithRequiredAntiAffinity],
    podsByNamespace: n.podsByNamespace && new Map([...n.podsByNamespace].map(([ns, list]) => [ns, [...list]])),
  };
}

// Adds a Pod to a NodeInfo being built, summing its requests in place (no new objects per Pod).
function place(n: Building, info: PodInfo): void {
  const requested = n.requested;
  n.pods.push(info);
  if (n.podsByNamespace) namespaceList(n.podsByNamespace, info.namespace).push(info);
  if (info.hasAffinity) n.podsWithAffinity.push(info);
  if (info.requiredAntiAffinity.length) n.podsWithRequiredAntiAffinity.push(info);
  const r = info.requests;
  requested.milliCPU += r.milliCPU;
  requested.memory += r.memory;
  requested.ephemeralStorage += r.ephemeralStorage;
  if (r.scalar.size) for (const [k, v] of r.scalar) requested.scalar.set(k, (requested.scalar.get(k) ?? 0) + v);
  n.nonZeroRequested.milliCPU += info.nonZero.milliCPU;
  n.nonZeroRequested.memory += info.nonZero.memory;
  if (info.hostPorts.length) for (const port of info.hostPorts) n.usedPorts.add(port);
}

// Every namespace that exists (declared, or named by an object in it) and its labels, in this order: the
// declared ones, the Pod's, then those of the Pods, claims and Services (snapshotOf adds the rest).
/** The declared namespaces, then the Pod's. */
function declaredNamespaces(state: SchedulingState, pod?: Pod): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const ns of state.namespaces) addNamespace(out, ns.metadata.name, ns.metadata.labels);
  if (pod) namespacesOf(out, [pod]);
  return out;
}

/** The namespaces objects are in, each added unless known. */
function namespacesOf(out: Map<string, Record<string, string>>, list: readonly { metadata: { namespace: string } }[]) {
  for (const o of list) if (!out.has(o.metadata.namespace)) addNamespace(out, o.metadata.namespace);
}

/** Adds a namespace and its labels, unless it is there already and `labels` add none. */
export function addNamespace(
  out: Map<string, Record<string, string>>,
  name: string,
  labels: Record<string, string> = {},
) {
  // kube-apiserver labels every namespace with kubernetes.io/metadata.name (NamespaceDefaultLabelName).
  if (!out.has(name) || Object.keys(labels).length) out.set(name, { ...labels, 'kubernetes.io/metadata.name': name });
}

export interface SnapshotReport {
  snapshot: Snapshot;
  /** Pods left out of the cache, and why (unbound, finished, bound to a node not given). */
  warnings: string[];
}

/** Adds a bound Pod to the snapshot (NodeInfo.AddPod, and the claim count ReadWriteOncePod reads). */
export function addToSnapshot(snapshot: Snapshot, node: NodeInfo, info: PodInfo): void {
  place(node as Building, info);
  snapshot.labelIndex.add(info, node);
  const users = snapshot.claimUsers as Map<string, number>;
  if (info.claims.length) for (const c of info.claims) users.set(c, (users.get(c) ?? 0) + 1);
}

/**
 * The snapshot of `state` holding every bound Pod but those `skip` takes, with `pod`'s namespace known.
 * Its NodeInfos and claim counts are its own: addToSnapshot may add Pods to them later.
 */
export function snapshotOf(state: SchedulingState, skip: (p: Pod) => boolean, pod?: Pod): SnapshotReport {
  const nodes = state.nodes.map(emptyNodeInfo);
  const byName = new Map<string, Building>(nodes.map((n) => [n.name, n]));
  const snapshot: Snapshot = {
    nodes,
    byName,
    // The Pods' namespaces are added in the pass over them below (namespaceLabels' order, one pass).
    namespaces: declaredNamespaces(state, pod),
    claims: new Map(state.persistentVolumeClaims.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c])),
    volumes: new Map(state.persistentVolumes.map((v) => [v.metadata.name, v])),
    classes: new Map(state.storageClasses.map((c) => [c.metadata.name, c])),
    claimUsers: new Map<string, number>(),
    images: imageStates(state.nodes),
    labelIndex: new LabelIndex(nodes),
    services: state.services ?? [],
    statefulSets: state.statefulSets ?? [],
    controllers: state.controllers ?? [],
  };
  const warnings: string[] = [];
  let unbound = 0;
  const namespaces = snapshot.namespaces as Map<string, Record<string, string>>;
  for (const p of state.pods) {
    if (!namespaces.has(p.metadata.namespace)) addNamespace(namespaces, p.metadata.namespace);
    if (skip(p)) continue;
    if (!p.spec.nodeName) {
      unbound++;
      continue;
    }
    if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const n = byName.get(p.spec.nodeName);
    if (n) addToSnapshot(snapshot, n, buildPodInfo(p, state.priorityClasses));
    else
      warnings.push(
        `Pod ${p.metadata.namespace}/${p.metadata.name} is bound to node ${p.spec.nodeName}, which is not among the nodes: it is left out`,
      );
  }
  namespacesOf(namespaces, state.persistentVolumeClaims);
  namespacesOf(namespaces, state.services ?? []);
  if (unbound)
    warnings.push(
      `${unbound} Pod(s) have no spec.nodeName: they are not bound, so they take no room (the cluster dry-run places them)`,
    );
  return { snapshot, warnings };
}

/** The snapshot for scheduling `pod` in `state`: every bound Pod but the Pod itself (by name). */
export function buildSnapshot(state: SchedulingState, pod: Pod): SnapshotReport {
  const { name, namespace } = pod.metadata;
  const self = (p: Pod) => p === pod || (p.metadata.name === name && p.metadata.namespace === namespace);
  return snapshotOf(state, self, pod);
}

// imageStates: every name an image is known by, with its size and the nodes that report it.
function imageStates(nodes: readonly Node[]): Map<string, { size: number; nodes: Set<string> }> {
  const out = new Map<string, { size: number; nodes: Set<string> }>();
  for (const node of nodes)
    for (const image of node.status.images)
      for (const name of image.names) {
        const s = out.get(name) ?? { size: image.sizeBytes, nodes: new Set<string>() };
        s.size = image.sizeBytes;
        s.nodes.add(node.metadata.name);
        out.set(name, s);
      }
  return out;
}
