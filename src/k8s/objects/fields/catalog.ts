// The field names of every kind whose unknown fields are refused, and of the types nested in them, as
// the Go structs of k8s.io/api declare them (core/v1, apps/v1, batch/v1, discovery/v1, storage/v1,
// scheduling/v1 types.go, v1.35, and PodSpec's schedulingGroup of v1.36, which replaces v1.35's alpha
// workloadRef: both are kept, as a field of any recent version must be accepted): the json names the API
// server's strict decoding knows.
//
// Each type is one line of its keys. `key` is a scalar (or a value no key of which is checked: a
// quantity, an int-or-string), `key:Type` an object or a list of objects of that type, and `key:*`
// a subtree whose keys are not checked: a free-form map (labels, data, resources.limits), or a type
// this catalog leaves out (every object's status but a Node's, the in-tree volume plugins kubeknow
// never reads). A subtree left out is never refused: better to miss a typo there than to refuse a real
// field.
const TYPES = {
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp ' +
    'deletionGracePeriodSeconds labels:* annotations:* ownerReferences:OwnerReference finalizers managedFields:*',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  ObjectReference: 'kind namespace name uid apiVersion resourceVersion fieldPath',
  LocalObjectReference: 'name',
  LabelSelector: 'matchLabels:* matchExpressions:LabelSelectorRequirement',
  LabelSelectorRequirement: 'key operator values',

  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  PodSpec:
    'volumes:Volume initContainers:Container containers:Container ephemeralContainers:Container restartPolicy ' +
    'terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector:* serviceAccountName ' +
    'serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace ' +
    'securityContext:PodSecurityContext imagePullSecrets:LocalObjectReference hostname subdomain ' +
    'affinity:Affinity schedulerName tolerations:Toleration hostAliases:HostAlias priorityClassName priority ' +
    'dnsConfig:PodDNSConfig readinessGates:PodReadinessGate runtimeClassName enableServiceLinks ' +
    'preemptionPolicy overhead:* topologySpreadConstraints:TopologySpreadConstraint setHostnameAsFQDN os:PodOS ' +
    'hostUsers schedulingGates:PodSchedulingGate resourceClaims:PodResourceClaim resources:ResourceRequirements ' +
    'hostnameOverride workloadRef:* schedulingGroup:*',
  // Container, and EphemeralContainer (the same fields and targetContainerName).
  Container:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar ' +
    'resources:ResourceRequirements resizePolicy:ContainerResizePolicy restartPolicy ' +
    'restartPolicyRules:ContainerRestartRule volumeMounts:VolumeMount volumeDevices:VolumeDevice ' +
    'livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath ' +
    'terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty ' +
    'targetContainerName',
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  EnvFromSource: 'prefix configMapRef:OptionalReference secretRef:OptionalReference',
  OptionalReference: 'name optional',
  EnvVar: 'name value valueFrom:EnvVarSource',
  EnvVarSource:
    'fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector configMapKeyRef:KeySelector ' +
    'secretKeyRef:KeySelector fileKeyRef:FileKeySelector',
  ObjectFieldSelector: 'apiVersion fieldPath',
  ResourceFieldSelector: 'containerName resource divisor',
  KeySelector: 'name key optional',
  FileKeySelector: 'volumeName path key optional',
  ResourceRequirements: 'limits:* requests:* claims:ResourceClaim',
  ResourceClaim: 'name request',
  ContainerResizePolicy: 'resourceName restartPolicy',
  ContainerRestartRule: 'action exitCodes:ContainerRestartRuleOnExitCodes',
  ContainerRestartRuleOnExitCodes: 'operator values',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  VolumeDevice: 'name devicePath',
  Probe:
    'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction grpc:GRPCAction initialDelaySeconds ' +
    'timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  ExecAction: 'command',
  HTTPGetAction: 'path port host scheme httpHeaders:HTTPHeader',
  HTTPHeader: 'name value',
  TCPSocketAction: 'port host',
  GRPCAction: 'port service',
  Lifecycle: 'postStart:LifecycleHandler preStop:LifecycleHandler stopSignal',
  LifecycleHandler: 'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction sleep:SleepAction',
  SleepAction: 'seconds',
  SecurityContext:
    'capabilities:Capabilities privileged seLinuxOptions:SELinuxOptions windowsOptions:WindowsOptions ' +
    'runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount ' +
    'seccompProfile:Profile appArmorProfile:Profile',
  PodSecurityContext:
    'seLinuxOptions:SELinuxOptions windowsOptions:WindowsOptions runAsUser runAsGroup runAsNonRoot ' +
    'supplementalGroups supplementalGroupsPolicy fsGroup sysctls:NameValue fsGroupChangePolicy ' +
    'seccompProfile:Profile appArmorProfile:Profile seLinuxChangePolicy',
  Capabilities: 'add drop',
  SELinuxOptions: 'user role type level',
  WindowsOptions: 'gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess',
  Profile: 'type localhostProfile',
  NameValue: 'name value',
  Affinity: 'nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAffinity',
  NodeAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution:NodeSelector ' +
    'preferredDuringSchedulingIgnoredDuringExecution:PreferredSchedulingTerm',
  NodeSelector: 'nodeSelectorTerms:NodeSelectorTerm',
  NodeSelectorTerm: 'matchExpressions:LabelSelectorRequirement matchFields:LabelSelectorRequirement',
  PreferredSchedulingTerm: 'weight preference:NodeSelectorTerm',
  PodAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm ' +
    'preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm',
  PodAffinityTerm:
    'labelSelector:LabelSelector namespaces topologyKey namespaceSelector:LabelSelector matchLabelKeys ' +
    'mismatchLabelKeys',
  WeightedPodAffinityTerm: 'weight podAffinityTerm:PodAffinityTerm',
  Toleration: 'key operator value effect tolerationSeconds',
  HostAlias: 'ip hostnames',
  PodDNSConfig: 'nameservers searches options:NameValue',
  PodReadinessGate: 'conditionType',
  TopologySpreadConstraint:
    'maxSkew topologyKey whenUnsatisfiable labelSelector:LabelSelector minDomains nodeAffinityPolicy ' +
    'nodeTaintsPolicy matchLabelKeys',
  PodOS: 'name',
  PodSchedulingGate: 'name',
  PodResourceClaim: 'name source:* resourceClaimName resourceClaimTemplateName',
  // The volume sources kubeknow reads or that are in common use are checked; the legacy in-tree ones
  // (gcePersistentDisk, rbd, …) are left unchecked.
  Volume:
    'name hostPath:HostPathVolumeSource emptyDir:EmptyDirVolumeSource secret:SecretVolumeSource ' +
    'configMap:ConfigMapVolumeSource persistentVolumeClaim:PVCVolumeSource nfs:NFSVolumeSource ' +
    'downwardAPI:DownwardAPIVolumeSource projected:ProjectedVolumeSource csi:CSIVolumeSource ' +
    'ephemeral:EphemeralVolumeSource image:ImageVolumeSource gcePersistentDisk:* awsElasticBlockStore:* ' +
    'gitRepo:* iscsi:* glusterfs:* rbd:* flexVolume:* cinder:* cephfs:* flocker:* fc:* azureFile:* ' +
    'vsphereVolume:* quobyte:* azureDisk:* photonPersistentDisk:* portworxVolume:* scaleIO:* storageos:*',
  HostPathVolumeSource: 'path type',
  EmptyDirVolumeSource: 'medium sizeLimit',
  SecretVolumeSource: 'secretName items:KeyToPath defaultMode optional',
  ConfigMapVolumeSource: 'name items:KeyToPath defaultMode optional',
  KeyToPath: 'key path mode',
  PVCVolumeSource: 'claimName readOnly',
  NFSVolumeSource: 'server path readOnly',
  DownwardAPIVolumeSource: 'items:DownwardAPIVolumeFile defaultMode',
  DownwardAPIVolumeFile: 'path fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector mode',
  ProjectedVolumeSource: 'sources:VolumeProjection defaultMode',
  VolumeProjection:
    'secret:ProjectionOfKeys downwardAPI:DownwardAPIProjection configMap:ProjectionOfKeys ' +
    'serviceAccountToken:ServiceAccountTokenProjection clusterTrustBundle:* podCertificate:*',
  ProjectionOfKeys: 'name items:KeyToPath optional',
  DownwardAPIProjection: 'items:DownwardAPIVolumeFile',
  ServiceAccountTokenProjection: 'audience expirationSeconds path',
  CSIVolumeSource: 'driver readOnly fsType volumeAttributes:* nodePublishSecretRef:LocalObjectReference',
  EphemeralVolumeSource: 'volumeClaimTemplate:PersistentVolumeClaimTemplate',
  PersistentVolumeClaimTemplate: 'metadata:ObjectMeta spec:PersistentVolumeClaimSpec',
  ImageVolumeSource: 'reference pullPolicy',

  PersistentVolumeClaimSpec:
    'accessModes selector:LabelSelector resources:VolumeResourceRequirements volumeName storageClassName ' +
    'volumeMode dataSource:TypedObjectReference dataSourceRef:TypedObjectReference volumeAttributesClassName',
  VolumeResourceRequirements: 'limits:* requests:*',
  TypedObjectReference: 'apiGroup kind name namespace',
  PersistentVolumeSpec:
    'capacity:* accessModes claimRef:ObjectReference persistentVolumeReclaimPolicy storageClassName ' +
    'mountOptions volumeMode nodeAffinity:VolumeNodeAffinity volumeAttributesClassName ' +
    'hostPath:HostPathVolumeSource nfs:NFSVolumeSource local:LocalVolumeSource csi:CSIPersistentVolumeSource ' +
    'gcePersistentDisk:* awsElasticBlockStore:* glusterfs:* rbd:* iscsi:* cinder:* cephfs:* fc:* flocker:* ' +
    'flexVolume:* azureFile:* vsphereVolume:* quobyte:* azureDisk:* photonPersistentDisk:* portworxVolume:* ' +
    'scaleIO:* storageos:*',
  LocalVolumeSource: 'path fsType',
  CSIPersistentVolumeSource:
    'driver volumeHandle readOnly fsType volumeAttributes:* controllerPublishSecretRef:* nodeStageSecretRef:* ' +
    'nodePublishSecretRef:* controllerExpandSecretRef:* nodeExpandSecretRef:*',
  VolumeNodeAffinity: 'required:NodeSelector',
  TopologySelectorTerm: 'matchLabelExpressions:TopologySelectorRequirement',
  TopologySelectorRequirement: 'key values',

  ServiceSpec:
    'ports:ServicePort selector:* clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP ' +
    'loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses ' +
    'sessionAffinityConfig:SessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts ' +
    'loadBalancerClass internalTrafficPolicy trafficDistribution',
  ServicePort: 'name protocol appProtocol port targetPort nodePort',
  SessionAffinityConfig: 'clientIP:ClientIPConfig',
  ClientIPConfig: 'timeoutSeconds',
  // discovery/v1 Endpoint, and v1beta1's topology.
  SliceEndpoint:
    'addresses conditions:EndpointConditions hostname targetRef:ObjectReference deprecatedTopology:* nodeName ' +
    'zone hints:EndpointHints topology:*',
  EndpointConditions: 'ready serving terminating',
  EndpointHints: 'forZones:LocalObjectReference forNodes:LocalObjectReference',
  EndpointPort: 'name protocol port appProtocol',
  EndpointSubset: 'addresses:EndpointAddress notReadyAddresses:EndpointAddress ports:EndpointPort',
  EndpointAddress: 'ip hostname nodeName targetRef:ObjectReference',

  NodeSpec: 'podCIDR podCIDRs providerID unschedulable taints:Taint configSource:* externalID',
  Taint: 'key value effect timeAdded',
  // The one status kubeknow reads (capacity, allocatable, addresses, images).
  NodeStatus:
    'capacity:* allocatable:* phase conditions:* addresses:NodeAddress daemonEndpoints:* nodeInfo:* ' +
    'images:ContainerImage volumesInUse volumesAttached:* config:* runtimeHandlers:* features:* declaredFeatures',
  NodeAddress: 'type address',
  ContainerImage: 'names sizeBytes',

  StatefulSetSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec volumeClaimTemplates:PersistentVolumeClaim ' +
    'serviceName podManagementPolicy updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit ' +
    'minReadySeconds persistentVolumeClaimRetentionPolicy:StatefulSetRetentionPolicy ordinals:StatefulSetOrdinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate:RollingUpdateStatefulSet',
  RollingUpdateStatefulSet: 'partition maxUnavailable',
  StatefulSetRetentionPolicy: 'whenDeleted whenScaled',
  StatefulSetOrdinals: 'start',
  DeploymentSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec strategy:UpdateStrategy minReadySeconds ' +
    'revisionHistoryLimit paused progressDeadlineSeconds',
  // DeploymentStrategy and DaemonSetUpdateStrategy: a type and maxUnavailable, maxSurge.
  UpdateStrategy: 'type rollingUpdate:RollingUpdate',
  RollingUpdate: 'maxUnavailable maxSurge',
  ReplicaSetSpec: 'replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec',
  DaemonSetSpec:
    'selector:LabelSelector template:PodTemplateSpec updateStrategy:UpdateStrategy minReadySeconds ' +
    'revisionHistoryLimit',
  JobSpec:
    'parallelism completions activeDeadlineSeconds podFailurePolicy:PodFailurePolicy ' +
    'successPolicy:SuccessPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector ' +
    'manualSelector template:PodTemplateSpec ttlSecondsAfterFinished completionMode suspend ' +
    'podReplacementPolicy managedBy',
  PodFailurePolicy: 'rules:PodFailurePolicyRule',
  PodFailurePolicyRule: 'action onExitCodes:PodFailurePolicyOnExitCodes onPodConditions:PodFailurePolicyOnCondition',
  PodFailurePolicyOnExitCodes: 'containerName operator values',
  PodFailurePolicyOnCondition: 'type status',
  SuccessPolicy: 'rules:SuccessPolicyRule',
  SuccessPolicyRule: 'succeededIndexes succeededCount',
  CronJobSpec:
    'schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec ' +
    'successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata:ObjectMeta spec:JobSpec',
  LimitRangeSpec: 'limits:LimitRangeItem',
  LimitRangeItem: 'type max:* min:* default:* defaultRequest:* maxLimitRequestRatio:*',
  ResourceQuotaSpec: 'hard:* scopes scopeSelector:ScopeSelector',
  ScopeSelector: 'matchExpressions:ScopedResourceSelectorRequirement',
  ScopedResourceSelectorRequirement: 'scopeName operator values',

  // The kinds: TypeMeta's apiVersion and kind, metadata, and their own fields.
  Pod: 'spec:PodSpec status:*',
  Service: 'spec:ServiceSpec status:*',
  EndpointSlice: 'addressType endpoints:SliceEndpoint ports:EndpointPort',
  Endpoints: 'subsets:EndpointSubset',
  Namespace: 'spec:NamespaceSpec status:*',
  NamespaceSpec: 'finalizers',
  Node: 'spec:NodeSpec status:NodeStatus',
  PersistentVolume: 'spec:PersistentVolumeSpec status:*',
  PersistentVolumeClaim: 'spec:PersistentVolumeClaimSpec status:*',
  StorageClass:
    'provisioner parameters:* reclaimPolicy mountOptions allowVolumeExpansion volumeBindingMode ' +
    'allowedTopologies:TopologySelectorTerm',
  PriorityClass: 'value globalDefault description preemptionPolicy',
  StatefulSet: 'spec:StatefulSetSpec status:*',
  Deployment: 'spec:DeploymentSpec status:*',
  ReplicaSet: 'spec:ReplicaSetSpec status:*',
  DaemonSet: 'spec:DaemonSetSpec status:*',
  Job: 'spec:JobSpec status:*',
  CronJob: 'spec:CronJobSpec status:*',
  ConfigMap: 'immutable data:* binaryData:*',
  Secret: 'immutable data:* stringData:* type',
  ServiceAccount: 'secrets:ObjectReference imagePullSecrets:LocalObjectReference automountServiceAccountToken',
  LimitRange: 'spec:LimitRangeSpec',
  ResourceQuota: 'spec:ResourceQuotaSpec status:*',
} as const;

