// The scheduler cache's snapshot for one cycle (internal/cache/snapshot.go): a NodeInfo per node holding
// the Pods bound to it with their summed requests, host ports and affinity, and the lookups plugins need.
// Pods the cache would not hold are left out: unbound Pods, and Pods that finished (the scheduler's Pod
// informer selects status.phase!=Succeeded,status.phase!=Failed).
import type { Node, Pod } from '../../objects';
import type { SchedulingState } from '../types';
import { LabelIndex } from './label-index';
import { NodeInfo } from './node-info';
import { claimsOf, hasPodAffinity } from './pod-info';
import type { PodInfo, Snapshot } from './types';

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
  node.update(info, 1);
  snapshot.labelIndex.add(info.pod, node);
  if (info.hasAffinity) (snapshot.affinityNodes as Set<NodeInfo>).add(node);
  const users = snapshot.claimUsers as Map<string, number>;
  if (info.claims.length) for (const c of info.claims) users.set(c, (users.get(c) ?? 0) + 1);
}

/**
 * The snapshot of `state` holding every bound Pod but those `skip` takes, with `pod`'s namespace known.
 * Its NodeInfos and claim counts are its own: addToSnapshot may add Pods to them later. `sampled`: the
 * cycle may stop before reading every node (percentageOfNodesToScore), so each node sums its Pods'
 * requests only if it is read.
 */
export function snapshotOf(
  state: SchedulingState,
  skip: (p: Pod) => boolean,
  pod?: Pod,
  sampled = false,
): SnapshotReport {
  // One pass adds the bound Pods to their nodes; a NodeInfo builds their PodInfos when a plugin asks.
  const nodes = state.nodes.map((node) => new NodeInfo(node, state.priorityClasses));
  if (!sampled) for (const n of nodes) n.sumRequests();
  const byName = new Map<string, NodeInfo>();
  for (let i = 0; i < nodes.length; i++) byName.set(nodes[i].name, nodes[i]);
  const labelIndex = new LabelIndex(state.pods.length);
  const affinityNodes = new Set<NodeInfo>();
  const claimUsers = new Map<string, number>();
  const snapshot: Snapshot = {
    nodes,
    byName,
    // The Pods' namespaces are added in the pass over them below (namespaceLabels' order, one pass).
    namespaces: declaredNamespaces(state, pod),
    claims: new Map(state.persistentVolumeClaims.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c])),
    volumes: new Map(state.persistentVolumes.map((v) => [v.metadata.name, v])),
    classes: new Map(state.storageClasses.map((c) => [c.metadata.name, c])),
    claimUsers,
    images: imageStates(state.nodes),
    labelIndex,
    affinityNodes,
    services: state.services ?? [],
    statefulSets: state.statefulSets ?? [],
    controllers: state.controllers ?? [],
  };
  if (pod) foreseeLabels(labelIndex, pod);
  const warnings: string[] = [];
  let unbound = 0;
  const namespaces = snapshot.namespaces as Map<string, Record<string, string>>;
  // An indexed loop with its reads kept in locals: a first call on freshly parsed Pods runs much of this
  // loop before V8 optimizes it, where every iterator step and repeated property read costs.
  // Pods come mostly in runs of one namespace: a namespace just seen is known.
  const pods = state.pods;
  let seen: string | undefined;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i];
    const ns = p.metadata.namespace;
    if (ns !== seen && !namespaces.has(ns)) addNamespace(namespaces, ns);
    seen = ns;
    if (skip(p)) continue;
    const nodeName = p.spec.nodeName;
    if (!nodeName) {
      unbound++;
      continue;
    }
    const phase = p.status.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const node = byName.get(nodeName);
    if (!node) {
      warnings.push(
        `Pod ${p.metadata.namespace}/${p.metadata.name} is bound to node ${p.spec.nodeName}, which is not among the nodes: it is left out`,
      );
      continue;
    }
    node.add(p);
    labelIndex.add(p, node);
    if (hasPodAffinity(p)) affinityNodes.add(node);
    if (p.spec.volumes.length) for (const c of claimsOf(p)) claimUsers.set(c, (claimUsers.get(c) ?? 0) + 1);
  }
  namespacesOf(namespaces, state.persistentVolumeClaims);
  namespacesOf(namespaces, state.services ?? []);
  if (unbound)
    warnings.push(
      `${unbound} Pod(s) have no spec.nodeName: they are not bound, so they take no room (the cluster dry-run places them)`,
    );
  return { snapshot, warnings };
}

/**
 * Asks the label index, while it is still empty, for the pairs the cycle's plugins will ask it for: the
 * first matchLabels entry of each of the Pod's spread constraints and pod (anti-)affinity terms. The
 * snapshot's pass then gathers their Pods as it adds each Pod, while the Pod is being read anyway,
 * instead of a second pass over every Pod when a plugin first asks. A pair nobody asks for costs an
 * empty list; one not foreseen (a merged or a default selector) is still gathered when asked for.
 */
function foreseeLabels(index: LabelIndex, pod: Pod): void {
  for (const c of pod.spec.topologySpreadConstraints) index.candidates(c.labelSelector);
  const { podAffinity, podAntiAffinity } = pod.spec.affinity ?? {};
  for (const a of [podAffinity, podAntiAffinity]) {
    if (!a) continue;
    for (const t of a.requiredDuringSchedulingIgnoredDuringExecution) index.candidates(t.labelSelector);
    for (const t of a.preferredDuringSchedulingIgnoredDuringExecution)
      index.candidates(t.podAffinityTerm.labelSelector);
  }
}

/** The snapshot for scheduling `pod` in `state`: every bound Pod but the Pod itself (by name). */
export function buildSnapshot(state: SchedulingState, pod: Pod, sampled = false): SnapshotReport {
  const { name, namespace } = pod.metadata;
  const self = (p: Pod) => p === pod || (p.metadata.name === name && p.metadata.namespace === namespace);
  return snapshotOf(state, self, pod, sampled);
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
