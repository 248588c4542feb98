// PodTopologySpread's PreScore, Score and NormalizeScore (podtopologyspread/scoring.go): for the
// ScheduleAnyway constraints (or the defaults), a node scores the matching Pods of its domain, weighted
// by log(domains + 2), plus maxSkew − 1; normalizing turns it around so emptier domains score higher.
import type { NodeInfo, PodInfo, ScoreState, Snapshot } from '../../framework/types';
import { hasAllKeys, HOSTNAME, matchCounter, nodeIncluded, type Constraint, type MatchCounter } from './constraints';

const INVALID = -1;

export function spreadScore(
  pod: PodInfo,
  list: Constraint[],
  defaulted: boolean,
  feasible: NodeInfo[],
  snapshot: Snapshot,
): ScoreState {
  const requireAll = !defaulted;
  const ignored = new Set<string>();
  if (requireAll) for (const n of feasible) if (!hasAllKeys(n.labels, list)) ignored.add(n.name);
  // Topology key → domain → matching Pods, for the domains of the feasible nodes. Constraints with the
  // same key share the counts, as the scheduler keys them by topologyPair; hostnames are counted per node.
  const pairCounts = new Map<string, Map<string, number>>();
  const weights = list.map((c) => {
    if (c.topologyKey === HOSTNAME) return Math.log(feasible.length - ignored.size + 2);
    const counts = pairCounts.get(c.topologyKey) ?? new Map<string, number>();
    pairCounts.set(c.topologyKey, counts);
    const domains = new Set<string>();
    for (const n of feasible) {
      if (ignored.has(n.name)) continue;
      const value = n.labels[c.topologyKey];
      domains.add(value ?? '');
      // Score reads a domain's count only for nodes that have the key: a domain no feasible node is
      // labelled with (the defaults' zone on nodes without zones) is never counted.
      if (value !== undefined) counts.set(value, 0);
    }
    return Math.log(domains.size + 2);
  });
  const countsOf = list.map((c) => pairCounts.get(c.topologyKey));
  // Constraints with the same selector (the defaults' two) share one count of its Pods per node.
  const bySelector = new Map<string, MatchCounter>();
  const counters = list.map((c) => {
    let counter = bySelector.get(c.key);
    if (!counter) bySelector.set(c.key, (counter = matchCounter(snapshot, c, pod.namespace)));
    return counter;
  });
  // A domain's count sums its eligible nodes' counts; only the nodes holding counted Pods add anything,
  // so those are visited when the label index names them, else every node of the snapshot.
  for (let i = 0; i < list.length; i++) {
    const counts = countsOf[i];
    if (!counts) continue;
    const c = list[i];
    for (const n of counters[i].nodes ?? snapshot.nodes) {
      if (requireAll && !hasAllKeys(n.labels, list)) continue;
      const value = n.labels[c.topologyKey] ?? '';
      const current = counts.get(value);
      if (current !== undefined && nodeIncluded(c, pod.pod, n.node)) counts.set(value, current + counters[i](n));
    }
  }
  return {
    score: (n) => {
      if (ignored.has(n.name)) return INVALID;
      let s = 0;
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        const value = n.labels[c.topologyKey];
        if (value === undefined) continue;
        const count = countsOf[i] ? (countsOf[i]!.get(value) ?? 0) : counters[i](n);
        s += count * weights[i] + (c.maxSkew - 1);
      }
      return Math.round(s);
    },
    // Loops, not filter and reduce: it runs once per cycle over every feasible node.
    normalize: (scores) => {
      let min: number | undefined;
      let max = 0;
      for (const s of scores) {
        if (s === INVALID) continue;
        if (min === undefined || s < min) min = s;
        if (s > max) max = s;
      }
      const low = min ?? 0;
      const out = new Array<number>(scores.length);
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i];
        out[i] = s === INVALID ? 0 : max === 0 ? 100 : Math.floor((100 * (max + low - s)) / max);
      }
      return out;
    },
  };
}
