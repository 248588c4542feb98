// The kernel's one door for the capabilities (src/capabilities): a cluster read from manifests and
// options already checked go in, plain data comes out. What each computation does lives in its
// folder (dns/, endpoints/); the checks of a request live with its capability's input schema, which
// uses the kernel's own rules (nameProblem, clusterDomainProblem, the manifest reader).
import { answer, buildIndex, recordsFor, resolveWithIndex, type DnsOptions, type Question } from './dns';
import type { DnsAnswer, DnsRecord, ResolveRequest, ResolveResult } from './dns';
import { endpointSlicesFor, endpointsFor, type EndpointSliceOptions } from './endpoints';
import { toPlainJson, type Cluster, type Pod } from './objects';
import { admissionFor, type AdmissionResult } from './admission';

export type { DnsAnswer, DnsRecord, ResolveResult } from './dns';
export { admitInDryRun, admitPod, type AdmitOptions, type DryRunAdmission } from './admission';
export { scheduleIn, schedulingEvaluate, type SchedulingRequest, type SchedulingResult } from './scheduling';
export { decodeSecret, secretDockerRegistry, secretGeneric, secretTls, SECRET_LIMITS } from './secrets';
export type { DecodedSecret, SecretResult } from './secrets';
export { probeTimeline, type ProbeTimeline } from './probes';

export interface EndpointSlicesResult {
  /** Every EndpointSlice of the cluster, as `kubectl get endpointslices -o json` would show it. */
  endpointSlices: Record<string, unknown>[];
  /** The legacy Endpoints objects, given and derived. */
  endpoints: Record<string, unknown>[];
}

/** The answer CoreDNS would give to one question about the cluster. */
export function dnsQuery(cluster: Cluster, question: Question, options: DnsOptions): DnsAnswer {
  return answer(buildIndex(cluster, options), question);
}

/** Every record cluster DNS serves for the cluster, each with its source object and rule. */
export function dnsRecords(cluster: Cluster, options: DnsOptions): DnsRecord[] {
  return recordsFor(cluster, options);
}

/** How a name resolves from inside a Pod: its resolv.conf, the names tried in order, and the answer. */
export function dnsResolve(cluster: Cluster, request: ResolveRequest, options: DnsOptions): ResolveResult {
  return resolveWithIndex(buildIndex(cluster, options), request);
}

/** The EndpointSlices and Endpoints the control plane would hold: given ones as they are, the rest derived. */
export function endpointSlices(cluster: Cluster, options: EndpointSliceOptions): EndpointSlicesResult {
  return {
    endpointSlices: endpointSlicesFor(cluster, options).map(toPlainJson),
    endpoints: endpointsFor(cluster).map(toPlainJson),
  };
}

/** What LimitRange and ResourceQuota admission do to a Pod created in its namespace; the Pod as plain JSON. */
export function podAdmission(
  cluster: Cluster,
  pod: Pod,
): Omit<AdmissionResult, 'pod'> & { pod: Record<string, unknown> } {
  const result = admissionFor(pod, cluster);
  return { ...result, pod: toPlainJson(result.pod) };
}
