// The dry-run's work is bounded before the controllers make anything: a few hundred bytes can ask for
// a Deployment of 20 million replicas, or a thousand DaemonSets on a thousand Nodes, and the Pods (and
// their placements) would be made in full before any later limit saw them. What the controllers would
// create is counted from the specs alone, and a request over a bound is refused as too large.
import {
  DEFAULT_MANIFEST_LIMITS,
  flattenObjects,
  SYSTEM_PRIORITY_CLASSES,
  type Node,
  type StatefulSet,
} from '../objects';
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
/** Pod-Pod pairs per unit for every Pod: default topology spreading counts, for each Pod, the Pods its
 * selectors match on every Node, and a Pod that fits nowhere has its preemption weigh the Pods placed
 * before it. Without it the heaviest dry-run the cost limit allowed (4 834 replicas on 3 Nodes, 4 148 on
 * 20, 2 449 on 100) ran 0.9 to 1.8 s of CPU in a worker thread, over the one second a request may take. */
const POD_PAIRS_PER_COST = 2000;
/** Pairs per unit of a Pod that may preempt and a placed Pod of lower priority: a preemptor that fits
 * nowhere weighs, on every Node, the lower-priority Pods it could evict (1 100 high-priority replicas
 * over 1 100 low ones ran 1.37 s of CPU, 0.68 s with no possible victims). */
const PREEMPTION_PAIRS_PER_COST = 250;
/** The scalar values of a Pod template (containers, ports, env, volumes, labels…) that add one plain
 * Pod to its weight: every Pod made copies its template, defaults it and writes it out (2 000 replicas
 * of 100 containers ran 2.95 s of CPU costed as 1-container ones). A plain template weighs 1. */
const TEMPLATE_VALUES_PER_WEIGHT = 16;

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

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as never) : {});

/**
 * The Pods and PersistentVolumeClaims objects would make, read from their specs before anything is
 * decoded (a request's cost is counted before its work): replicas, Job parallelism, one Pod per Node
 * for a DaemonSet, the Pods themselves, and a StatefulSet's replicas × volumeClaimTemplates. The
 * objects are those the reader reads, Lists flattened (flattenObjects). Unread or invalid fields count
 * as the API server's defaults would. `placements` and `podTerms` weigh each Pod by the selectors the
 * scheduler matches for it (see selectorWeight).
 */
export function planned(objects: readonly unknown[], nodes: number): Planned {
  const made: Planned = { pods: 0, copies: 0, claims: 0, withPodTerms: 0, placements: 0, podTerms: 0, preemption: 0 };
  const priorities = priorityOf(objects);
  // The Pods by priority, and those of each priority that may preempt, for the preemption pairs.
  const byPriority = new Map<number, { pods: number; preemptors: number }>();
  for (const o of objects) {
    const pods = podsPlanned(o, nodes);
    made.pods += pods;
    const { kind, spec } = record(o);
    const templates = kind === 'StatefulSet' ? record(spec).volumeClaimTemplates : undefined;
    if (Array.isArray(templates)) made.claims += pods * templates.length;
    if (!pods) continue;
    const podTemplate = kind === 'Pod' ? { metadata: record(o).metadata, spec } : record(spec).template;
    const podSpec = record(record(podTemplate).spec);
    made.copies += pods * valuesWeight([podTemplate], TEMPLATE_VALUES_PER_WEIGHT);
    const { value, preempts } = priorities(podSpec);
    const group = byPriority.get(value) ?? { pods: 0, preemptors: 0 };
    group.pods += pods;
    if (preempts) group.preemptors += pods;
    byPriority.set(value, group);
    const affinity = record(podSpec.affinity);
    const matched = [
      podSpec.nodeSelector,
      affinity.nodeAffinity,
      podSpec.tolerations,
      podSpec.topologySpreadConstraints,
    ];
    made.placements += pods * selectorWeight(matched);
    if (affinity.podAffinity || affinity.podAntiAffinity) {
      made.withPodTerms += pods;
      made.podTerms += pods * selectorWeight([affinity.podAffinity, affinity.podAntiAffinity]);
    }
  }
  for (const [value, { preemptors }] of byPriority)
    for (const [lower, { pods }] of byPriority) if (lower < value) made.preemption += preemptors * pods;
  return made;
}

// Each Pod's priority and whether it may preempt, from its spec: spec.priority, else its
// priorityClassName's PriorityClass among the objects (or a system class), else the globalDefault
// class, else 0 (the Priority admission plugin's order); preemptionPolicy Never preempts nothing.
function priorityOf(objects: readonly unknown[]) {
  const classes = new Map<string, Record<string, unknown>>();
  let globalDefault: Record<string, unknown> | undefined;
  for (const o of objects) {
    const r = record(o);
    if (r.kind !== 'PriorityClass') continue;
    const name = record(r.metadata).name;
    if (typeof name === 'string') classes.set(name, r);
    if (r.globalDefault === true) globalDefault = r;
  }
  return (podSpec: Record<string, unknown>): { value: number; preempts: boolean } => {
    const name = podSpec.priorityClassName;
    const cls = typeof name === 'string' && name ? classes.get(name) : globalDefault;
    const system = typeof name === 'string' ? SYSTEM_PRIORITY_CLASSES[name] : undefined;
    const given = [podSpec.priority, system, cls?.value].find((v) => typeof v === 'number' && Number.isFinite(v));
    const policy = podSpec.preemptionPolicy ?? cls?.preemptionPolicy;
    return { value: (given as number | undefined) ?? 0, preempts: policy !== 'Never' };
  };
}

