// Small builders for the scheduling tests: each writes the manifest a user would write and parses it,
// so test objects carry exactly the defaults parsed input gets.
import { parseObjects, type Cluster, type Node, type Pod } from '../objects';
import type { SchedulingState } from './types';

type Fields = Record<string, unknown>;

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  /** Other allocatable resources, e.g. { 'nvidia.com/gpu': '1' }. */
  allocatable?: Record<string, string>;
  labels?: Record<string, string>;
  zone?: string;
  taints?: { key: string; value?: string; effect: string }[];
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
