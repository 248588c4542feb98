// The EndpointSlices the EndpointSlice controller writes for a Service with a selector, as its
// reconciler does from scratch (staging/src/k8s.io/endpointslice reconciler.go and utils.go):
// one group of slices per address type and per distinct set of resolved ports, at most
// maxEndpointsPerSlice endpoints in a slice, and an empty placeholder slice for an address type
// that gets no endpoints at all.
import {
  canonicalIPOfFamily,
  ipFamilyOf,
  type Endpoint,
  type EndpointConditions,
  type EndpointPort,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
  type ServicePort,
} from '../objects';
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
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports) {
    const port = findPort(pod, sp);
    if (port !== undefined) out.push(endpointPort(sp, port));
  }
  return out;
}

function endpointPort(sp: ServicePort, port: number): EndpointPort {
  return sp.appProtocol
    ? { name: sp.name, protocol: sp.protocol, port, appProtocol: sp.appProtocol }
    : { name: sp.name, protocol: sp.protocol, port };
}

function portKey(ports: EndpointPort[]): string {
  return ports
    .map((p) => `${p.name}/${p.protocol}/${p.port}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

interface PortSet {
  ports: EndpointPort[];
  key: string;
}

/**
 * The port set of each Pod, computed once per distinct set: every Pod gets the same one when all
 * targetPorts are numbers, and otherwise Pods are told apart by the numbers their names resolve to.
 */
function portSetsOf(svc: Service, pods: readonly Pod[]): PortSet[] {
  const specPorts = svc.spec.ports;
  if (specPorts.every((sp) => typeof sp.targetPort === 'number')) {
    const ports = specPorts.map((sp) => endpointPort(sp, sp.targetPort as number));
    const shared = { ports, key: portKey(ports) };
    return pods.map(() => shared);
  }
  const known = new Map<string | number, PortSet>();
  return pods.map((pod) => {
    // The numbers the Service's ports resolve to on this Pod tell its port set apart (-1: not served).
    let resolved: string | number = findPort(pod, specPorts[0]) ?? -1;
    for (let i = 1; i < specPorts.length; i++) resolved = `${resolved},${findPort(pod, specPorts[i]) ?? -1}`;
    let set = known.get(resolved);
    if (!set) {
      const ports = endpointPorts(svc, pod);
      set = { ports, key: portKey(ports) };
      known.set(resolved, set);
    }
    return set;
  });
}

/** A Pod's IPs of the address type, in canonical form; null when it has none. */
function addressesOf(pod: Pod, type: AddressType): string[] | null {
  let out: string[] | null = null;
  for (const text of pod.status.podIPs) {
    const ip = canonicalIPOfFamily(text, type);
    if (ip === undefined) continue;
    if (out) out.push(ip);
    else out = [ip];
  }
  return out;
}

// The eight possible condition sets, shared (and frozen) rather than allocated once per endpoint.
const CONDITIONS: readonly Readonly<EndpointConditions>[] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
  Object.freeze({ ready: (bits & 4) !== 0, serving: (bits & 2) !== 0, terminating: (bits & 1) !== 0 }),
);

// podToEndpoint: `serving` follows readiness even while terminating; `ready` never holds for a
// terminating Pod, unless the Service publishes not-ready addresses, which makes it always true.
function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addresses: string[]): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isTerminating(pod);
  const ready = svc.spec.publishNotReadyAddresses || (serving && !terminating);
  const { namespace, name, uid } = pod.metadata;
  const ep: Endpoint = {
    addresses,
    conditions: CONDITIONS[(ready ? 4 : 0) | (serving ? 2 : 0) | (terminating ? 1 : 0)],
    targetRef: uid ? { kind: 'Pod', namespace, name, uid } : { kind: 'Pod', namespace, name },
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

function newSlice(
  svc: Service,
  labels: Record<string, string>,
  type: AddressType,
  ports: EndpointPort[],
  endpoints: Endpoint[],
  name: string,
): EndpointSlice {
  const { name: svcName, namespace, uid } = svc.metadata;
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      name,
      namespace,
      labels: { ...labels },
      annotations: {},
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svcName,
          ...(uid ? { uid } : {}),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: type,
    endpoints,
    ports,
  };
}

export interface DeriveContext {
  nodes: Map<string, Node> | undefined; // undefined when the input lists no Nodes
  maxEndpointsPerSlice: number;
  namer: SliceNamer;
}

/** The Pods that get endpoints, with their Node and port set, worked out once for every address type. */
interface Candidates {
  pods: Pod[];
  nodes: (Node | undefined)[];
  portSets: PortSet[];
}

// The controller skips a Pod whose Node it cannot find (unless the Service publishes not-ready
// addresses). Users rarely paste Nodes, so that rule applies only when the input lists Nodes at all.
function candidatesOf(svc: Service, pods: Pod[], ctx: DeriveContext): Candidates {
  const out: Candidates = { pods: [], nodes: [], portSets: [] };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const node = ctx.nodes?.get(pod.spec.nodeName ?? '');
    if (ctx.nodes && !node && !svc.spec.publishNotReadyAddresses) continue;
    out.pods.push(pod);
    out.nodes.push(node);
  }
  out.portSets = portSetsOf(svc, out.pods);
  return out;
}

function slicesForType(
  svc: Service,
  candidates: Candidates,
  type: AddressType,
  labels: Record<string, string>,
  ctx: DeriveContext,
): EndpointSlice[] {
  type Group = { ports: EndpointPort[]; endpoints: Endpoint[] };
  const groups = new Map<string, Group>();
  const { pods, nodes, portSets } = candidates;
  // Pods nearly always share one port set: the group of the previous Pod is tried before the map.
  let last: { set: PortSet; group: Group } | undefined;
  for (let i = 0; i < pods.length; i++) {
    const addresses = addressesOf(pods[i], type);
    if (!addresses) continue;
    const ep = podToEndpoint(pods[i], nodes[i], svc, addresses);
    const set = portSets[i];
    if (last?.set === set) {
      last.group.endpoints.push(ep);
      continue;
    }
    let group = groups.get(set.key);
    if (group) group.endpoints.push(ep);
    else groups.set(set.key, (group = { ports: set.ports, endpoints: [ep] }));
    last = { set, group };
  }
  const { name: svcName, namespace: ns } = svc.metadata;
  if (!groups.size) return [newSlice(svc, labels, type, [], [], ctx.namer.next(ns, svcName, `${type}/placeholder`))];
  const slices: EndpointSlice[] = [];
  const max = ctx.maxEndpointsPerSlice;
  for (const [key, { ports, endpoints }] of groups) {
    for (let i = 0; i < endpoints.length; i += max) {
      const name = ctx.namer.next(ns, svcName, `${type}/${key}/${i / max}`);
      slices.push(
        newSlice(
          svc,
          labels,
          type,
          ports.map((p) => ({ ...p })),
          endpoints.slice(i, i + max),
          name,
        ),
      );
    }
  }
  return slices;
}

/** The slices the EndpointSlice controller writes for a Service with a selector, given its selected Pods (sorted by name). */
export function derivedSlices(svc: Service, pods: Pod[], ctx: DeriveContext): EndpointSlice[] {
  const candidates = candidatesOf(svc, pods, ctx);
  const labels = sliceLabels(svc);
  const out: EndpointSlice[] = [];
  for (const type of addressTypes(svc))
    for (const slice of slicesForType(svc, candidates, type, labels, ctx)) out.push(slice);
  return out;
}
