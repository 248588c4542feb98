// A node and the Pods bound to it (framework.NodeInfo). kube-scheduler's cache keeps a NodeInfo up to
// date as Pods come and go; kubeknow builds its snapshot afresh for each request, from Pods it has never
// seen. So the snapshot's one pass over the Pods only lists each Pod under its node; what the Pods
// request is summed the first time a plugin reads it (NodeResourcesFit and the resource scores, on the
// nodes the cycle examines), and the PodInfos — host ports, affinity terms, priority — are built the
// first time a plugin asks for them (NodePorts for a Pod with host ports, preemption, the nodes holding
// Pods with affinity). With percentageOfNodesToScore, the nodes the search never reaches are never read.
// The answers are those of NodeInfos built whole (the property tests compare cycles on fresh snapshots
// with the dry-run's cache, and with and without sampling).
import type { Node, Pod, PriorityClass } from '../../objects';
import { buildPodInfo, hasPodAffinity } from './pod-info';
import { PortSet } from './ports';
import { allocatableOf, NO_SCALARS, podResourcesIn, type PodResources, type Resources } from './resources';
import type { PodInfo } from './types';

interface Placed {
  pods: PodInfo[];
  usedPorts: PortSet;
}

/** Pods with any (anti-)affinity term, and those with required anti-affinity, as the cache indexes them. */
interface WithAffinity {
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
  /** The node's Pods by namespace, when indexed (indexNamespaces), for selectors of namespaced objects. */
  podsByNamespace?: Map<string, Pod[]>;
  private placed?: Placed;
  /**
   * Built apart from `placed`, from the Pods with affinity alone: InterPodAffinity reads these lists on
   * every node holding such a Pod, most of whose other Pods have none, and asks for nothing else.
   */
  private affinity?: WithAffinity;
  /**
   * What the Pods request (NodeInfo.Requested and NonZeroRequested), once summed: plain fields, changed in
   * place (a clone gets copies; the scalar map, shared, is replaced when it changes).
   */
  private sums?: PodResources;

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

  /** A bound Pod, in the snapshot's one pass over the Pods: its requests are summed when first read. */
  add(p: Pod): void {
    (this.boundPods as Pod[]).push(p);
    if (this.sums) this.sum(podResourcesIn(p), 1);
  }

  /**
   * Sums the requests now, and each Pod's as it is added: a snapshot whose every node the cycle reads
   * sums them in its ordered pass over the Pods, which reads memory in order and costs less than summing
   * node by node later.
   */
  sumRequests(): void {
    this.summed();
  }

  get requested(): Resources {
    return this.summed().requests;
  }
  get nonZeroRequested(): { milliCPU: number; memory: number } {
    return this.summed().nonZero;
  }

  private summed(): PodResources {
    if (this.sums) return this.sums;
    this.sums = {
      requests: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: NO_SCALARS },
      nonZero: { milliCPU: 0, memory: 0 },
    };
    for (const p of this.boundPods) this.sum(podResourcesIn(p), 1);
    return this.sums;
  }

  private sum({ requests: r, nonZero }: PodResources, sign: 1 | -1): void {
    const sums = this.sums!.requests;
    sums.milliCPU += sign * r.milliCPU;
    sums.memory += sign * r.memory;
    sums.ephemeralStorage += sign * r.ephemeralStorage;
    // Most nodes never see a scalar resource: they keep the shared empty map, the others get their own.
    if (r.scalar.size) {
      const scalar = new Map(sums.scalar);
      for (const [k, v] of r.scalar) scalar.set(k, (scalar.get(k) ?? 0) + sign * v);
      sums.scalar = scalar;
    }
    this.sums!.nonZero.milliCPU += sign * nonZero.milliCPU;
    this.sums!.nonZero.memory += sign * nonZero.memory;
  }

  private podInfos(): Placed {
    if (this.placed) return this.placed;
    const placed: Placed = { pods: [], usedPorts: new PortSet() };
    // The PodInfos of the affinity lists, when built, are the ones placed.pods holds (a removal finds a
    // PodInfo in each list by identity); they come in the order of boundPods.
    const withAffinity = this.affinity?.podsWithAffinity ?? [];
    let next = 0;
    for (const p of this.boundPods) {
      const known = withAffinity[next];
      const info = known?.pod === p ? (next++, known) : buildPodInfo(p, this.classes);
      placed.pods.push(info);
      for (const port of info.hostPorts) placed.usedPorts.add(port);
    }
    return (this.placed = placed);
  }

  private affinityInfos(): WithAffinity {
    if (this.affinity) return this.affinity;
    const affinity: WithAffinity = { podsWithAffinity: [], podsWithRequiredAntiAffinity: [] };
    const infos = this.placed?.pods;
    for (let i = 0; i < this.boundPods.length; i++) {
      const p = this.boundPods[i];
      if (!hasPodAffinity(p)) continue;
      const info = infos ? infos[i] : buildPodInfo(p, this.classes);
      affinity.podsWithAffinity.push(info);
      if (info.requiredAntiAffinity.length) affinity.podsWithRequiredAntiAffinity.push(info);
    }
    return (this.affinity = affinity);
  }

  get pods(): readonly PodInfo[] {
    return this.podInfos().pods;
  }
  get usedPorts(): PortSet {
    return this.podInfos().usedPorts;
  }
  get podsWithAffinity(): readonly PodInfo[] {
    return this.affinityInfos().podsWithAffinity;
  }
  get podsWithRequiredAntiAffinity(): readonly PodInfo[] {
    return this.affinityInfos().podsWithRequiredAntiAffinity;
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
    // Sums not read yet are summed from boundPods when they are.
    if (this.sums) this.sum(p, sign);
    const { placed, affinity } = this;
    const byNamespace = this.podsByNamespace;
    if (sign > 0) {
      (this.boundPods as Pod[]).push(p.pod);
      if (byNamespace) namespaceList(byNamespace, p.namespace).push(p.pod);
      if (placed) {
        placed.pods.push(p);
        for (const port of p.hostPorts) placed.usedPorts.add(port);
      }
      if (affinity && p.hasAffinity) {
        affinity.podsWithAffinity.push(p);
        if (p.requiredAntiAffinity.length) affinity.podsWithRequiredAntiAffinity.push(p);
      }
      return;
    }
    this.boundPods = without(this.boundPods, p.pod);
    if (byNamespace) byNamespace.set(p.namespace, without(namespaceList(byNamespace, p.namespace), p.pod));
    if (placed) {
      placed.pods = without(placed.pods, p);
      for (const port of p.hostPorts) placed.usedPorts.remove(port);
    }
    if (affinity) {
      affinity.podsWithAffinity = without(affinity.podsWithAffinity, p);
      affinity.podsWithRequiredAntiAffinity = without(affinity.podsWithRequiredAntiAffinity, p);
    }
  }

  /** A copy that preemption may change without touching this one; both hold the same PodInfos. */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node, this.classes);
    copy.boundPods = [...this.boundPods];
    const sums = this.summed();
    copy.sums = { requests: { ...sums.requests }, nonZero: { ...sums.nonZero } };
    const placed = this.podInfos();
    copy.placed = { pods: [...placed.pods], usedPorts: placed.usedPorts.clone() };
    const affinity = this.affinityInfos();
    copy.affinity = {
      podsWithAffinity: [...affinity.podsWithAffinity],
      podsWithRequiredAntiAffinity: [...affinity.podsWithRequiredAntiAffinity],
    };
    if (this.podsByNamespace)
      copy.podsByNamespace = new Map([...this.podsByNamespace].map(([ns, list]) => [ns, [...list]]));
    return copy;
  }
}
