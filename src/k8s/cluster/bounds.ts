// The dry-run's work is bounded before the controllers make anything: a few hundred bytes can ask for
// a Deployment of 20 million replicas, or a thousand DaemonSets on a thousand Nodes, and the Pods (and
// their placements) would be made in full before any later limit saw them. What the controllers would
// create is counted from the specs alone, and a request over a bound is refused as too large.
import { tooLarge } from '../objects/too-large';
import type { Node, StatefulSet } from '../objects';
import { CLUSTER_DEFAULTS } from './config';
import type { Workload } from './workloads';

export const DRY_RUN_BOUNDS = {
  /** Pods in the settled cluster, given and created: the manifests' own object limit. */
  maxPods: 5000,
  /** Pods × Nodes: every Pod goes through kube-scheduler's default profile, which checks it against every Node. */
  maxPlacements: 500_000,
} as const;

/** Pod-Node pairs the scheduler evaluates per unit of a dry-run's cost. */
const PLACEMENTS_PER_COST = 100;

/** The Pods a workload's controller would create, from its spec alone. */
export function podsOf(w: Workload, nodes: number): number {
  if (w.kind === 'DaemonSet') return nodes;
  if (w.kind === 'Job') {
    const spec = w.object.raw.spec as { parallelism: number; completions?: number };
    return spec.completions === undefined ? spec.parallelism : Math.min(spec.parallelism, spec.completions);
  }
  return w.replicas;
}

/** Refuses (PAYLOAD_TOO_LARGE) a dry-run whose Pods or placements would exceed DRY_RUN_BOUNDS. */
export function checkBounds(
  workloads: readonly Workload[],
  statefulSets: readonly StatefulSet[],
  givenPods: number,
  nodes: readonly Node[],
): void {
  const n = nodes.length;
  let pods = givenPods;
  for (const w of workloads) pods += podsOf(w, n);
  for (const s of statefulSets) pods += s.spec.replicas;
  const { maxPods, maxPlacements } = DRY_RUN_BOUNDS;
  if (pods > maxPods)
    tooLarge(
      `the objects would make ${pods} Pods (replicas, Job parallelism, DaemonSets × Nodes included); at most ${maxPods} are simulated`,
    );
  if (pods * n > maxPlacements)
    tooLarge(
      `placing ${pods} Pods on ${n} Nodes is too much work for one request (at most ${maxPlacements} Pod-Node pairs through the scheduler profile); ask with fewer Nodes or replicas`,
    );
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * The Pods objects as sent would make, read from their specs before anything is decoded (a request's
 * cost is counted before its work): replicas, Job parallelism, one per Node for a DaemonSet, and the
 * Pods themselves. Unread or invalid fields count as the API server's defaults would.
 */
export function plannedPods(objects: readonly unknown[], nodes: number): number {
  let pods = 0;
  for (const o of objects) {
    if (typeof o !== 'object' || o === null) continue;
    const { kind, spec, items } = o as { kind?: unknown; spec?: Record<string, unknown>; items?: unknown };
    if (kind === 'List' && Array.isArray(items)) pods += plannedPods(items, nodes);
    else if (kind === 'Pod') pods += 1;
    else if (kind === 'DaemonSet') pods += nodes;
    else if (kind === 'Job') pods += spec?.parallelism === undefined ? 1 : count(spec.parallelism);
    else if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet')
      pods += spec?.replicas === undefined ? 1 : count(spec.replicas);
  }
  return pods;
}

/** A dry-run's cost, counted before it runs: its objects, its Nodes (given, else asked for, else the
 * default three), the Pods the controllers would make on them, and the Pod-Node pairs the scheduler
 * evaluates to place them. */
export function dryRunCost(objects: readonly unknown[], nodesAsked: number | undefined): number {
  const given = objects.filter((o) => (o as { kind?: unknown } | null)?.kind === 'Node').length;
  const nodes = given || nodesAsked || CLUSTER_DEFAULTS.nodes;
  const pods = plannedPods(objects, nodes);
  return 1 + objects.length + nodes + pods + Math.ceil((pods * nodes) / PLACEMENTS_PER_COST);
}
