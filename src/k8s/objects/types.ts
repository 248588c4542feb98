// The typed model the kernel reads: Kubernetes objects after parsing and API-server defaulting.
// Field names are the Kubernetes API's own (core/v1, discovery/v1, apps/v1), so a reader can
// match every property to `kubectl explain`. Only fields the kernel uses are modelled; the
// parser keeps the original object in `raw` for anything else.
import type {
  Affinity,
  ContainerImage,
  PersistentVolume,
  PersistentVolumeClaim,
  PreemptionPolicy,
  PriorityClass,
  StorageClass,
  TopologySpreadConstraint,
  Volume,
} from './scheduling-types';
import type { ObjectMeta, RawObject } from './object-meta';

export type { ObjectMeta, OwnerReference, RawObject } from './object-meta';

export type IPFamily = 'IPv4' | 'IPv6';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  name: string; // "" when unnamed (only allowed when the Service has a single port)
  protocol: Protocol;
  port: number;
  targetPort: number | string; // defaulted to `port`; a string names a container port
  nodePort?: number;
  appProtocol?: string;
}

export interface Service {
  kind: 'Service';
  apiVersion: 'v1';
  metadata: ObjectMeta;
  spec: {
    type: ServiceType;
    selector?: Record<string, string>; // undefined or empty: the Service has no selector
    clusterIP: string; // "None" for headless, "" when unset (ExternalName)
    clusterIPs: string[];
    ipFamilies: IPFamily[];
    ipFamilyPolicy: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
    ports: ServicePort[];
    externalName?: string;
    publishNotReadyAddresses: boolean;
    sessionAffinity: 'None' | 'ClientIP';
    externalIPs: string[];
    internalTrafficPolicy: 'Cluster' | 'Local';
    externalTrafficPolicy?: 'Cluster' | 'Local';
    healthCheckNodePort?: number; // a LoadBalancer with externalTrafficPolicy Local: the load balancer's health checks
  };
  status: { loadBalancer: { ingress: { ip?: string; hostname?: string }[] } };
  raw?: RawObject;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  hostPort?: number;
  hostIP?: string;
}

export interface ResourceList {
  [resource: string]: string; // quantities as written: "100m", "128Mi"
}

export interface Probe {
  raw: Record<string, unknown>;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface Container {
  name: string;
  image: string;
  ports: ContainerPort[];
  resources: { requests: ResourceList; limits: ResourceList };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  restartPolicy?: 'Always'; // only on init containers: a sidecar that keeps running
}

export interface PodCondition {
  type: string; // "Ready", "ContainersReady", "PodScheduled", …
  status: 'True' | 'False' | 'Unknown';
  /** Written by the dry-run's scheduler for a Pod it cannot place ("Unschedulable"); read from no input. */
  reason?: string;
  message?: string;
}

export type DNSPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

export interface PodDNSConfig {
  nameservers: string[];
  searches: string[];
  options: { name: string; value?: string }[];
}

export interface Toleration {
  key?: string;
  operator: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface Pod {
  kind: 'Pod';
  apiVersion: 'v1';
  metadata: ObjectMeta;
  spec: {
    hostname?: string;
    subdomain?: string;
    setHostnameAsFQDN: boolean;
    hostNetwork: boolean;
    nodeName?: string;
    dnsPolicy: DNSPolicy; // defaulted to ClusterFirst
    dnsConfig?: PodDNSConfig;
    containers: Container[];
    initContainers: Container[];
    nodeSelector: Record<string, string>;
    affinity?: Affinity;
    tolerations: Toleration[];
    restartPolicy: 'Always' | 'OnFailure' | 'Never';
    // What kube-scheduler reads besides the above (objects/pod-scheduling.ts).
    schedulerName: string; // defaulted to default-scheduler
    schedulingGates: string[];
    priorityClassName?: string;
    priority?: number;
    preemptionPolicy?: PreemptionPolicy;
    overhead?: ResourceList;
    /** Pod-level requests and limits (spec.resources), when given. */
    resources?: { requests: ResourceList; limits: ResourceList };
    topologySpreadConstraints: TopologySpreadConstraint[];
    volumes: Volume[];
  };
  status: {
    phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    podIP?: string;
    podIPs: string[]; // status.podIPs[*].ip, podIP first; [] when the Pod has no IP yet
    hostIP?: string;
    conditions: PodCondition[];
  };
  raw?: RawObject;
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses: string[];
  /** Read-only: derived endpoints share one frozen object per combination of conditions. */
  conditions: Readonly<EndpointConditions>;
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid?: string };
}

export interface EndpointPort {
  name: string; // "" for an unnamed port
  protocol: Protocol;
  port: number;
  appProtocol?: string;
}

export interface EndpointSlice {
  kind: 'EndpointSlice';
  apiVersion: 'discovery.k8s.io/v1';
  metadata: ObjectMeta; // labels include kubernetes.io/service-name
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[];
  ports: EndpointPort[];
  raw?: RawObject;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid?: string };
}

