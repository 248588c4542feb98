// The EndpointSlices the EndpointSlice controller writes for a Service with a selector, as its
// reconciler does from scratch (staging/src/k8s.io/endpointslice reconciler.go and utils.go):
// one group of slices per address type and per distinct set of resolved ports, at most
// maxEndpointsPerSlice endpoints in a slice, and an empty placeholder slice for an address type
// that gets no endpoints at all.
import { canonicalIP, ipFamilyOf, type Endpoint, type EndpointPort, type EndpointSlice, type Node, type Pod, type Service } from '../objects';
import type { SliceNamer } from './naming';
import { findPort, isHeadless, isPodReady, isTerminating, shouldPodBeInEndpoints, shouldSetHostname } from './pods';

type AddressType = 'IPv4' | 'IPv6';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
const CONTROLLER = 'endpointslice-controller.k8s.io';

// Address types from spec.ipFamilies; a Service without them (from an old API server) falls back to
// its clusterIP's family, or both families when headless (getAddressTypesForService).
function addressTypes(svc: Service): AddressType[] {
  const fromFamilies = (['IPv4', 'IPv6'] as const).filter((f) => svc.spec.ipFamilies.includes(f));
  if (fromFamilies.length) return fromFamilies;
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') return [ipFamilyOf(ip) ?? 'IPv4'];
  return ['IPv4', 'IPv6'];
}

// In Service port order. The controller ends up storing them in hash order (NewPortMapKey sorts the
// slice it is given in place), an order that carries no meaning, so the readable one is kept here.
/** The ports of a Service this Pod serves; a named targetPort the Pod lacks is left out (getEndpointPorts). */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  return svc.spec.ports.flatMap((sp) => {
    const port = findPort(pod, sp);
    if (port === undefined) return [];
    return [{ name: sp.name, protocol: sp.protocol, port, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) }];
  });
}

function portKey(ports: EndpointPort[]): string {
  return ports.map((p) => `${p.name}/${p.protocol}/${p.port}/${p.appProtocol ?? ''}`).sort().join(',');
}

// podToEndpoint: `serving` follows readiness even while terminating; `ready` never holds for a
// terminating Pod, unless the Service publishes not-ready addresses, which makes it always true.
function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, type: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isTerminating(pod);
  const ep: Endpoint = {
    addresses: pod.status.podIPs.filter((ip) => ipFamilyOf(ip) === type).map((ip) => canonicalIP(ip) ?? ip),
    conditions: { ready: svc.spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}) },
  };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels[ZONE_LABEL];
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  return ep;
}

/** The labels of a controller-managed slice: the Service's own, plus the reserved ones (setEndpointSliceLabels). */
export function sliceLabels(svc: Service, managedBy = CONTROLLER): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels)) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  }
  // Kubernetes adds this label when the Service has no cluster IP. Here clusterIP "" means "not
  // allocated by this kernel", not "no IP", so only `clusterIP: None` counts as headless.
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  return { ...labels, [SERVICE_NAME_LABEL]: svc.metadata.name, [MANAGED_BY_LABEL]: managedBy };
}

function newSlice(svc: Service, type: AddressType, ports: EndpointPort[], endpoints: Endpoint[], name: string): EndpointSlice {
  const { name: svcName, namespace, uid } = svc.metadata;
  return {
    kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      name, namespace, labels: sliceLabels(svc), annotations: {},
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svcName, ...(uid ? { uid } : {}), controller: true, blockOwnerDeletion: true }],
    },
    addressType: type, endpoints, ports,
  };
}

export interface DeriveContext {
  nodes: Map<string, Node> | undefined; // undefined when the input lists no Nodes
  maxEndpointsPerSlice: number;
  namer: SliceNamer;
}

// The controller skips a Pod whose Node it cannot find (unless the Service publishes not-ready
// addresses). Users rarely paste Nodes, so that rule applies only when the input lists Nodes at all.
function nodeFor(pod: Pod, svc: Service, ctx: DeriveContext): { skip: boolean; node?: Node } {
  if (!ctx.nodes) return { skip: false };
  const node = ctx.nodes.get(pod.spec.nodeName ?? '');
  return { skip: !node && !svc.spec.publishNotReadyAddresses, node };
}

function slicesForType(svc: Service, pods: Pod[], type: AddressType, ctx: DeriveContext): EndpointSlice[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    const { skip, node } = nodeFor(pod, svc, ctx);
    if (skip) continue;
    const ports = endpointPorts(svc, pod);
    const ep = podToEndpoint(pod, node, svc, type);
    if (!ep.addresses.length) continue;
    const key = portKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    group.endpoints.push(ep);
    groups.set(key, group);
  }
  const { name: svcName, namespace: ns } = svc.metadata;
  if (!groups.size) return [newSlice(svc, type, [], [], ctx.namer.next(ns, svcName, `${type}/placeholder`))];
  const slices: EndpointSlice[] = [];
  for (const [key, { ports, endpoints }] of groups) {
    for (let i = 0; i < endpoints.length; i += ctx.maxEndpointsPerSlice) {
      const name = ctx.namer.next(ns, svcName, `${type}/${key}/${i / ctx.maxEndpointsPerSlice}`);
      slices.push(newSlice(svc, type, ports.map((p) => ({ ...p })), endpoints.slice(i, i + ctx.maxEndpointsPerSlice), name));
    }
  }
  return slices;
}

/** The slices the EndpointSlice controller writes for a Service with a selector, given its selected Pods (sorted by name). */
export function derivedSlices(svc: Service, pods: Pod[], ctx: DeriveContext): EndpointSlice[] {
  const eligible = pods.filter((p) => shouldPodBeInEndpoints(p, true));
  return addressTypes(svc).flatMap((type) => slicesForType(svc, eligible, type, ctx));
}
