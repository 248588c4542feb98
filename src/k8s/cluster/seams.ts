// Where admission plugs into the dry-run. The API server runs admission (LimitRanger, ResourceQuota,
// …) on every Pod it is asked to create, after defaulting and before storing it; src/k8s/admission
// provides one for LimitRange and ResourceQuota (admitInDryRun), which settle uses unless given another.
import type { PersistentVolumeClaim, Pod } from '../objects';
import type { AnyObject } from './model';

/** What admission sees for one Pod: the Pod, and the objects of its namespace (LimitRanges, ResourceQuotas) and the Pods admitted there before it. */
export interface AdmissionInput {
  pod: Pod;
  namespace: readonly AnyObject[];
  admitted: readonly Pod[];
}

/** The Pod as admitted (mutating plugins may change it), or the API server's message refusing it. */
export type AdmissionResult = { pod: Pod; warnings?: string[] } | { rejected: string };

export type Admit = (input: AdmissionInput) => AdmissionResult;

/** What admission sees for one claim a StatefulSet creates: the claim, its namespace's objects (and the
 * StorageClasses), and the claims created there before it. */
export interface ClaimAdmissionInput {
  claim: PersistentVolumeClaim;
  namespace: readonly AnyObject[];
  admitted: readonly PersistentVolumeClaim[];
}

/** The claim as admitted (the default StorageClass filled in), or the API server's message refusing it. */
export type AdmitClaim = (input: ClaimAdmissionInput) => { claim: PersistentVolumeClaim } | { rejected: string };