export interface Planned {
  pods: number;
  /** The Pods, each weighed by its template's size (TEMPLATE_VALUES_PER_WEIGHT): what settling copies. */
  copies: number;
  claims: number;
  /** The Pods with inter-pod (anti-)affinity. */
  withPodTerms: number;
  /** The Pods, each weighed by the selectors it is matched against every Node with. */
  placements: number;
  /** The Pods with inter-pod terms, each weighed by its terms' selectors. */
  podTerms: number;
  /** The pairs of a Pod that may preempt and a Pod of lower priority. */
  preemption: number;
}

/** The values of a spec's selectors that add one plain Pod's work to each pair they are matched in (a
 * 7.7 KB YAML of aliased match expressions, or 6 000 node-affinity expressions in one template, ran 4
 * to 30 s costed as plain Pods). */
const VALUES_PER_WEIGHT = 10;
/** Beyond this many values the weight is not counted further: such a request is refused anyway. */
const MAX_COUNTED_VALUES = 1_000_000;

const selectorWeight = (parts: unknown[]): number => valuesWeight(parts, VALUES_PER_WEIGHT);

// 1, plus the scalar values (keys, operators, values) the parts hold per `perWeight`, a YAML alias
// counted each time it is used (the scheduler, and each copy, reads it each time).
function valuesWeight(parts: unknown[], perWeight: number): number {
  let values = 0;
  const stack = [...parts];
  while (stack.length && values < MAX_COUNTED_VALUES) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null) {
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
    } else if (v !== undefined) values++;
  }
  return 1 + Math.floor(values / perWeight);
}

// The Pods one object makes (itself, for a Pod), from its spec alone.
function podsPlanned(o: unknown, nodes: number): number {
  if (typeof o !== 'object' || o === null) return 0;
  const { kind, spec } = o as { kind?: unknown; spec?: Record<string, unknown> };
  if (kind === 'Pod') return 1;
  if (kind === 'DaemonSet') return nodes;
  if (kind === 'Job') return spec?.parallelism === undefined ? 1 : count(spec.parallelism);
  if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet')
    return spec?.replicas === undefined ? 1 : count(spec.replicas);
  return 0;
}

/**
 * The endpoints the EndpointSlice controller would write: for each Service with a selector, the
 * planned Pods of its namespace whose labels (a workload's template labels) it selects. A few hundred
 * bytes can ask for 500 Services that all select the same 5 000 replicas: 2.5 million endpoints.
 */
export function plannedEndpoints(objects: readonly unknown[], nodes: number): number {
  // The Pod-making objects by each of their labels, so a Service reads only those sharing its rarest pair.
  const byLabel = new Map<string, { labels: Record<string, unknown>; pods: number }[]>();
  for (const o of objects) {
    const r = record(o);
    const pods = podsPlanned(o, nodes);
    const labels = record(record(r.kind === 'Pod' ? r.metadata : record(record(r.spec).template).metadata).labels);
    if (pods)
      for (const [k, v] of Object.entries(labels)) {
        const key = `${namespaceOf(r)}\n${k}=${String(v)}`;
        const list = byLabel.get(key);
        if (list) list.push({ labels, pods });
        else byLabel.set(key, [{ labels, pods }]);
      }
  }
  let endpoints = 0;
  for (const o of objects) {
    const r = record(o);
    const selector = Object.entries(record(record(r.spec).selector));
    if (r.kind !== 'Service' || !selector.length) continue;
    const lists = selector.map(([k, v]) => byLabel.get(`${namespaceOf(r)}\n${k}=${String(v)}`) ?? []);
    const rarest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    for (const l of rarest) if (selector.every(([k, v]) => l.labels[k] === v)) endpoints += l.pods;
  }
  return endpoints;
}

const namespaceOf = (r: Record<string, unknown>): string => {
  const ns = record(r.metadata).namespace;
  return typeof ns === 'string' && ns ? ns : 'default';
};

/** A dry-run's cost, counted before it runs: its objects (Lists flattened as the reader flattens them),
 * its Nodes (given, else asked for, else the default three), the Pods and claims the controllers would
 * make, the Pod-Node pairs the scheduler evaluates to place the Pods, the Pod-Pod pairs it checks for
 * the Pods with inter-pod (anti-)affinity, and the endpoints of the Services' EndpointSlices. */
export function dryRunCost(values: readonly unknown[], nodesAsked: number | undefined): number {
  const objects = flattenObjects([...values], DEFAULT_MANIFEST_LIMITS);
  const given = objects.filter((o) => (o as { kind?: unknown } | null)?.kind === 'Node').length;
  const nodes = given || nodesAsked || CLUSTER_DEFAULTS.nodes;
  const made = planned(objects, nodes);
  return (
    1 +
    objects.length +
    nodes +
    made.copies +
    made.claims +
    schedulingCost(made, nodes) +
    plannedEndpoints(objects, nodes)
  );
}

/** The scheduler's share of a settling's cost: the Pod-Node pairs it evaluates to place the Pods, the
 * Pod-Pod pairs it counts for every Pod (spreading, preemption), those it checks for the Pods with
 * inter-pod (anti-)affinity, each weighed by its selectors, and the preemptors × lower-priority Pods. */
export function schedulingCost(
  made: Pick<Planned, 'pods' | 'placements' | 'podTerms' | 'preemption'>,
  nodes: number,
): number {
  return (
    Math.ceil(made.preemption / PREEMPTION_PAIRS_PER_COST) +
    Math.ceil((made.placements * nodes) / PLACEMENTS_PER_COST) +
    Math.ceil((made.pods * made.pods) / POD_PAIRS_PER_COST) +
    Math.ceil((made.podTerms * made.pods) / AFFINITY_PAIRS_PER_COST)
  );
}
