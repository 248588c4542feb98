// What the endpoint controllers ask of a Pod, as k8s.io/endpointslice/util asks it
// (ShouldPodBeInEndpoints, ShouldSetHostname, IsPodReady, FindPort).
import type { Cluster, Container, Pod, Service, ServicePort } from '../objects';

/** Whether the Service has a selector; an empty one is dropped on storage, so it selects nothing too. */
export function hasSelector(svc: Service): boolean {
  return svc.spec.selector !== undefined && Object.keys(svc.spec.selector).length > 0;
}

/** Whether the Service is headless (`clusterIP: None`). */
export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

/**
 * The Pods of each namespace by label `key=value`, in the cluster's order: a Service's selector then
 * reads the Pods carrying its first label instead of every Pod of the cluster (500 Services over 5 000
 * Pods were 2.5 million label checks per EndpointSlice listing). A label key is indexed in a namespace
 * the first time a selector asks for it.
 */
export class PodIndex {
  private readonly inNamespace = new Map<string, Pod[]>();
  private readonly byLabel = new Map<string, Map<string, Pod[]>>();
  constructor(pods: readonly Pod[]) {
    for (const p of pods) {
      const ns = p.metadata.namespace;
      const list = this.inNamespace.get(ns);
      if (list) list.push(p);
      else this.inNamespace.set(ns, [p]);
    }
  }
  /** The Pods of the namespace carrying label `key` with `value`, in the cluster's order. */
  withLabel(namespace: string, key: string, value: string): readonly Pod[] {
    const at = `${namespace}/${key}`;
    let values = this.byLabel.get(at);
    if (!values) {
      values = new Map();
      for (const p of this.inNamespace.get(namespace) ?? []) {
        const v = p.metadata.labels[key];
        if (v === undefined) continue;
        const list = values.get(v);
        if (list) list.push(p);
        else values.set(v, [p]);
      }
      this.byLabel.set(at, values);
    }
    return values.get(value) ?? [];
  }
}

/** The Pods in the Service's namespace its selector matches, by name (`index` built from the cluster's Pods). */
export function podsFor(cluster: Cluster, svc: Service, index?: PodIndex): Pod[] {
  const selector = Object.entries(svc.spec.selector ?? {});
  if (!selector.length) return [];
  const { namespace } = svc.metadata;
  const candidates = index ? index.withLabel(namespace, selector[0][0], selector[0][1]) : cluster.pods;
  const out: Pod[] = [];
  for (const p of candidates) {
    if (p.metadata.namespace !== namespace) continue;
    const labels = p.metadata.labels;
    let matches = true;
    for (let i = 0; i < selector.length && matches; i++) matches = labels[selector[i][0]] === selector[i][1];
    if (matches) out.push(p);
  }
  return byName(out);
}

/** The Pods sorted by name; the names are read once, and input already in order (as kubectl lists it) is kept. */
function byName(pods: Pod[]): Pod[] {
  let sorted = true;
  for (let i = 1; i < pods.length && sorted; i++) sorted = pods[i - 1].metadata.name <= pods[i].metadata.name;
  if (sorted) return pods;
  const keyed = pods.map((pod) => ({ name: pod.metadata.name, pod }));
  keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.pod);
}

/** Whether the Pod's Ready condition is True: the first one, as podutil.GetPodCondition finds it. */
export function isPodReady(pod: Pod): boolean {
  for (const c of pod.status.conditions) if (c.type === 'Ready') return c.status === 'True';
  return false;
}

/** Whether the Pod is being deleted (it has a deletionTimestamp). */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Whether a Pod belongs in endpoints at all: not terminal, has an IP, and not terminating unless asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return false;
  if (pod.status.podIPs.length === 0) return false;
  return includeTerminating || !isTerminating(pod);
}

/** Whether an endpoint for this Pod carries its hostname: spec.hostname set and spec.subdomain naming this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return (
    Boolean(pod.spec.hostname) &&
    pod.spec.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace
  );
}

/**
 * The container port a Service port reaches on this Pod: a numeric targetPort as is, a named one looked
 * up by name and protocol in the containers, then in sidecars (init containers with restartPolicy Always).
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  return namedPort(pod.spec.containers, port, false) ?? namedPort(pod.spec.initContainers, port, true);
}

function namedPort(containers: Container[], port: ServicePort, sidecarsOnly: boolean): number | undefined {
  for (const c of containers) {
    if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
    for (const p of c.ports) if (p.name === port.targetPort && p.protocol === port.protocol) return p.containerPort;
  }
  return undefined;
}
