// NodeResourcesFit's scoring strategies (least_allocated.go, most_allocated.go,
// requested_to_capacity_ratio.go) over cpu and memory, each of weight 1 (the default resources):
// integer arithmetic as in Go, so the scores are kube-scheduler's to the point.
import { mulDiv } from '../framework/resources';
import { MAX_NODE_SCORE, type ResolvedOptions } from '../framework/types';

/** One resource of a node: what it can allocate and what it would have requested with this Pod. */
export interface Usage {
  allocatable: number;
  requested: number;
}

// Weighted mean (all weights 1) of the per-resource scores, skipping resources the node has none of.
// A loop rather than filter and reduce: it runs for every feasible node of every cycle.
function weighted(usages: Usage[], score: (u: Usage) => number): number {
  let sum = 0;
  let counted = 0;
  for (const u of usages)
    if (u.allocatable !== 0) {
      sum += score(u);
      counted++;
    }
  return counted ? Math.floor(sum / counted) : 0;
}

/** LeastAllocated: the share of each resource left free, 0–100. */
export const leastAllocated = (usages: Usage[]): number =>
  weighted(usages, (u) =>
    u.requested > u.allocatable ? 0 : mulDiv(u.allocatable - u.requested, MAX_NODE_SCORE, u.allocatable),
  );

/** MostAllocated: the share of each resource in use, 0–100 (requests above capacity count as full). */
export const mostAllocated = (usages: Usage[]): number =>
  weighted(usages, (u) => mulDiv(Math.min(u.requested, u.allocatable), MAX_NODE_SCORE, u.allocatable));

type Shape = ResolvedOptions['shape'];

// helper.BuildBrokenLinearFunction over the shape, whose scores (0–10) are scaled to 0–100 first;
// Go divides int64s, truncating toward zero.
function brokenLinear(shape: Shape, p: number): number {
  const pts = shape.map((s) => ({ u: s.utilization, s: s.score * (MAX_NODE_SCORE / 10) }));
  for (let i = 0; i < pts.length; i++) {
    if (p <= pts[i].u) {
      if (i === 0) return pts[0].s;
      return pts[i - 1].s + Math.trunc(((pts[i].s - pts[i - 1].s) * (p - pts[i - 1].u)) / (pts[i].u - pts[i - 1].u));
    }
  }
  return pts[pts.length - 1].s;
}

/** RequestedToCapacityRatio: the shape's score at each resource's utilization; zero scores are left out of the mean. */
export function requestedToCapacityRatio(usages: Usage[], shape: Shape): number {
  const scores = usages
    .filter((u) => u.allocatable !== 0)
    .map((u) => brokenLinear(shape, u.requested > u.allocatable ? 100 : mulDiv(u.requested, 100, u.allocatable)))
    .filter((s) => s > 0);
  if (!scores.length) return 0;
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/** BalancedAllocation: 100 × (1 − the standard deviation of the resources' requested fractions). */
// Loops over the usages rather than an array of fractions: it runs for every feasible node of every cycle.
export function balancedAllocation(usages: Usage[]): number {
  const fraction = (u: Usage) => Math.min(1, u.requested / u.allocatable);
  let count = 0;
  let sum = 0;
  let first = 0;
  let second = 0;
  for (const u of usages)
    if (u.allocatable !== 0) {
      const f = fraction(u);
      if (count === 0) first = f;
      else if (count === 1) second = f;
      sum += f;
      count++;
    }
  let std = 0;
  if (count === 2) std = Math.abs((first - second) / 2);
  else if (count > 2) {
    const mean = sum / count;
    let squares = 0;
    for (const u of usages) if (u.allocatable !== 0) squares += (fraction(u) - mean) * (fraction(u) - mean);
    std = Math.sqrt(squares / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
