// Small builders for the scheduling tests: each writes the manifest a user would write and parses it,
// so test objects carry exactly the defaults parsed input gets.
import { parseObjects, type Cluster, type Node, type Pod } from '../objects';
import { podInfoOf } from './framework/pod-info';
import { buildSnapshot } from './framework/snapshot';
import type { Cycle, Plugin } from './framework/types';
import type { SchedulingOptions, SchedulingState } from './types';

type Fields = Record<string, unknown>;

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  /** Other allocatable resources, e.g. { 'nvidia.com/gpu': '1' }. */
  allocatable?: Record<string, string>;
  labels?: Record<string, string>;
  zone?: string;
  taints?: readonly { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A Node with 4 cpu, 8Gi and 110 Pods allocatable unless told otherwise, labelled with its hostname. */
export function node(name: string, o: NodeOptions = {}): Node {
  const labels = {
    'kubernetes.io/hostname': name,
    ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}),
    ...o.labels,
  };
  const manifest = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.allocatable },
      ...(o.images ? { images: o.images } : {}),
    },
  };
  return parseObjects([manifest]).nodes[0];
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  /** Bound to this node (spec.nodeName). */
  on?: string;
  priority?: number;
  phase?: string;
  /** Any other spec fields (affinity, tolerations, volumes…), laid over the one-container spec. */
  spec?: Fields;
  meta?: Fields;
}

/** A Pod with one container requesting `cpu` and `memory` when given. */
export function pod(name: string, o: PodOptions = {}): Pod {
  const requests = { ...(o.cpu ? { cpu: o.cpu } : {}), ...(o.memory ? { memory: o.memory } : {}) };
  const manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels ?? {}, ...o.meta },
    spec: {
      containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', resources: { requests } }],
      ...(o.on ? { nodeName: o.on } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...o.spec,
    },
    status: { phase: o.phase ?? (o.on ? 'Running' : 'Pending') },
  };
  return parseObjects([manifest]).pods[0];
}

/** Any objects, parsed as an input would be. */
export const objects = (...manifests: Fields[]): Cluster => parseObjects(manifests);

/** A SchedulingState of the given nodes, Pods and other objects. */
export function state(nodes: Node[], pods: Pod[] = [], more: Partial<SchedulingState> = {}): SchedulingState {
  return {
    nodes,
    pods,
    persistentVolumes: [],
    persistentVolumeClaims: [],
    storageClasses: [],
    priorityClasses: [],
    namespaces: [],
    ...more,
  };
}

/** One plugin's PreFilter and Filter for the Pod on every node: its reasons per node ([] passes), or its PreFilter rejection. */
export function filterWith(
  plugin: Plugin,
  p: Pod,
  s: SchedulingState,
  options: SchedulingOptions = {},
): Record<string, string[]> | { preFilter: string[] } | 'skip' {
  const cycle = cycleOf(p, s, options);
  const r = plugin.preFilter!(cycle);
  if (r.kind === 'skip') return 'skip';
  if (r.kind === 'reject') return { preFilter: r.status.reasons };
  const names = r.nodeNames;
  return Object.fromEntries(
    cycle.snapshot.nodes
      .filter((n) => !names || names.has(n.name))
      .map((n) => [n.name, r.state.filter(n)?.reasons ?? []]),
  );
}

/** One plugin's PreScore, Score and NormalizeScore over all the nodes: the final score per node, or null when it skips. */
export function scoreWith(
  plugin: Plugin,
  p: Pod,
  s: SchedulingState,
  options: SchedulingOptions = {},
): Record<string, number> | null {
  const cycle = cycleOf(p, s, options);
  const nodes = cycle.snapshot.nodes;
  const state = plugin.preScore!(cycle, nodes);
  if (!state) return null;
  const raw = nodes.map((n) => state.score(n));
  const scores = state.normalize ? state.normalize(raw, nodes) : raw;
  return Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]]));
}

function cycleOf(p: Pod, s: SchedulingState, options: SchedulingOptions): Cycle {
  return {
    pod: podInfoOf(p, s.priorityClasses),
    snapshot: buildSnapshot(s, p).snapshot,
    options: {
      scoringStrategy: options.scoringStrategy ?? 'LeastAllocated',
      shape: options.shape ?? [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ],
    },
  };
}
