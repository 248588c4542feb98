// PodTopologySpread's PreScore, Score and NormalizeScore (podtopologyspread/scoring.go): for the
// ScheduleAnyway constraints (or the defaults), a node scores the matching Pods of its domain, weighted
// by log(domains + 2), plus maxSkew − 1; normalizing turns it around so emptier domains score higher.
import type { NodeInfo, PodInfo, ScoreState, Snapshot } from '../../framework/types';
import { countMatching, hasAllKeys, HOSTNAME, nodeIncluded, type Constraint } from './constraints';

const INVALID = -1;

export function spreadScore(
  pod: PodInfo,
  list: Constraint[],
  defaulted: boolean,
  feasible: NodeInfo[],
  snapshot: Snapshot,
): ScoreState {
  // Only the Pod's own constraints need every key on a node; the defaults let a node without a zone
  // label still spread by hostname.
  const requireAll = !defaulted;
  const ignored = new Set(feasible.filter((n) => requireAll && !hasAllKeys(n.labels, list)).map((n) => n.name));
  const pairCounts = new Map<string, number>();
  const sizes = list.map((c) => {
    const domains = new Set<string>();
    for (const n of feasible) {
      if (ignored.has(n.name) || c.topologyKey === HOSTNAME) continue;
      const value = n.labels[c.topologyKey] ?? '';
      domains.add(value);
      pairCounts.set(`${c.topologyKey}\u0000${value}`, 0);
    }
    return c.topologyKey === HOSTNAME ? feasible.length - ignored.size : domains.size;
  });
  const weights = sizes.map((s) => Math.log(s + 2));
  for (const n of snapshot.nodes) {
    if (requireAll && !hasAllKeys(n.labels, list)) continue;
    for (const c of list) {
      if (!nodeIncluded(c, pod.pod, n.node)) continue;
      const key = `${c.topologyKey}\u0000${n.labels[c.topologyKey] ?? ''}`;
      const current = pairCounts.get(key);
      if (current !== undefined) pairCounts.set(key, current + countMatching(n.pods, c, pod.namespace));
    }
  }
  return {
    score: (n) => {
      if (ignored.has(n.name)) return INVALID;
      let s = 0;
      list.forEach((c, i) => {
        const value = n.labels[c.topologyKey];
        if (value === undefined) return;
        const count =
          c.topologyKey === HOSTNAME
            ? countMatching(n.pods, c, pod.namespace)
            : (pairCounts.get(`${c.topologyKey}\u0000${value}`) ?? 0);
        s += count * weights[i] + (c.maxSkew - 1);
      });
      return Math.round(s);
    },
    normalize: (scores) => {
      const valid = scores.filter((s) => s !== INVALID);
      const min = valid.reduce((m, s) => (s < m ? s : m), valid.length ? valid[0] : 0);
      const max = valid.reduce((m, s) => (s > m ? s : m), 0);
      return scores.map((s) => (s === INVALID ? 0 : max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max)));
    },
  };
}
