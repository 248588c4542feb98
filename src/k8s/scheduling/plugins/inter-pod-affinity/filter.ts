// InterPodAffinity's PreFilter and Filter (interpodaffinity/filtering.go). PreFilter counts, per
// topology domain (a topology key and the node label value), the Pods matching all of the incoming Pod's
// required affinity terms, those matching each of its anti-affinity terms, and the existing Pods whose
// required anti-affinity the incoming Pod would violate. Filter then reads the node's domains.
import {
  matchesAllTerms,
  termMatchesPod,
  withResolvedNamespaces,
  type AffinityTerm,
} from '../../framework/affinity-terms';
import type { Pod } from '../../../objects';
import { reject } from '../../framework/status';
import type { FilterState, NodeInfo, PodInfo, Snapshot, Status } from '../../framework/types';

type Counts = Map<string, number>; // `key\0value` → count
const pair = (key: string, value: string) => `${key}\u0000${value}`;

function bump(m: Counts, node: NodeInfo, key: string, delta: number): void {
  const value = node.labels[key];
  if (value === undefined) return;
  const k = pair(key, value);
  const n = (m.get(k) ?? 0) + delta;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

export class AffinityFilter implements FilterState {
  private constructor(
    private readonly pod: PodInfo,
    private readonly affinity: AffinityTerm[],
    private readonly anti: AffinityTerm[],
    private readonly nsLabels: Record<string, string>,
    private readonly affinityCounts: Counts,
    private readonly antiCounts: Counts,
    private readonly existingAntiCounts: Counts,
  ) {}

  /** Whether there is anything to check: the Pod's required terms, or existing Pods' required anti-affinity. */
  static needed(pod: PodInfo, snapshot: Snapshot): boolean {
    return (
      pod.requiredAffinity.length + pod.requiredAntiAffinity.length > 0 ||
      [...snapshot.affinityNodes].some((n) => n.podsWithRequiredAntiAffinity.length > 0)
    );
  }

  static build(pod: PodInfo, snapshot: Snapshot): AffinityFilter {
    const ns = snapshot.namespaces;
    const f = new AffinityFilter(
      pod,
      pod.requiredAffinity.map((t) => withResolvedNamespaces(t, ns)),
      pod.requiredAntiAffinity.map((t) => withResolvedNamespaces(t, ns)),
      ns.get(pod.namespace) ?? {},
      new Map(),
      new Map(),
      new Map(),
    );
    // The incoming Pod's terms, each over the only Pods its selector can take (the snapshot's label
    // index; a Pod matching all affinity terms matches the first), or over every Pod.
    const each = (selector: AffinityTerm['selector'], visit: (p: Pod, node: NodeInfo) => void) => {
      const candidates = snapshot.labelIndex.candidates(selector);
      if (candidates) for (let i = 0; i < candidates.pods.length; i++) visit(candidates.pods[i], candidates.nodes[i]);
      else for (const node of snapshot.nodes) for (const p of node.boundPods) visit(p, node);
    };
    if (f.affinity.length) each(f.affinity[0].selector, (p, node) => f.updateAffinity(p, node, 1));
    for (const t of f.anti)
      each(t.selector, (p, node) => {
        if (termMatchesPod(t, p)) bump(f.antiCounts, node, t.topologyKey, 1);
      });
    for (const node of snapshot.affinityNodes)
      for (const p of node.podsWithRequiredAntiAffinity) f.updateExisting(p, node, 1);
    return f;
  }

  private updateAffinity(p: Pod, node: NodeInfo, delta: number): void {
    if (matchesAllTerms(this.affinity, p))
      for (const t of this.affinity) bump(this.affinityCounts, node, t.topologyKey, delta);
  }

  private updateExisting(p: PodInfo, node: NodeInfo, delta: number): void {
    for (const t of p.requiredAntiAffinity)
      if (termMatchesPod(t, this.pod.pod, this.nsLabels)) bump(this.existingAntiCounts, node, t.topologyKey, delta);
  }

  // The three counts a Pod on a node contributes to (updateWithAffinityTerms, updateWithAntiAffinityTerms,
  // and the existing Pod's own anti-affinity against the incoming Pod, matched with its namespace's labels).
  private update(p: PodInfo, node: NodeInfo, delta: number): void {
    this.updateAffinity(p.pod, node, delta);
    for (const t of this.anti) if (termMatchesPod(t, p.pod)) bump(this.antiCounts, node, t.topologyKey, delta);
    this.updateExisting(p, node, delta);
  }

  // The first of the Pod's anti-affinity terms a Pod in the node's domain matches. A loop, not find():
  // it runs for every node, and most Pods have no such term.
  private violatedAnti(labels: Record<string, string>): AffinityTerm | undefined {
    for (let i = 0; i < this.anti.length; i++) {
      const t = this.anti[i];
      if (t.topologyKey in labels && (this.antiCounts.get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0)
        return t;
    }
    return undefined;
  }

  filter(node: NodeInfo): Status | null {
    const labels = node.labels;
    // satisfyPodAffinity: every term's key on the node, and matching Pods in each of its domains — or,
    // for the first of a group with affinity to itself, no matching Pod anywhere and the Pod matching its own terms.
    if (this.affinity.length) {
      const missing = this.affinity.find((t) => !(t.topologyKey in labels));
      const empty = this.affinity.find(
        (t) => (this.affinityCounts.get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0,
      );
      const firstOfGroup = this.affinityCounts.size === 0 && matchesAllTerms(this.affinity, this.pod.pod);
      if (missing || (empty && !firstOfGroup)) {
        const t = (missing ?? empty)!;
        return reject(
          'UnschedulableAndUnresolvable',
          "node(s) didn't match pod affinity rules",
          missing
            ? `${node.name} has no ${t.topologyKey} label, which a required pod affinity term needs.`
            : `No Pod matching the required pod affinity runs in ${t.topologyKey}=${labels[t.topologyKey]}.`,
          missing
            ? `${node.name}에 필수 파드 어피니티 항목이 쓰는 ${t.topologyKey} 레이블이 없다.`
            : `${t.topologyKey}=${labels[t.topologyKey]}에 필수 파드 어피니티와 맞는 파드가 없다.`,
        );
      }
    }
    const anti = this.violatedAnti(labels);
    if (anti)
      return reject(
        'Unschedulable',
        "node(s) didn't match pod anti-affinity rules",
        `A Pod that the Pod's required anti-affinity excludes already runs in ${anti.topologyKey}=${labels[anti.topologyKey]}.`,
        `${anti.topologyKey}=${labels[anti.topologyKey]}에 이 파드의 필수 안티-어피니티가 피하는 파드가 이미 있다.`,
      );
    // Most cycles find no existing Pod's anti-affinity against this Pod: no node label needs looking up.
    if (this.existingAntiCounts.size === 0) return null;
    for (const key in labels)
      if ((this.existingAntiCounts.get(pair(key, labels[key])) ?? 0) > 0)
        return reject(
          'Unschedulable',
          "node(s) didn't satisfy existing pods anti-affinity rules",
          `A Pod running in ${key}=${labels[key]} has required anti-affinity against Pods like this one.`,
          `${key}=${labels[key]}에서 실행 중인 파드가 이런 파드를 피하는 필수 안티-어피니티를 갖고 있다.`,
        );
    return null;
  }

  clone(): AffinityFilter {
    return new AffinityFilter(
      this.pod,
      this.affinity,
      this.anti,
      this.nsLabels,
      new Map(this.affinityCounts),
      new Map(this.antiCounts),
      new Map(this.existingAntiCounts),
    );
  }

  addPod(p: PodInfo, node: NodeInfo): void {
    this.update(p, node, 1);
  }

  removePod(p: PodInfo, node: NodeInfo): void {
    this.update(p, node, -1);
  }
}
