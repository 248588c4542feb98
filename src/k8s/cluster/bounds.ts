// The dry-run's work is bounded before the controllers make anything: a few hundred bytes can ask for
// a Deployment of 20 million replicas, or a thousand DaemonSets on a thousand Nodes, and the Pods (and
// their placements) would be made in full before any later limit saw them. What the controllers would
// create is counted from the specs alone, and a request over a bound is refused as too large.
import { DEFAULT_MANIFEST_LIMITS, flattenObjects, type Node, type StatefulSet } from '../objects';
import { tooLarge } from '../objects/too-large';
import { CLUSTER_DEFAULTS } from './config';
import type { Workload } from './workloads';

export const DRY_RUN_BOUNDS = {
  /** Pods in the settled cluster, given and created: the manifests' own object limit. */
  maxPods: 5000,
  /** Pods × Nodes: every Pod goes through kube-scheduler's default profile, which checks it against every Node. */
  maxPlacements: 500_000,
  /** PersistentVolumeClaims the StatefulSets make (replicas × volumeClaimTemplates): each is admitted and answered. */
  maxClaims: 5000,
} as const;

/** Pod-Node pairs the scheduler evaluates per unit of a dry-run's cost. */
const PLACEMENTS_PER_COST = 100;
/** Pod-Pod pairs per unit: a Pod with inter-pod (anti-)affinity terms is checked against every Pod
 * placed before it, and every later Pod against its terms (4 000 such Pods ran 12 s, costed as 4 460). */
const AFFINITY_PAIRS_PER_COST = 500;

/** The Pods a workload's controller would create, from its spec alone. */
export function podsOf(w: Workload, nodes: number): number {
  if (w.kind === 'DaemonSet') return nodes;
  if (w.kind === 'Job') {
    const spec = w.object.raw.spec as { parallelism: number; completions?: number };
    return spec.completions === undefined ? spec.parallelism : Math.min(spec.parallelism, spec.completions);
  }
  return w.replicas;
}

/** The claims a StatefulSet's controller would create: one per volumeClaimTemplate for each of its Pods. */
export const claimsOf = (s: StatefulSet): number => s.spec.replicas * (s.spec.volumeClaimTemplates?.length ?? 0);

/** Refuses (PAYLOAD_TOO_LARGE) a dry-run whose Pods, placements or claims would exceed DRY_RUN_BOUNDS. */
export function checkBounds(
  workloads: readonly Workload[],
  statefulSets: readonly StatefulSet[],
  givenPods: number,
  nodes: readonly Node[],
): void {
  const n = nodes.length;
  let pods = givenPods;
  for (const w of workloads) pods += podsOf(w, n);
  let claims = 0;
  for (const s of statefulSets) {
    pods += s.spec.replicas;
    claims += claimsOf(s);
  }
  const { maxPods, maxPlacements, maxClaims } = DRY_RUN_BOUNDS;
  if (pods > maxPods)
    tooLarge(
      `the objects would make ${pods} Pods (replicas, Job parallelism, DaemonSets × Nodes included); at most ${maxPods} are simulated`,
    );
  if (pods * n > maxPlacements)
    tooLarge(
      `placing ${pods} Pods on ${n} Nodes is too much work for one request (at most ${maxPlacements} Pod-Node pairs through the scheduler profile); ask with fewer Nodes or replicas`,
    );
  if (claims > maxClaims)
    tooLarge(
      `the StatefulSets would make ${claims} PersistentVolumeClaims (replicas × volumeClaimTemplates); at most ${maxClaims} are simulated`,
    );
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * The Pods and PersistentVolumeClaims objects would make, read from their specs before anything is
 * decoded (a request's cost is counted before its work): replicas, Job parallelism, one Pod per Node
 * for a DaemonSet, the Pods themselves, and a StatefulSet's replicas × volumeClaimTemplates. The
 * objects are those the reader reads, Lists flattened (flattenObjects). Unread or invalid fields count
 * as the API server's defaults would.
 */
export function planned(
  objects: readonly unknown[],
  nodes: number,
): { pods: number; claims: number; withPodTerms: number } {
  let pods = 0;
  let claims = 0;
  let withPodTerms = 0;
  for (const o of objects) {
    if (typeof o !== 'object' || o === null) continue;
    const { kind, spec } = o as { kind?: unknown; spec?: Record<string, unknown> };
    let made = 0;
    if (kind === 'Pod') made = 1;
    else if (kind === 'DaemonSet') made = nodes;
    else if (kind === 'Job') made = spec?.parallelism === undefined ? 1 : count(spec.parallelism);
    else if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet') {
      made = spec?.replicas === undefined ? 1 : count(spec.replicas);
      const templates = kind === 'StatefulSet' ? spec?.volumeClaimTemplates : undefined;
      if (Array.isArray(templates)) claims += made * templates.length;
    }
    pods += made;
    if (made && hasPodTerms(kind === 'Pod' ? spec : podSpecOfTemplate(spec))) withPodTerms += made;
  }
  return { pods, claims, withPodTerms };
}

const podSpecOfTemplate = (spec: Record<string, unknown> | undefined): unknown =>
  (spec?.template as { spec?: unknown } | undefined)?.spec;

/** Whether a Pod spec, as sent, has inter-pod affinity or anti-affinity (any value counts: it is read). */
function hasPodTerms(spec: unknown): boolean {
  const affinity = (spec as { affinity?: Record<string, unknown> } | null | undefined)?.affinity;
  return typeof affinity === 'object' && affinity !== null && (!!affinity.podAffinity || !!affinity.podAntiAffinity);
}

/** A dry-run's cost, counted before it runs: its objects (Lists flattened as the reader flattens them),
 * its Nodes (given, else asked for, else the default three), the Pods and claims the controllers would
 * make, the Pod-Node pairs the scheduler evaluates to place the Pods, and the Pod-Pod pairs it checks
 * for the Pods with inter-pod (anti-)affinity. */
export function dryRunCost(values: readonly unknown[], nodesAsked: number | undefined): number {
  const objects = flattenObjects([...values], DEFAULT_MANIFEST_LIMITS);
  const given = objects.filter((o) => (o as { kind?: unknown } | null)?.kind === 'Node').length;
  const nodes = given || nodesAsked || CLUSTER_DEFAULTS.nodes;
  const made = planned(objects, nodes);
  return 1 + objects.length + nodes + made.pods + made.claims + schedulingCost(made, nodes);
}

/** The scheduler's share of a settling's cost: the Pod-Node pairs it evaluates to place the Pods, and
 * the Pod-Pod pairs it checks for the Pods with inter-pod (anti-)affinity. */
export function schedulingCost(made: { pods: number; withPodTerms: number }, nodes: number): number {
  return (
    Math.ceil((made.pods * nodes) / PLACEMENTS_PER_COST) +
    Math.ceil((made.withPodTerms * made.pods) / AFFINITY_PAIRS_PER_COST)
  );
}
