// The EndpointSliceMirroring controller (pkg/controller/endpointslicemirroring): for a Service without a
// selector, the Endpoints object written by hand is mirrored into EndpointSlices, one slice per address
// type and port set, holding at most 1000 addresses of each subset.
import {
  canonicalIP,
  ipFamilyOf,
  type Endpoint,
  type EndpointAddress,
  type EndpointPort,
  type EndpointSlice,
  type Endpoints,
} from '../objects';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './derive';
import type { SliceNamer } from './naming';

const CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const MAX_ENDPOINTS_PER_SUBSET = 1000; // --mirroring-max-endpoints-per-subset default
const DROPPED_ANNOTATIONS = [
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** Whether the mirroring controller mirrors these Endpoints (its Service must exist and have no selector). */
export function shouldMirror(endpoints: Endpoints): boolean {
  return (
    endpoints.metadata.labels[SKIP_MIRROR_LABEL] !== 'true' && !(LEADER_ANNOTATION in endpoints.metadata.annotations)
  );
}

function addressToEndpoint(address: EndpointAddress, ready: boolean): Endpoint {
  return {
    addresses: [canonicalIP(address.ip) ?? address.ip],
    conditions: { ready },
    ...(address.hostname ? { hostname: address.hostname } : {}),
    ...(address.nodeName ? { nodeName: address.nodeName } : {}),
    ...(address.targetRef ? { targetRef: { ...address.targetRef } } : {}),
  };
}

// The controller keeps endpoints in a set keyed by address, hostname and target: a later duplicate
// replaces an earlier one.
const endpointKey = (e: Endpoint): string =>
  JSON.stringify([e.addresses, e.hostname ?? '', e.targetRef?.namespace ?? '', e.targetRef?.name ?? '']);

interface Group {
  type: 'IPv4' | 'IPv6';
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

function desiredGroups(endpoints: Endpoints): Group[] {
  const groups = new Map<string, Group>();
  for (const subset of endpoints.subsets) {
    const ports = subset.ports.map((p) => ({ ...p }));
    const portsKey = JSON.stringify(ports.map((p) => [p.name, p.protocol, p.port, p.appProtocol ?? '']).sort());
    const all = [
      ...subset.addresses.map((a) => [a, true] as const),
      ...subset.notReadyAddresses.map((a) => [a, false] as const),
    ];
    for (const [address, ready] of all.slice(0, MAX_ENDPOINTS_PER_SUBSET)) {
      const type = ipFamilyOf(address.ip);
      if (!type) continue;
      const key = `${type}/${portsKey}`;
      const group = groups.get(key) ?? { type, ports, endpoints: new Map<string, Endpoint>() };
      const ep = addressToEndpoint(address, ready);
      group.endpoints.set(endpointKey(ep), ep);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => (a.type === b.type ? 0 : a.type === 'IPv4' ? -1 : 1));
}

function labelsAndAnnotations(endpoints: Endpoints): Pick<EndpointSlice['metadata'], 'labels' | 'annotations'> {
  const annotations = Object.fromEntries(
    Object.entries(endpoints.metadata.annotations).filter(([k]) => !DROPPED_ANNOTATIONS.includes(k)),
  );
  return {
    labels: {
      ...endpoints.metadata.labels,
      [SERVICE_NAME_LABEL]: endpoints.metadata.name,
      [MANAGED_BY_LABEL]: CONTROLLER,
    },
    annotations,
  };
}

/** The slices mirrored from a hand-written Endpoints object; owned by that Endpoints object. */
export function mirroredSlices(endpoints: Endpoints, namer: SliceNamer): EndpointSlice[] {
  const { name, namespace, uid } = endpoints.metadata;
  return desiredGroups(endpoints).map((g) => ({
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      name: namer.next(namespace, name, `mirror/${g.type}/${JSON.stringify(g.ports)}`),
      namespace,
      ...labelsAndAnnotations(endpoints),
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          name,
          ...(uid ? { uid } : {}),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: g.type,
    // One slice per group, filled up to the per-subset maximum; the rest is not mirrored.
    endpoints: [...g.endpoints.values()].slice(0, MAX_ENDPOINTS_PER_SUBSET),
    ports: g.ports.map((p) => ({ ...p })),
  }));
}
