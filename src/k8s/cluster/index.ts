// The cluster dry-run's public surface: manifests in, the settled cluster out (settle for the other
// computations, clusterApply for the apply answer), its configuration, and the admission seam.
export { clusterApply, readEach, type ApplyResult } from './apply';
export {
  CLUSTER_DEFAULTS,
  clusterConfig,
  clusterOptionProblem,
  type ClusterConfig,
  type ClusterOptions,
} from './config';
export { envLine } from './environment';
export { podEnvironmentFor, type PodEnvironmentResult } from './pod-environment';
export { observedCluster, type Observed } from './observe';
export { serviceSlices } from './slices';
export { settle, type Settled, type SettleMode, type SettleOptions } from './settle';
export { unusedWarning } from './kinds';
export { type Admit, type AdmissionInput, type AdmissionResult } from './seams';
export { objectRef, type ClusterEvent, type Rejection } from './model';
export { DRY_RUN_BOUNDS, dryRunCost, planned, schedulingCost } from './bounds';