type TypeName = keyof typeof TYPES;

/** The API versions whose kind's fields are checked; another version of a kind is not (its fields may differ). */
export const CHECKED_KINDS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['v1'],
  Service: ['v1'],
  EndpointSlice: ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'],
  Endpoints: ['v1'],
  Namespace: ['v1'],
  Node: ['v1'],
  PersistentVolume: ['v1'],
  PersistentVolumeClaim: ['v1'],
  StorageClass: ['storage.k8s.io/v1'],
  PriorityClass: ['scheduling.k8s.io/v1'],
  StatefulSet: ['apps/v1'],
  Deployment: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
  ConfigMap: ['v1'],
  Secret: ['v1'],
  ServiceAccount: ['v1'],
  LimitRange: ['v1'],
  ResourceQuota: ['v1'],
};

/** A type's fields: for each json name, the type of its value, '*' for one not checked, '' for a scalar. */
export type Fields = ReadonlyMap<string, string>;

function fieldsOf(line: string, top: boolean): Fields {
  const entries = line.split(' ').map((f): [string, string] => {
    const [name, type = ''] = f.split(':');
    return [name, type];
  });
  // Every kind is an object: TypeMeta and ObjectMeta inline.
  return new Map(top ? [['apiVersion', ''], ['kind', ''], ['metadata', 'ObjectMeta'], ...entries] : entries);
}

/** Every type's fields, by type name (a kind's type is named after it). */
export const CATALOG: ReadonlyMap<string, Fields> = new Map(
  (Object.keys(TYPES) as TypeName[]).map((t) => [t, fieldsOf(TYPES[t], t in CHECKED_KINDS)]),
);
