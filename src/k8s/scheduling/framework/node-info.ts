// A node and the Pods bound to it (framework.NodeInfo). kube-scheduler's cache keeps a NodeInfo up to
// date as Pods come and go; kubeknow builds its snapshot afresh for each request, from Pods it has never
// seen. So the snapshot's one pass over the Pods only sums each Pod's requests into its node (what
// NodeResourcesFit and the resource scores read on every node), in the order the Pods were given, which
// reads memory in order; the PodInfos — host ports, affinity terms, priority — are built for a node the
// first time a plugin asks for them (NodePorts for a Pod with host ports, preemption, the nodes holding
// Pods with affinity). The answers are those of NodeInfos built whole (the property tests compare cycles
// on fresh snapshots with the dry-run's cache).
import type { Node, Pod, PriorityClass } from '../../objects';
import { buildPodInfo } from './pod-info';
import { PortSet } from './ports';
import { allocatableOf, NO_SCALARS, podResources, type Resources } from './resources';
import type { PodInfo } from './types';

interface Placed {
  pods: PodInfo[];
  usedPorts: PortSet;
  /** Pods with any (anti-)affinity term, and those with required anti-affinity, as the cache indexes them. */
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
}

// The node's Pods of one namespace, the list created on first use.
function namespaceList(index: Map<string, Pod[]>, namespace: string): Pod[] {
  let list = index.get(namespace);
  if (!list) index.set(namespace, (list = []));
  return list;
}

const without = <T>(list: readonly T[], item: T): T[] => list.filter((q) => q !== item);

export class NodeInfo {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly allocatable: Resources;
  readonly allowedPods: number;
  /** The Pods bound to the node, as given (changed only through add and update). */
  boundPods: readonly Pod[] = [];
  /**
   * What they request (NodeInfo.Requested and NonZeroRequested): plain fields, read on every node of every
   * cycle, changed in place (a clone gets copies; the scalar map, shared, is replaced when it changes).
   */
  requested: Resources = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: NO_SCALARS };
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  /** The node's Pods by namespace, when indexed (indexNamespaces), for selectors of namespaced objects. */
  podsByNamespace?: Map<string, Pod[]>;
  private placed?: Placed;

  /** NodeInfo.SetNode: a node without Pods, and the classes its Pods' priorities are read against. */
  constructor(
    readonly node: Node,
    private readonly classes: readonly PriorityClass[],
  ) {
    this.name = node.metadata.name;
    this.labels = node.metadata.labels;
    const { resources, pods } = allocatableOf(node.status.allocatable);
    this.allocatable = resources;
    this.allowedPods = pods;
  }

  /**
   * A bound Pod, in the snapshot's one pass over the Pods: its requests are summed, its PodInfo is built
   * when one is asked for.
   */
  add(p: Pod): void {
    (this.boundPods as Pod[]).push(p);
    const { requests, nonZero } = podResources(p);
    this.sum(requests, nonZero, 1);
  }

  private sum(r: Resources, nonZero: { milliCPU: number; memory: number }, sign: 1 | -1): void {
    const sums = this.requested;
    sums.milliCPU += sign * r.milliCPU;
    sums.memory += sign * r.memory;
    sums.ephemeralStorage += sign * r.ephemeralStorage;
    // Most nodes never see a scalar resource: they keep the shared empty map, the others get their own.
    if (r.scalar.size) {
      const scalar = new Map(sums.scalar);
      for (const [k, v] of r.scalar) scalar.set(k, (scalar.get(k) ?? 0) + sign * v);
      sums.scalar = scalar;
    }
    this.nonZeroRequested.milliCPU += sign * nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * nonZero.memory;
  }

  private podInfos(): Placed {
    if (this.placed) return this.placed;
    const placed: Placed = {
      pods: [],
      usedPorts: new PortSet(),
      podsWithAffinity: [],
      podsWithRequiredAntiAffinity: [],
    };
    for (const p of this.boundPods) {
      const info = buildPodInfo(p, this.classes);
      placed.pods.push(info);
      if (info.hasAffinity) placed.podsWithAffinity.push(info);
      if (info.requiredAntiAffinity.length) placed.podsWithRequiredAntiAffinity.push(info);
      for (const port of info.hostPorts) placed.usedPorts.add(port);
    }
    return (this.placed = placed);
  }

  get pods(): readonly PodInfo[] {
    return this.podInfos().pods;
  }
  get usedPorts(): PortSet {
    return this.podInfos().usedPorts;
  }
  get podsWithAffinity(): readonly PodInfo[] {
    return this.podInfos().podsWithAffinity;
  }
  get podsWithRequiredAntiAffinity(): readonly PodInfo[] {
    return this.podInfos().podsWithRequiredAntiAffinity;
  }

  /**
   * Indexes the Pods by namespace, kept up to date from then on as Pods are added or removed. The
   * scheduler cache does, since its nodes serve cycle after cycle; a snapshot built for one Pod does not.
   */
  indexNamespaces(): void {
    this.podsByNamespace = new Map();
    for (const p of this.boundPods) namespaceList(this.podsByNamespace, p.metadata.namespace).push(p);
  }

  /**
   * NodeInfo.AddPod (sign 1) and RemovePod (-1), of a Pod with its PodInfo. A removal makes new lists
   * (countMatching's tallies count on a list only growing in place); PodInfos not built yet are built
   * from the Pods when asked for.
   */
  update(p: PodInfo, sign: 1 | -1): void {
    this.sum(p.requests, p.nonZero, sign);
    const placed = this.placed;
    const byNamespace = this.podsByNamespace;
    if (sign > 0) {
      (this.boundPods as Pod[]).push(p.pod);
      if (byNamespace) namespaceList(byNamespace, p.namespace).push(p.pod);
      if (!placed) return;
      placed.pods.push(p);
      if (p.hasAffinity) placed.podsWithAffinity.push(p);
      if (p.requiredAntiAffinity.length) placed.podsWithRequiredAntiAffinity.push(p);
      for (const port of p.hostPorts) placed.usedPorts.add(port);
      return;
    }
    this.boundPods = without(this.boundPods, p.pod);
    if (byNamespace) byNamespace.set(p.namespace, without(namespaceList(byNamespace, p.namespace), p.pod));
    if (!placed) return;
    placed.pods = without(placed.pods, p);
    placed.podsWithAffinity = without(placed.podsWithAffinity, p);
    placed.podsWithRequiredAntiAffinity = without(placed.podsWithRequiredAntiAffinity, p);
    for (const port of p.hostPorts) placed.usedPorts.remove(port);
  }

  /** A copy that preemption may change without touching this one; both hold the same PodInfos. */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node, this.classes);
    copy.boundPods = [...this.boundPods];
    copy.requested = { ...this.requested };
    copy.nonZeroRequested = { ...this.nonZeroRequested };
    const placed = this.podInfos();
    copy.placed = {
      pods: [...placed.pods],
      usedPorts: placed.usedPorts.clone(),
      podsWithAffinity: [...placed.podsWithAffinity],
      podsWithRequiredAntiAffinity: [...placed.podsWithRequiredAntiAffinity],
    };
    if (this.podsByNamespace)
      copy.podsByNamespace = new Map([...this.podsByNamespace].map(([ns, list]) => [ns, [...list]]));
    return copy;
  }
}
