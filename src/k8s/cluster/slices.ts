// The EndpointSlices of a settled cluster's Services, as the EndpointSlice controller holds them. One
// function for every answer that lists them (POST /v1/endpointslices, POST /v1/cluster/apply), so the
// two give the same slices, names and endpoints for the same manifests.
import { endpointSlicesFor, SERVICE_NAME_LABEL, type EndpointSliceOptions } from '../endpoints';
import type { Cluster, EndpointSlice } from '../objects';

/**
 * The slices of every Service that is not the cluster's own (`system` holds `Service/namespace/name`
 * refs): given ones as they are, the others as the controller writes them from the settled Pods.
 * The cluster's own are left out: kube-dns's CoreDNS Pods are not simulated, so its slice would be empty.
 */
export function serviceSlices(
  cluster: Cluster,
  system: ReadonlySet<string>,
  options: EndpointSliceOptions = {},
): EndpointSlice[] {
  return endpointSlicesFor(cluster, options).filter(
    (s) => !system.has(`Service/${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME_LABEL] ?? ''}`),
  );
}
