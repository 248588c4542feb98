// The admission stage as the cluster dry-run calls it (src/k8s/cluster/seams.ts, `Admit`), matched by
// shape so neither folder imports the other: the Pod, its namespace's objects and the Pods admitted
// there before it in, the Pod as created or the API server's refusal out.
import {
  clusterOf,
  isObj,
  type Cluster,
  type KubeObject,
  type OtherObject,
  type PersistentVolumeClaim,
  type Pod,
} from '../objects';
import { admitPod } from './admit';
import { admitClaim } from './claim';

/** What the dry-run gives admission for one Pod. */
export interface DryRunAdmission {
  pod: Pod;
  /** The objects of the Pod's namespace: LimitRanges, ResourceQuotas, the Pods given. */
  namespace: readonly (KubeObject | OtherObject)[];
  /** The Pods admitted in the namespace earlier in the run. */
  admitted: readonly Pod[];
}

// Controllers other than the StatefulSet controller create Pods with generateName (`<owner>-`, an
// Indexed Job's `<job>-<index>-`), and the API server admits them before it appends the five random
// characters, so its message names the prefix.
function generateNameOf(pod: Pod): string | undefined {
  const meta = pod.raw?.metadata;
  const prefix = isObj(meta) ? meta.generateName : undefined;
  return typeof prefix === 'string' && prefix && pod.metadata.name.startsWith(prefix) ? prefix : undefined;
}

/** The name the API server's messages give a Pod being created: its generateName, else its name. */
export const createdName = (pod: Pod): string => generateNameOf(pod) ?? pod.metadata.name;

// The dry-run gives every Pod of a namespace the same list of its objects: it is read into a cluster
// once per list, not once per Pod (5 000 Pods re-read a hundred objects each). The length guards a list
// appended to since.
const namespaceClusters = new WeakMap<readonly unknown[], { length: number; cluster: Cluster }>();
function namespaceCluster(namespace: readonly (KubeObject | OtherObject)[]): Cluster {
  const known = namespaceClusters.get(namespace);
  if (known?.length === namespace.length) return known.cluster;
  const cluster = clusterOf(namespace);
  namespaceClusters.set(namespace, { length: namespace.length, cluster });
  return cluster;
}

/** The dry-run's Admit: `{ pod }` as created, or `{ rejected }` with the message of the controller's FailedCreate. */
export function admitInDryRun({ pod, namespace, admitted }: DryRunAdmission): { pod: Pod } | { rejected: string } {
  const generateName = generateNameOf(pod);
  const result = admitPod(pod, namespaceCluster(namespace), admitted, generateName ? { generateName } : {});
  return 'pod' in result ? result : { rejected: result.message };
}

/** What the dry-run gives admission for one claim a StatefulSet creates before its Pod. */
export interface DryRunClaimAdmission {
  claim: PersistentVolumeClaim;
  /** The objects of the claim's namespace (LimitRanges, ResourceQuotas, claims given) and the StorageClasses. */
  namespace: readonly (KubeObject | OtherObject)[];
  /** The claims created in the namespace earlier in the run. */
  admitted: readonly PersistentVolumeClaim[];
}

/** The dry-run's AdmitClaim: `{ claim }` as created, or `{ rejected }` with the API server's message. */
export function admitClaimInDryRun({
  claim,
  namespace,
  admitted,
}: DryRunClaimAdmission): { claim: PersistentVolumeClaim } | { rejected: string } {
  const result = admitClaim(claim, clusterOf(namespace), admitted);
  return 'claim' in result ? result : { rejected: result.message };
}
