// The Pod's endpoint in its Service's EndpointSlice at a moment of the timeline, as the EndpointSlice
// controller would write it (src/k8s/endpoints): the Pod with that moment's phase and Ready condition,
// and the given Service, or one that selects the Pod when none is given (illustrative, named after it).
import { endpointSlicesFor } from '../endpoints';
import { parseObjects, type Pod, type Service } from '../objects';
import type { EndpointState } from './types';

const ILLUSTRATIVE_IP = '10.244.0.10';

function serviceFor(pod: Pod): Record<string, unknown> {
  const labels = Object.keys(pod.metadata.labels).length ? pod.metadata.labels : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
    spec: { selector: labels ?? { 'kubeknow.io/pod': pod.metadata.name }, ports: [{ port: 80 }] },
  };
}

/** A function giving the endpoint for a phase and Ready state; each distinct state is computed once. */
export function endpointStates(
  pod: Pod,
  service: Service | undefined,
): (phase: string, ready: boolean) => EndpointState | null {
  const cache = new Map<string, EndpointState | null>();
  const raw = (pod.raw ?? {}) as Record<string, unknown>;
  const meta = raw.metadata as Record<string, unknown>;
  const labels = Object.keys(pod.metadata.labels).length
    ? pod.metadata.labels
    : { 'kubeknow.io/pod': pod.metadata.name };
  const svc = service?.raw ?? serviceFor(pod);
  return (phase, ready) => {
    const key = `${phase}/${ready}`;
    if (!cache.has(key)) {
      const status = {
        phase,
        podIP: pod.status.podIP ?? ILLUSTRATIVE_IP,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      };
      const cluster = parseObjects([
        { ...raw, metadata: { ...meta, namespace: pod.metadata.namespace, labels }, status },
        svc,
      ]);
      const s = cluster.services[0];
      const slice = endpointSlicesFor(cluster).find(
        (es) =>
          es.metadata.namespace === s.metadata.namespace &&
          es.metadata.labels['kubernetes.io/service-name'] === s.metadata.name,
      );
      const ep = slice?.endpoints.find((e) => e.targetRef?.name === pod.metadata.name);
      cache.set(
        key,
        slice && ep
          ? { endpointSlice: slice.metadata.name, addresses: ep.addresses, conditions: { ...ep.conditions } }
          : null,
      );
    }
    return cache.get(key)!;
  };
}
