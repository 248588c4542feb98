// Kinds the dry-run knows, for the warnings about objects an answer did not use: a kind it reads, a
// kind it keeps without reading (ConfigMap, Secret, …), or a kind no cluster serves, with a "did you mean".
import { didYouMean } from '../../util/suggest';
import { isKubeObject, type OtherObject } from '../objects';
import { objectRef } from './model';
import { WORKLOAD_KINDS } from './workloads';

// Built-in kinds kept as they are: the dry-run creates no objects from them.
const KEPT = [
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'LimitRange',
  'ResourceQuota',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'ReplicationController',
  'CustomResourceDefinition',
  'ControllerRevision',
  'Lease',
  'Event',
  'RuntimeClass',
  'CSIDriver',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'PodTemplate',
];
const MODELLED = [
  'Service',
  'Pod',
  'EndpointSlice',
  'Endpoints',
  'Namespace',
  'Node',
  'StatefulSet',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'PriorityClass',
];
const ALL = [...MODELLED, ...Object.keys(WORKLOAD_KINDS), ...KEPT];

/** Whether the kind is one the cluster serves (built in), as opposed to a typo or a custom resource. */
export const isKnownKind = (kind: string): boolean => ALL.includes(kind);

// A group with a dot that is not a Kubernetes one belongs to a custom resource (CRD).
const isCustom = (apiVersion: string): boolean => {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group.includes('.') && !/\.k8s\.io$|\.kubernetes\.io$/.test(group);
};

/** Why the object is unknown to a cluster (a typo'd kind, with a suggestion), or undefined. */
export function unknownKind(o: OtherObject): string | undefined {
  if (isKubeObject(o) || isKnownKind(o.kind) || isCustom(o.apiVersion)) return undefined;
  const hint = didYouMean(o.kind, ALL);
  return `no matches for kind ${JSON.stringify(o.kind)} in version ${JSON.stringify(o.apiVersion)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''}`;
}

/** The warning for an object an answer does not read, saying why. */
export function unusedWarning(o: OtherObject, answer: string): string {
  const ref = objectRef(o);
  const unknown = unknownKind(o);
  if (unknown) return `${ref}: not used: ${unknown}`;
  if (isCustom(o.apiVersion))
    return `${ref}: not used: a custom resource (${o.apiVersion}); no controller for it runs here`;
  return `${ref}: not used: ${answer} does not depend on ${o.kind} objects`;
}
