// The kernel's one door for the capabilities (src/capabilities): a cluster read from manifests and
// options already checked go in, plain data comes out. What each computation does lives in its
// folder (dns/, endpoints/); the checks of a request live with its capability's input schema, which
// uses the kernel's own rules (nameProblem, clusterDomainProblem, the manifest reader).
import { answer, buildIndex, recordsFor, resolveWithIndex, type DnsOptions, type Question } from './dns';
import type { DnsAnswer, DnsRecord, ResolveRequest, ResolveResult } from './dns';
import { endpointSlicesFor, endpointsFor, type EndpointSliceOptions } from './endpoints';
import { observedCluster, type Observed } from './cluster';
import { toPlainJson, type Cluster } from './objects';

export type { DnsAnswer, DnsRecord, ResolveResult } from './dns';
export { schedulingEvaluate, type SchedulingRequest, type SchedulingResult } from './scheduling';

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

const serviceOfSlice = (s: Record<string, unknown>): string => {
  const m = s.metadata as { namespace: string; labels?: Record<string, string> };
  return `Service/${m.namespace}/${m.labels?.['kubernetes.io/service-name'] ?? ''}`;
};

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
  const mine = (s: Record<string, unknown>) => !o.system.has(serviceOfSlice(s));
  const endpoints = (e: Record<string, unknown>) => {
    const m = e.metadata as { namespace: string; name: string };
    return !o.system.has(`Service/${m.namespace}/${m.name}`);
  };
  return {
    endpointSlices: endpointSlicesFor(o.cluster, options).map(toPlainJson).filter(mine),
    endpoints: endpointsFor(o.cluster).map(toPlainJson).filter(endpoints),
    warnings: o.warnings,
  };
}
