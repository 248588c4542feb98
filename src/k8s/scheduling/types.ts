// What the scheduling kernel takes and returns: the cluster as kube-scheduler's cache sees it for one Pod,
// and the result of one scheduling cycle of the default profile. The shapes of SchedulingState and
// SchedulingResult are the seam the cluster dry-run plugs into (the cluster engineer's seams.ts).
import type { Explanation, Text } from '../explanation';
import type {
  LabelSelector,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PriorityClass,
  Service,
  StatefulSet,
  StorageClass,
} from '../objects';

/** A ReplicaSet or ReplicationController as the default spread constraints read it: its selector. */
export interface ControllerSelector {
  kind: 'ReplicaSet' | 'ReplicationController';
  namespace: string;
  name: string;
  selector: LabelSelector;
}

/** The cluster as the scheduler's cache holds it when this Pod's turn comes. */
export interface SchedulingState {
  nodes: Node[];
  /** Pods already bound (spec.nodeName set), placed before this one; others are ignored, as the cache ignores them. */
  pods: Pod[];
  persistentVolumes: PersistentVolume[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  storageClasses: StorageClass[];
  priorityClasses: PriorityClass[];
  namespaces: Namespace[];
  /** Read by PodTopologySpread's default constraints (Pods selected by a Service or owned by a controller). */
  services?: Service[];
  statefulSets?: StatefulSet[];
  controllers?: ControllerSelector[];
}

export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

/** The KubeSchedulerConfiguration knobs the kernel honours; everything else is the default profile. */
export interface SchedulingOptions {
  /** NodeResourcesFitArgs.scoringStrategy.type; LeastAllocated by default. */
  scoringStrategy?: ScoringStrategy;
  /** RequestedToCapacityRatio's shape: utilization 0–100 → score 0–10; default [{0,0},{100,10}] (bin packing). */
  shape?: { utilization: number; score: number }[];
  /**
   * KubeSchedulerConfiguration.percentageOfNodesToScore. Unset: every node is evaluated (kubeknow's default,
   * so every node gets its answer). 0: kube-scheduler's adaptive default; 1–100: that percentage.
   */
  percentageOfNodesToScore?: number;
}

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** One plugin's verdict on one node, when it rejects it. */
export interface FilterFailure {
  plugin: string;
  code: StatusCode;
  /** The reasons as kube-scheduler records them; these are what the summary message counts. */
  reasons: string[];
  /** Why, for this node, in people's words. */
  text: Text;
}

export interface NodeResult {
  name: string;
  feasible: boolean;
  /** kube-scheduler's reasons for rejecting the node: those of the first Filter plugin that rejected it. */
  reasons: string[];
  /** Normalized score 0–100 per Score plugin that ran (feasible nodes only). */
  scores: Record<string, number>;
  /** Σ weight × score over the Score plugins; 0 for a node that was not scored. */
  totalScore: number;
  /** Every Filter plugin that rejects the node, in profile order; the scheduler stops at the first. */
  failures: FilterFailure[];
  /** false when percentageOfNodesToScore stopped the search before this node (it has no verdict). */
  evaluated: boolean;
}

export interface Victim {
  name: string;
  namespace: string;
  priority: number;
}

export interface PreemptionResult {
  /** Whether the Pod may preempt at all (not with preemptionPolicy: Never). */
  eligible: boolean;
  /** The node the Pod would be nominated to, after its victims are evicted; null when preemption does not help. */
  nominatedNode: string | null;
  victims: Victim[];
  /** Per node: the victims preemption would evict there, or why it would not help. */
  candidates: { node: string; victims: Victim[] }[];
  message: string | null;
}

export interface SchedulingResult {
  selectedNode: string | null;
  /** The FailedScheduling event's message, as kube-scheduler words it; null when a node was selected. */
  message: string | null;
  nodes: NodeResult[];
  preemption?: PreemptionResult;
  /** Nodes whose score equals the selected node's: kube-scheduler picks one of them at random, kubeknow by name. */
  tiedWith: string[];
  /** Score plugin weights of the default profile, as used for totalScore. */
  weights: Record<string, number>;
  /** The Pod's priority as the scheduler sees it (spec.priority, or resolved from its PriorityClass). */
  priority: number;
  warnings: string[];
  explanation: Explanation;
}

/** Where the Pod goes, or the FailedScheduling message: all the cluster dry-run reads of a cycle. */
export type Decision = Pick<SchedulingResult, 'selectedNode' | 'message'>;
