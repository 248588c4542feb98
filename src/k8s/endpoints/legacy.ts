// The legacy Endpoints objects, as the Endpoints controller (pkg/controller/endpoint) writes them for
// Services with a selector: one address per Pod in the Service's primary IP family, not-ready Pods under
// notReadyAddresses, terminating Pods dropped unless the Service publishes not-ready addresses, subsets
// repacked as endpoints.RepackSubsets does, and at most 1000 addresses. Given Endpoints are kept as given.
import type { Cluster, EndpointAddress, EndpointPort, Endpoints, IPFamily, Pod, Service } from '../objects';
import { ipFamilyOf, serviceKey } from '../objects';
import { HEADLESS_LABEL } from './derive';
import {
  findPort,
  hasSelector,
  isHeadless,
  isPodReady,
  PodIndex,
  podsFor,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './pods';
import { repackSubsets, truncateSubsets, type SubsetEntry } from './subsets';

const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

// podToEndpointAddressForService: the first Pod IP of the Service's primary family, or none.
function addressFor(svc: Service, pod: Pod): EndpointAddress | undefined {
  const family: IPFamily = svc.spec.ipFamilies[0] ?? 'IPv4';
  const ip = pod.status.podIPs.find((i) => ipFamilyOf(i) === family);
  if (!ip) return undefined;
  const { name, namespace, uid } = pod.metadata;
  return {
    ip,
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace, name, ...(uid ? { uid } : {}) },
  };
}

function entriesFor(svc: Service, pods: Pod[]): SubsetEntry[] {
  const tolerateUnready = svc.spec.publishNotReadyAddresses;
  return pods.flatMap((pod) => {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) return [];
    const address = addressFor(svc, pod);
    if (!address) return [];
    const ready = tolerateUnready || isPodReady(pod);
    // A headless Service may have no ports; its addresses are still listed.
    if (!svc.spec.ports.length) return isHeadless(svc) ? [{ address, ready }] : [];
    return svc.spec.ports.flatMap((sp) => {
      const port = findPort(pod, sp);
      if (port === undefined) return [];
      const ep: EndpointPort = {
        name: sp.name,
        protocol: sp.protocol,
        port,
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      };
      return [{ address, ready, port: ep }];
    });
  });
}

function derivedEndpoints(svc: Service, pods: Pod[]): Endpoints {
  const { subsets, truncated } = truncateSubsets(repackSubsets(entriesFor(svc, pods)));
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return {
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      labels,
      annotations: truncated ? { [OVER_CAPACITY]: 'truncated' } : {},
    },
    subsets,
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The Endpoints objects of the cluster: given ones as they are, derived ones for selector Services without one; by namespace and name. */
export function endpointsFor(cluster: Cluster): Endpoints[] {
  const given = new Set(cluster.endpoints.map((e) => serviceKey(e.metadata.namespace, e.metadata.name)));
  const index = new PodIndex(cluster.pods);
  const derived = cluster.services
    .filter(
      (svc) =>
        svc.spec.type !== 'ExternalName' &&
        hasSelector(svc) &&
        !given.has(serviceKey(svc.metadata.namespace, svc.metadata.name)),
    )
    .map((svc) => derivedEndpoints(svc, podsFor(cluster, svc, index)));
  return [...cluster.endpoints, ...derived].sort(
    (a, b) => compare(a.metadata.namespace, b.metadata.namespace) || compare(a.metadata.name, b.metadata.name),
  );
}
