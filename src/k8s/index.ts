// The kernel's one door for the capabilities (src/capabilities): a cluster read from manifests and
// options already checked go in, plain data comes out. What each computation does lives in its
// folder (dns/, endpoints/); the checks of a request live with its capability's input schema, which
// uses the kernel's own rules (nameProblem, clusterDomainProblem, the manifest reader).
import { answer, buildIndex, recordsFor, resolveWithIndex, type DnsOptions, type Question } from './dns';
import type { DnsAnswer, DnsRecord, ResolveRequest, ResolveResult } from './dns';
import { endpointsFor, type EndpointSliceOptions } from './endpoints';
import { admissionFor, type AdmissionResult } from './admission';
import { observedCluster, serviceSlices, type Observed } from './cluster';
import { toPlainJson, type Cluster, type Pod } from './objects';

export type { DnsAnswer, DnsRecord, ResolveResult } from './dns';
export { admitInDryRun, admitPod, type AdmitOptions, type DryRunAdmission } from './admission';
export {
  MAX_SHAPE_POINTS,
  scheduleIn,
  schedulingEvaluate,
  schedulingProblems,
  type SchedulingRequest,
  type SchedulingResult,
} from './scheduling';
export { decodeSecret, secretDockerRegistry, secretGeneric, secretTls, SECRET_LIMITS } from './secrets';
export type { DecodedSecret, SecretResult } from './secrets';
export { probeTimeline, type ProbeTimeline } from './probes';

/** What an answer did not use, and why: unsupported or typo'd kinds, objects the API server refused. */
export interface Warned {
  warnings: string[];
}

export interface EndpointSlicesResult extends Warned {
  /** Every EndpointSlice of the cluster, as `kubectl get endpointslices -o json` would show it. */
  endpointSlices: Record<string, unknown>[];
  /** The legacy Endpoints objects, given and derived. */
  endpoints: Record<string, unknown>[];
}

// The cluster's own objects (the `kubernetes` and `kube-dns` Services) answer questions but are left
// out of listings, which show what the input describes.
const isSystem = (o: Observed, source: { kind: string; namespace: string; name: string }): boolean =>
  o.system.has(`${source.kind === 'EndpointSlice' ? 'Service' : source.kind}/${source.namespace}/${source.name}`);

/** The answer CoreDNS would give to one question about the settled cluster. */
export function dnsQuery(cluster: Cluster, question: Question, options: DnsOptions): DnsAnswer & Warned {
  const o = observedCluster(cluster, 'DNS', options);
  return { ...answer(buildIndex(o.cluster, options), question), warnings: o.warnings };
}

/** Every record cluster DNS serves for the objects given and those the cluster makes from them. */
export function dnsRecords(cluster: Cluster, options: DnsOptions): { records: DnsRecord[] } & Warned {
  const o = observedCluster(cluster, 'DNS', options);
  return { records: recordsFor(o.cluster, options).filter((r) => !isSystem(o, r.source)), warnings: o.warnings };
}

/** How a name resolves from inside a Pod of the settled cluster: its resolv.conf, the names tried, and the answer. */
export function dnsResolve(cluster: Cluster, request: ResolveRequest, options: DnsOptions): ResolveResult & Warned {
  const o = observedCluster(cluster, 'DNS', options);
  return { ...resolveWithIndex(buildIndex(o.cluster, options), request), warnings: o.warnings };
}

/** The EndpointSlices and Endpoints the control plane would hold: given ones as they are, the rest derived. */
export function endpointSlices(cluster: Cluster, options: EndpointSliceOptions): EndpointSlicesResult {
  const o = observedCluster(cluster, 'EndpointSlices');
  const endpoints = (e: Record<string, unknown>) => {
    const m = e.metadata as { namespace: string; name: string };
    return !o.system.has(`Service/${m.namespace}/${m.name}`);
  };
  return {
    endpointSlices: serviceSlices(o.cluster, o.system, options).map(toPlainJson),
    endpoints: endpointsFor(o.cluster).map(toPlainJson).filter(endpoints),
    warnings: o.warnings,
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
