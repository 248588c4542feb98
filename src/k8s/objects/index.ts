// The typed model of the Kubernetes objects the kernel reads, and how manifests become that model.
// Outside code imports only this file.
export * from './types';
export * from './scheduling-types';
export { SYSTEM_PRIORITY_CLASSES } from './storage';
export { defaultPodSpec } from './pod-scheduling';
export {
  parseManifests,
  parseObjects,
  pathOfObject,
  clusterOf,
  isKubeObject,
  isNamespacedKind,
  NOT_A_LIST,
  NOT_AN_OBJECT,
  type ParseOptions,
} from './parse';
export { decodeManifests, decodeText, flattenObjects, type ManifestFormat } from './decode';
export {
  DEFAULT_MANIFEST_LIMITS,
  MAX_BODY_DEPTH,
  MAX_INPUT_DEPTH,
  tooManyKeysAt,
  type ManifestLimits,
} from './too-large';
export { toPlainJson } from './plain';
export { serviceKey } from './meta';
export { canonicalIP, canonicalIPOfFamily, ipFamilyOf, ipv4Bits, isIP, parseIp, type ParsedIp } from './ip';
export {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isValidLabelValue,
  isValidPortName,
} from './names';
export { notSupportedMessage } from './suggest';
export { isUnknownFieldMessage } from './fields';
export { quantitiesOf } from './container';
export { readPodSpec } from './pod';
export { initIPFamilyFields, needsHealthCheck, type IPFamilyFields, type ServiceIPFields } from './service';
export { readLabelSelector } from './affinity-selectors';
export { INT32_MAX, Reader, isObj, type Obj } from './read';
