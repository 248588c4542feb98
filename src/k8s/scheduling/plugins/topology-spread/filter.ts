// PodTopologySpread's PreFilter and Filter (podtopologyspread/filtering.go): count the Pods each
// DoNotSchedule constraint selects per topology domain over the eligible nodes; a node passes when
// placing the Pod there keeps its domain within maxSkew of the least-loaded domain (taken as 0 while
// there are fewer domains than minDomains).
import { reject } from '../../framework/status';
import type { FilterState, NodeInfo, PodInfo, Snapshot, Status } from '../../framework/types';
import { hasAllKeys, matchCounter, nodeIncluded, type Constraint } from './constraints';

export const REASON = "node(s) didn't match pod topology spread constraints";

export class SpreadFilter implements FilterState {
  constructor(
    private readonly pod: PodInfo,
    private readonly constraints: Constraint[],
    /** Per constraint: domain value → matching Pods. */
    private readonly counts: Map<string, number>[],
  ) {}

  /** calPreFilterState over every node of the snapshot. */
  static build(pod: PodInfo, constraints: Constraint[], snapshot: Snapshot): SpreadFilter {
    const counts = constraints.map(() => new Map<string, number>());
    const counters = constraints.map((c) => matchCounter(snapshot, c, pod.namespace));
    for (const node of snapshot.nodes) {
      if (!hasAllKeys(node.labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        if (!nodeIncluded(c, pod.pod, node.node)) continue;
        const v = node.labels[c.topologyKey];
        counts[i].set(v, (counts[i].get(v) ?? 0) + counters[i](node));
      }
    }
    return new SpreadFilter(pod, constraints, counts);
  }

  /** minMatch per constraint, read once per cycle (every node's Filter needs it) and again after a change. */
  private mins: (number | undefined)[] = [];

  private minMatch(i: number): number {
    return (this.mins[i] ??= this.computeMin(i));
  }

  private computeMin(i: number): number {
    const domains = this.counts[i];
    if (domains.size < this.constraints[i].minDomains) return 0;
    let min = Number.MAX_SAFE_INTEGER;
    for (const n of domains.values()) if (n < min) min = n;
    return min;
  }

  // A domain's rejection names the domain and its counts, never the node: the nodes of a domain share it
  // (thousands of nodes in a few zones), until a Pod added or removed changes the counts.
  private readonly skewed = new Map<string, Status>();

  filter(node: NodeInfo): Status | null {
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i];
      const value = node.labels[c.topologyKey];
      if (value === undefined)
        return reject(
          'UnschedulableAndUnresolvable',
          `${REASON} (missing required label)`,
          `${node.name} has no ${c.topologyKey} label, so it is in no domain of the constraint.`,
          `${node.name}에 ${c.topologyKey} 레이블이 없어 제약의 어느 도메인에도 속하지 않는다.`,
        );
      const self = c.matches(this.pod.labels) ? 1 : 0;
      const here = this.counts[i].get(value) ?? 0;
      const min = this.minMatch(i);
      const skew = here + self - min;
      if (skew > c.maxSkew) {
        const key = `${i}\u0000${value}`;
        const known = this.skewed.get(key);
        if (known) return known;
        const fewDomains = this.counts[i].size < c.minDomains;
        const status = reject(
          'Unschedulable',
          REASON,
          `${c.topologyKey}=${value} already has ${here} matching Pod(s); with this one the skew would be ${here + self} − ${min} = ${skew} > maxSkew ${c.maxSkew}${fewDomains ? ` (only ${this.counts[i].size} domain(s), fewer than minDomains ${c.minDomains}, so the minimum counts as 0)` : ''}.`,
          `${c.topologyKey}=${value}에 이미 매칭 파드가 ${here}개 있어, 이 파드를 놓으면 skew가 ${here + self} − ${min} = ${skew}로 maxSkew ${c.maxSkew}를 넘는다${fewDomains ? ` (도메인이 ${this.counts[i].size}개로 minDomains ${c.minDomains}보다 적어 최솟값을 0으로 본다)` : ''}.`,
        );
        this.skewed.set(key, status);
        return status;
      }
    }
    return null;
  }

  clone(): SpreadFilter {
    return new SpreadFilter(
      this.pod,
      this.constraints,
      this.counts.map((m) => new Map(m)),
    );
  }

  // updateWithPod: a Pod of the same namespace on an eligible node moves its domain's count.
  private update(p: PodInfo, node: NodeInfo, delta: number): void {
    if (p.namespace !== this.pod.namespace || !hasAllKeys(node.labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.matches(p.labels) || !nodeIncluded(c, this.pod.pod, node.node)) return;
      const v = node.labels[c.topologyKey];
      this.counts[i].set(v, (this.counts[i].get(v) ?? 0) + delta);
      this.mins[i] = undefined;
      this.skewed.clear();
    });
  }

  addPod(p: PodInfo, node: NodeInfo): void {
    this.update(p, node, 1);
  }

  removePod(p: PodInfo, node: NodeInfo): void {
    this.update(p, node, -1);
  }
}