export interface EndpointSubset {
  addresses: EndpointAddress[];
  notReadyAddresses: EndpointAddress[];
  ports: EndpointPort[];
}

/** The legacy core/v1 Endpoints object (one per Service, same name). */
export interface Endpoints {
  kind: 'Endpoints';
  apiVersion: 'v1';
  metadata: ObjectMeta;
  subsets: EndpointSubset[];
  raw?: RawObject;
}

export interface Namespace {
  kind: 'Namespace';
  apiVersion: 'v1';
  metadata: ObjectMeta; // namespace ""
  raw?: RawObject;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Node {
  kind: 'Node';
  apiVersion: 'v1';
  metadata: ObjectMeta; // namespace ""; labels include topology.kubernetes.io/zone when known
  spec: { taints: Taint[]; unschedulable: boolean; podCIDRs: string[] };
  status: {
    addresses: { type: string; address: string }[];
    allocatable: ResourceList;
    capacity: ResourceList;
    images: ContainerImage[];
  };
  raw?: RawObject;
}

export interface StatefulSet {
  kind: 'StatefulSet';
  apiVersion: 'apps/v1';
  metadata: ObjectMeta;
  spec: {
    serviceName: string;
    replicas: number; // defaulted to 1
    selector: { matchLabels: Record<string, string> };
    podManagementPolicy: 'OrderedReady' | 'Parallel';
    /** The first Pod's ordinal (StatefulSetStartOrdinal, stable since v1.31); present only when given, as stored. */
    ordinals?: { start?: number };
    template: { metadata: { labels: Record<string, string> }; spec: Pod['spec'] };
    /** What happens to the claims made from volumeClaimTemplates; Retain and Retain by default. */
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' };
    /** The claim templates as the API server stores them (present only when given). */
    volumeClaimTemplates?: RawObject[];
  };
  raw?: RawObject;
}

export type KubeObject =
  | Service
  | Pod
  | EndpointSlice
  | Endpoints
  | Namespace
  | Node
  | StatefulSet
  | PersistentVolume
  | PersistentVolumeClaim
  | StorageClass
  | PriorityClass;
export type Kind = KubeObject['kind'];

/** Any other kind (Deployment, ConfigMap, Secret, LimitRange…): kept as given so real kubectl output is accepted. */
export interface OtherObject {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta; // namespace defaulted to "default" unless the kind is a well-known cluster-scoped one
  raw: RawObject;
}

/** A parsed input: the objects of the modelled kinds, in input order, and every other object in `others`. */
export interface Cluster {
  objects: KubeObject[];
  services: Service[];
  pods: Pod[];
  endpointSlices: EndpointSlice[];
  endpoints: Endpoints[];
  namespaces: Namespace[];
  nodes: Node[];
  statefulSets: StatefulSet[];
  persistentVolumes: PersistentVolume[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  storageClasses: StorageClass[];
  priorityClasses: PriorityClass[];
  others: OtherObject[];
}
