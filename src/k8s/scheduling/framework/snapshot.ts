// The scheduler cache's snapshot for one cycle (internal/cache/snapshot.go): a NodeInfo per node holding
// the Pods bound to it with their summed requests, host ports and affinity, and the lookups plugins need.
// Pods the cache would not hold are left out: unbound Pods, and Pods that finished (the scheduler's Pod
// informer selects status.phase!=Succeeded,status.phase!=Failed).
import type { Node, Pod, PriorityClass } from '../../objects';
import type { SchedulingState } from '../types';
import { affinityTerm, weightedTerm } from './affinity-terms';
import { hostPortsOf, PortSet } from './ports';
import { podPriority } from './priority';
import { allocatableOf, combine, podResources, type Resources } from './resources';
import type { NodeInfo, PodInfo, Snapshot } from './types';

type StaticPodInfo = Omit<PodInfo, 'priority'>;

// A Pod's requests, ports and terms depend on the Pod alone: computed once per Pod object, so the
// dry-run, which schedules many Pods against the same placed ones, does not recompute them. The memo
// holds no state a result depends on.
const staticInfo = new WeakMap<Pod, StaticPodInfo>();

function staticInfoOf(pod: Pod): StaticPodInfo {
  const known = staticInfo.get(pod);
  if (known) return known;
  const { requests, nonZero } = podResources(pod);
  const a = pod.spec.affinity;
  const info: StaticPodInfo = {
    pod,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    labels: pod.metadata.labels,
    requests,
    nonZero,
    hostPorts: hostPortsOf(pod),
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      affinityTerm(pod, t),
    ),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      affinityTerm(pod, t),
    ),
    preferredAffinity: (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      weightedTerm(pod, t),
    ),
    preferredAntiAffinity: (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      weightedTerm(pod, t),
    ),
    claims: pod.spec.volumes.flatMap((v) => {
      if (v.persistentVolumeClaim) return [`${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`];
      // A generic ephemeral volume's claim is named <pod>-<volume> (ephemeral.VolumeClaimName).
      return v.ephemeral ? [`${pod.metadata.namespace}/${pod.metadata.name}-${v.name}`] : [];
    }),
  };
  staticInfo.set(pod, info);
  return info;
}

/** The PodInfo of a Pod, its priority resolved against the cluster's PriorityClasses. */
export function podInfoOf(pod: Pod, classes: readonly PriorityClass[]): PodInfo {
  return { ...staticInfoOf(pod), priority: podPriority(pod, classes).value };
}

const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinity.length +
    p.requiredAntiAffinity.length +
    p.preferredAffinity.length +
    p.preferredAntiAffinity.length >
  0;

/** An empty NodeInfo for a node (NodeInfo.SetNode). */
function emptyNodeInfo(node: Node): NodeInfo {
  const { resources, pods } = allocatableOf(node.status.allocatable);
  return {
    node,
    name: node.metadata.name,
    labels: node.metadata.labels,
    pods: [],
    requested: { milliCPU: 0n, memory: 0n, ephemeralStorage: 0n, scalar: new Map() },
    nonZeroRequested: { milliCPU: 0n, memory: 0n },
    allocatable: resources,
    allowedPods: pods,
    usedPorts: new PortSet(),
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
  };
}

/** NodeInfo.AddPod and RemovePod (sign 1 or -1), on a NodeInfo this cycle owns. */
export function updateNode(n: NodeInfo, p: PodInfo, sign: 1n | -1n): void {
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
    if (hasAffinity(p)) n.podsWithAffinity.push(p);
    if (p.requiredAntiAffinity.length) n.podsWithRequiredAntiAffinity.push(p);
  } else {
    n.pods = keep(n.pods);
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
  };
}

// Sums requests in place while the NodeInfos are built: one Resources object per node, not per Pod.
function addRequests(
  to: { milliCPU: bigint; memory: bigint; ephemeralStorage: bigint; scalar: Map<string, bigint> },
  r: Resources,
): void {
  to.milliCPU += r.milliCPU;
  to.memory += r.memory;
  to.ephemeralStorage += r.ephemeralStorage;
  for (const [k, v] of r.scalar) to.scalar.set(k, (to.scalar.get(k) ?? 0n) + v);
}

function namespaceLabels(state: SchedulingState, pod: Pod): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  // kube-apiserver labels every namespace with kubernetes.io/metadata.name (NamespaceDefaultLabelName).
  const add = (name: string, labels: Record<string, string> = {}) => {
    if (!out.has(name) || Object.keys(labels).length) out.set(name, { ...labels, 'kubernetes.io/metadata.name': name });
  };
  for (const ns of state.namespaces) add(ns.metadata.name, ns.metadata.labels);
  for (const o of [pod, ...state.pods, ...state.persistentVolumeClaims, ...(state.services ?? [])])
    if (!out.has(o.metadata.namespace)) add(o.metadata.namespace);
  return out;
}

export interface SnapshotReport {
  snapshot: Snapshot;
  /** Pods left out of the cache, and why (unbound, finished, bound to a node not given). */
  warnings: string[];
}

/** The snapshot for scheduling `pod` in `state`. */
export function buildSnapshot(state: SchedulingState, pod: Pod): SnapshotReport {
  const nodes = state.nodes.map(emptyNodeInfo);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const sums = new Map(
    nodes.map((n) => [n.name, { milliCPU: 0n, memory: 0n, ephemeralStorage: 0n, scalar: new Map<string, bigint>() }]),
  );
  const claimUsers = new Map<string, number>();
  const warnings: string[] = [];
  let unbound = 0;
  for (const p of state.pods) {
    if (p === pod || (p.metadata.name === pod.metadata.name && p.metadata.namespace === pod.metadata.namespace))
      continue;
    if (!p.spec.nodeName) {
      unbound++;
      continue;
    }
    if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const n = byName.get(p.spec.nodeName);
    if (!n) {
      warnings.push(
        `Pod ${p.metadata.namespace}/${p.metadata.name} is bound to node ${p.spec.nodeName}, which is not among the nodes: it is left out`,
      );
      continue;
    }
    const info = podInfoOf(p, state.priorityClasses);
    n.pods.push(info);
    if (hasAffinity(info)) n.podsWithAffinity.push(info);
    if (info.requiredAntiAffinity.length) n.podsWithRequiredAntiAffinity.push(info);
    addRequests(sums.get(n.name)!, info.requests);
    n.nonZeroRequested = {
      milliCPU: n.nonZeroRequested.milliCPU + info.nonZero.milliCPU,
      memory: n.nonZeroRequested.memory + info.nonZero.memory,
    };
    for (const port of info.hostPorts) n.usedPorts.add(port);
    for (const c of info.claims) claimUsers.set(c, (claimUsers.get(c) ?? 0) + 1);
  }
  for (const n of nodes) n.requested = sums.get(n.name)!;
  if (unbound)
    warnings.push(
      `${unbound} Pod(s) have no spec.nodeName: they are not bound, so they take no room (the cluster dry-run places them)`,
    );
  return {
    snapshot: {
      nodes,
      byName,
      namespaces: namespaceLabels(state, pod),
      claims: new Map(state.persistentVolumeClaims.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c])),
      volumes: new Map(state.persistentVolumes.map((v) => [v.metadata.name, v])),
      classes: new Map(state.storageClasses.map((c) => [c.metadata.name, c])),
      claimUsers,
      images: imageStates(state.nodes),
      services: state.services ?? [],
      statefulSets: state.statefulSets ?? [],
      controllers: state.controllers ?? [],
    },
    warnings,
  };
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
