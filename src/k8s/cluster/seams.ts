// Where admission plugs into the dry-run. The API server runs admission (LimitRanger, ResourceQuota,
// …) on every Pod it is asked to create, after defaulting and before storing it; src/k8s/admission
// provides an Admit for LimitRange and ResourceQuota. Until one is given, every Pod is admitted as it is.
import type { Pod } from '../objects';
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

/** No admission plugin: every Pod is stored as it is. */
export const admitAll: Admit = ({ pod }) => ({ pod });
