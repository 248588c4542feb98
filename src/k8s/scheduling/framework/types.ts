// The scheduling framework's small interface, after kube-scheduler's (pkg/scheduler/framework/interface.go):
// a plugin reads the cluster once per Pod at PreFilter and answers Filter for each node from what it read;
// at PreScore it reads the feasible nodes once and answers Score per node, then normalizes the scores.
// Preemption simulates removing and re-adding Pods on a node through AddPod/RemovePod, as the
// PreFilterExtensions do, so a plugin's per-cycle state never has to be rebuilt.
import type { Text } from '../../explanation';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass } from '../../objects';
import type { ControllerSelector, SchedulingOptions, StatusCode } from '../types';
import type { AffinityTerm, WeightedAffinityTerm } from './affinity-terms';
import type { LabelIndex } from './label-index';
import type { NodeInfo } from './node-info';
import type { HostPort } from './ports';
import type { Resources } from './resources';

/** A Filter's or PreFilter's rejection: kube-scheduler's status code and reasons, and why in people's words. */
export interface Status {
  code: StatusCode;
  reasons: string[];
  text: Text;
}

/** A Pod as the scheduler's cache holds it: its requests, ports and affinity terms computed once. */
export interface PodInfo {
  pod: Pod;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  priority: number;
  /** resourcehelper.PodRequests: what the Pod takes from a node's allocatable. */
  requests: Resources;
  /** The same with 100m CPU and 200Mi memory for containers that request none (scoring's view). */
  nonZero: { milliCPU: number; memory: number };
  hostPorts: HostPort[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** The claims its volumes mount, `namespace/name`. */
  claims: string[];
  /** Whether it has any pod (anti-)affinity term: the cache indexes such Pods per node. */
  hasAffinity: boolean;
}

/** The cluster for one cycle: nodes with their Pods, and what the plugins look objects up in. */
export interface Snapshot {
  nodes: NodeInfo[];
  byName: ReadonlyMap<string, NodeInfo>;
  /** Every namespace that exists (named by a Namespace or by an object in it) and its labels. */
  namespaces: ReadonlyMap<string, Record<string, string>>;
  claims: ReadonlyMap<string, PersistentVolumeClaim>; // by `namespace/name`
  volumes: ReadonlyMap<string, PersistentVolume>;
  classes: ReadonlyMap<string, StorageClass>;
  /** How many Pods mount each claim (`namespace/name`), for ReadWriteOncePod. */
  claimUsers: ReadonlyMap<string, number>;
  /** Image name → its size and the nodes that hold it, for ImageLocality. */
  images: ReadonlyMap<string, { size: number; nodes: ReadonlySet<string> }>;
  /** The bound Pods by label, per key on first use: the Pods a selector can take. */
  labelIndex: LabelIndex;
  /** The nodes holding a Pod with any pod (anti-)affinity term (HavePodsWithAffinityList): no other has any. */
  affinityNodes: ReadonlySet<NodeInfo>;
  services: Service[];
  statefulSets: StatefulSet[];
  controllers: ControllerSelector[];
}

export interface ResolvedOptions extends Required<Pick<SchedulingOptions, 'scoringStrategy'>> {
  shape: { utilization: number; score: number }[];
  percentageOfNodesToScore?: number;
}

export interface Cycle {
  pod: PodInfo;
  snapshot: Snapshot;
  options: ResolvedOptions;
}

/** A plugin's Filter for this cycle, with the PreFilterExtensions preemption needs when it reads other Pods. */
export interface FilterState {
  filter(node: NodeInfo): Status | null;
  clone?(): FilterState;
  addPod?(pod: PodInfo, node: NodeInfo): void;
  removePod?(pod: PodInfo, node: NodeInfo): void;
}

export type PreFilterResult =
  | { kind: 'skip' }
  | { kind: 'reject'; status: Status }
  | { kind: 'run'; state: FilterState; nodeNames?: ReadonlySet<string> };

/** A plugin's Score for this cycle. */
export interface ScoreState {
  score(node: NodeInfo): number;
  /** NormalizeScore: the final 0–100 scores of the nodes, in the same order; absent: the raw scores stand. */
  normalize?(scores: number[], nodes: NodeInfo[]): number[];
}

export interface Plugin {
  name: string;
  /** PreFilter (and the Filter it prepares); absent for Score-only plugins. */
  preFilter?(cycle: Cycle): PreFilterResult;
  /** PreScore: null skips scoring, as framework.Skip does. */
  preScore?(cycle: Cycle, nodes: NodeInfo[]): ScoreState | null;
}

export const MAX_NODE_SCORE = 100;

export type { NodeInfo };
