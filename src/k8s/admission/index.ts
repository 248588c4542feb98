// LimitRange and ResourceQuota admission of a Pod, as the API server's LimitRanger and ResourceQuota
// plugins decide it. Outside code imports only this file.
export { admissionFor, admitPod, type AdmitOptions } from './admit';
export { LIMIT_RANGER_ANNOTATION } from './limit-ranger';
export { admitClaim } from './claim';
export {
  admitClaimInDryRun,
  admitInDryRun,
  createdName,
  type DryRunAdmission,
  type DryRunClaimAdmission,
} from './seam';
export type * from './model';
export { quotaStatus, type CountedObject, type NamespaceUsage } from './quota-status';
export { admissionObjectsOf } from './read';
