// Every EndpointSlice the cluster described by the input would hold. Slices given in the input for a
// Service (labelled kubernetes.io/service-name) are used as they are and nothing is derived for that
// Service; otherwise a Service with a selector gets what the EndpointSlice controller would write from
// the given Pods, and a selector-less one what the mirroring controller makes of its given Endpoints.
import { fail } from '../../errors';
import type { Cluster, EndpointSlice, Service } from '../objects';
import { derivedSlices, SERVICE_NAME_LABEL, type DeriveContext } from './derive';
import { mirroredSlices, shouldMirror } from './mirror';
import { SliceNamer } from './naming';
import { serviceKey } from '../objects';
import { hasSelector, PodIndex, podsFor } from './pods';

/** kube-controller-manager's --max-endpoints-per-slice: its default, and the most it accepts. */
export const MAX_ENDPOINTS_PER_SLICE = { default: 100, max: 1000 } as const;

export interface EndpointSliceOptions {
  /** --max-endpoints-per-slice of kube-controller-manager: 1–1000, default 100. */
  maxEndpointsPerSlice?: number;
}

const FAMILY_ORDER: Record<EndpointSlice['addressType'], number> = { IPv4: 0, IPv6: 1, FQDN: 2 };
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function givenByService(cluster: Cluster): Map<string, EndpointSlice[]> {
  const byKey = new Map<string, EndpointSlice[]>();
  for (const s of cluster.endpointSlices) {
    const key = serviceKey(s.metadata.namespace, s.metadata.labels[SERVICE_NAME_LABEL] ?? '');
    const list = byKey.get(key);
    if (list) list.push(s);
    else byKey.set(key, [s]);
  }
  for (const list of byKey.values()) {
    list.sort(
      (a, b) => FAMILY_ORDER[a.addressType] - FAMILY_ORDER[b.addressType] || compare(a.metadata.name, b.metadata.name),
    );
  }
  return byKey;
}

function computedFor(cluster: Cluster, svc: Service, ctx: DeriveContext, pods: () => PodIndex): EndpointSlice[] {
  if (hasSelector(svc)) {
    // The EndpointSlice controller writes nothing for an ExternalName Service (kubernetes/kubernetes#105986).
    return svc.spec.type === 'ExternalName' ? [] : derivedSlices(svc, podsFor(cluster, svc, pods()), ctx);
  }
  const endpoints = cluster.endpoints.find(
    (e) => e.metadata.namespace === svc.metadata.namespace && e.metadata.name === svc.metadata.name,
  );
  return endpoints && shouldMirror(endpoints) ? mirroredSlices(endpoints, ctx.namer) : [];
}

function context(cluster: Cluster, opts: EndpointSliceOptions): DeriveContext {
  const max = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE.default;
  if (!Number.isInteger(max) || max < 1 || max > MAX_ENDPOINTS_PER_SLICE.max)
    fail('FIELD_INVALID', `must be between 1 and ${MAX_ENDPOINTS_PER_SLICE.max}`, 'maxEndpointsPerSlice');
  return {
    nodes: cluster.nodes.length ? new Map(cluster.nodes.map((n) => [n.metadata.name, n])) : undefined,
    maxEndpointsPerSlice: max,
    namer: new SliceNamer(cluster.endpointSlices.map((s) => s.metadata)),
  };
}

/** The entries ordered by namespace, then name, of their "namespace/name" keys. */
function byNamespaceThenName<T>(entries: Iterable<[string, T]>): [string, T][] {
  const keyed = [...entries].map((entry) => {
    const slash = entry[0].indexOf('/');
    return { entry, namespace: entry[0].slice(0, slash), name: entry[0].slice(slash + 1) };
  });
  keyed.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
  return keyed.map((k) => k.entry);
}

// Slices per "namespace/service"; given slices without the service-name label sit under "namespace/".
function grouped(cluster: Cluster, opts: EndpointSliceOptions): [string, EndpointSlice[]][] {
  const ctx = context(cluster, opts);
  const given = givenByService(cluster);
  const out = new Map<string, EndpointSlice[]>(given);
  // Built on the first Service with a selector, once for all of them.
  let index: PodIndex | undefined;
  const pods = () => (index ??= new PodIndex(cluster.pods));
  for (const svc of cluster.services) {
    const key = serviceKey(svc.metadata.namespace, svc.metadata.name);
    if (!given.has(key)) out.set(key, computedFor(cluster, svc, ctx, pods));
  }
  return byNamespaceThenName(out);
}

/**
 * EndpointSlices per "namespace/service": every Service of the input (possibly with []), and given
 * slices whose Service is not in the input; sorted by namespace and name, slices in address-type order.
 */
export function slicesByService(cluster: Cluster, opts: EndpointSliceOptions = {}): Map<string, EndpointSlice[]> {
  return new Map(grouped(cluster, opts).filter(([key]) => !key.endsWith('/')));
}

/** Every EndpointSlice of the cluster, sorted by namespace, Service and address type; derived endpoints by Pod name. */
export function endpointSlicesFor(cluster: Cluster, opts: EndpointSliceOptions = {}): EndpointSlice[] {
  return grouped(cluster, opts).flatMap(([, slices]) => slices);
}
