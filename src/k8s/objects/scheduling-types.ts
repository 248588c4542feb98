// The typed model of what kube-scheduler reads besides Pods and Nodes' basics: label and node selectors,
// affinity, topology spread constraints, Pod volumes, PersistentVolumes and their claims, StorageClasses
// and PriorityClasses. Field names are the Kubernetes API's own (core/v1, storage.k8s.io/v1,
// scheduling.k8s.io/v1), so each property matches `kubectl explain`.
import type { ObjectMeta, RawObject } from './object-meta';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export type NodeSelectorOperator = SelectorOperator | 'Gt' | 'Lt';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** metav1.LabelSelector. An absent selector (undefined where it is optional) selects nothing; `{}` selects everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values: string[];
}

/** One term of a node selector: its expressions (on labels) and fields (metadata.name only) are ANDed. */
export interface NodeSelectorTerm {
  matchExpressions: NodeSelectorRequirement[];
  matchFields: NodeSelectorRequirement[];
}

/** core/v1 NodeSelector: its terms are ORed. */
export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  weight: number; // 1–100
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution: PreferredSchedulingTerm[];
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector; // absent: matches no Pod
  namespaces: string[];
  namespaceSelector?: LabelSelector; // absent: only `namespaces` (or the Pod's own namespace when both are empty)
  topologyKey: string;
  matchLabelKeys: string[];
  mismatchLabelKeys: string[];
}

export interface WeightedPodAffinityTerm {
  weight: number; // 1–100
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution: WeightedPodAffinityTerm[];
}

export interface Affinity {
  nodeAffinity?: NodeAffinity;
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAffinity;
}

export type NodeInclusionPolicy = 'Honor' | 'Ignore';

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector; // absent: matches no Pod
  minDomains?: number;
  nodeAffinityPolicy?: NodeInclusionPolicy; // the scheduler treats absent as Honor
  nodeTaintsPolicy?: NodeInclusionPolicy; // the scheduler treats absent as Ignore
  matchLabelKeys: string[];
}

/** A Pod volume, as far as scheduling reads it: the claim it mounts, or an in-tree disk it attaches. */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly: boolean };
  /** A generic ephemeral volume: its claim is named `<pod>-<volume>` and created by the ephemeral volume controller. */
  ephemeral?: boolean;
  gcePersistentDisk?: { pdName: string; readOnly: boolean };
  awsElasticBlockStore?: { volumeID: string; readOnly: boolean };
  iscsi?: { iqn: string; readOnly: boolean };
  rbd?: { monitors: string[]; pool: string; image: string; readOnly: boolean };
}

export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

export interface PersistentVolume {
  kind: 'PersistentVolume';
  apiVersion: 'v1';
  metadata: ObjectMeta; // namespace ""; zone labels (topology.kubernetes.io/zone) are read by VolumeZone
  spec: {
    capacity: Record<string, string>; // storage: "10Gi"
    accessModes: PersistentVolumeAccessMode[];
    storageClassName: string; // "" when none
    volumeMode: 'Filesystem' | 'Block';
    nodeAffinity?: { required?: NodeSelector };
    claimRef?: { namespace: string; name: string; uid?: string };
  };
  status: { phase: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed' };
  raw?: RawObject;
}

export interface PersistentVolumeClaim {
  kind: 'PersistentVolumeClaim';
  apiVersion: 'v1';
  metadata: ObjectMeta;
  spec: {
    accessModes: PersistentVolumeAccessMode[];
    resources: { requests: Record<string, string> };
    /** undefined: not set (the DefaultStorageClass admission plugin fills it); "": explicitly no class. */
    storageClassName?: string;
    volumeName: string; // "" when unbound
    volumeMode: 'Filesystem' | 'Block';
    selector?: LabelSelector;
  };
  status: { phase: 'Pending' | 'Bound' | 'Lost' };
  raw?: RawObject;
}

export interface TopologySelectorTerm {
  matchLabelExpressions: { key: string; values: string[] }[];
}

export interface StorageClass {
  kind: 'StorageClass';
  apiVersion: 'storage.k8s.io/v1';
  metadata: ObjectMeta;
  provisioner: string;
  volumeBindingMode: 'Immediate' | 'WaitForFirstConsumer'; // defaulted to Immediate
  allowedTopologies: TopologySelectorTerm[];
  raw?: RawObject;
}

export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

export interface PriorityClass {
  kind: 'PriorityClass';
  apiVersion: 'scheduling.k8s.io/v1';
  metadata: ObjectMeta;
  value: number;
  globalDefault: boolean;
  preemptionPolicy: PreemptionPolicy; // defaulted to PreemptLowerPriority
  raw?: RawObject;
}

/** A node's cached image (status.images): every name it is known by and its size. */
export interface ContainerImage {
  names: string[];
  sizeBytes: number;
}
