// Small builders for kernel tests: each writes the manifest a user would write and parses it, so test
// objects carry exactly the defaults parsed input gets. A builder given invalid fields throws.
import { KubeknowError } from '../../errors';
import {
  clusterOf,
  parseObjects,
  type Cluster,
  type EndpointSlice,
  type Endpoints,
  type KubeObject,
  type Namespace,
  type Node,
  type OtherObject,
  type Pod,
  type Service,
  type StatefulSet,
} from '../objects';

type Fields = Record<string, unknown>;

function parseOne<T>(manifest: Fields, pick: (c: Cluster) => T[]): T {
  return pick(parseObjects([manifest]))[0];
}

/** Freezes a value and everything it holds, so a test fails if the kernel mutates its input. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    stack.push(...(Object.values(v) as unknown[]));
  }
  return value;
}

/** The problems parsing these (frozen) objects reports, as `CODE path: message`; none when they parse. */
export function problemsOf(values: unknown[]): string[] {
  try {
    parseObjects(deepFreeze(values));
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

/** A Cluster of the given objects, in order. */
export function cluster(...objects: (KubeObject | OtherObject)[]): Cluster {
  return clusterOf(objects);
}

/** A Service port: `port('http', 80)`, `port('http', 80, 'web')`, `port('dns', 53, 53, 'UDP')`. */
export function port(name: string, number: number, targetPort?: number | string, protocol?: string): Fields {
  return {
    ...(name ? { name } : {}),
    port: number,
    ...(targetPort !== undefined ? { targetPort } : {}),
    ...(protocol ? { protocol } : {}),
  };
}

/** A Service with the given spec fields (Kubernetes spellings: clusterIP, selector, ports…). */
export function service(name: string, namespace: string, spec: Fields, meta: Fields = {}): Service {
  return parseOne(
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, ...meta }, spec },
    (c) => c.services,
  );
}

export interface PodOptions {
  labels?: Record<string, string>;
  ip?: string | string[]; // status.podIPs; none: the Pod has no IP yet
  ready?: boolean; // the Ready condition; default true
  phase?: Pod['status']['phase']; // default Running
  hostname?: string;
  subdomain?: string;
  nodeName?: string;
  ports?: Fields[]; // container ports of the one container: { name: 'http', containerPort: 8080 }
  terminating?: boolean; // sets metadata.deletionTimestamp
  uid?: string;
  spec?: Fields; // any other spec fields
}

/** A Pod with one container; Running and Ready unless told otherwise. */
export function pod(name: string, namespace: string, o: PodOptions = {}): Pod {
  const ips = o.ip === undefined ? [] : Array.isArray(o.ip) ? o.ip : [o.ip];
  return parseOne(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        labels: o.labels ?? {},
        ...(o.uid ? { uid: o.uid } : {}),
        ...(o.terminating ? { deletionTimestamp: '2025-01-15T00:00:00Z' } : {}),
      },
      spec: {
        containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', ports: o.ports ?? [] }],
        ...(o.hostname ? { hostname: o.hostname } : {}),
        ...(o.subdomain ? { subdomain: o.subdomain } : {}),
        ...(o.nodeName ? { nodeName: o.nodeName } : {}),
        ...o.spec,
      },
      status: {
        phase: o.phase ?? 'Running',
        podIPs: ips.map((ip) => ({ ip })),
        conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
      },
    },
    (c) => c.pods,
  );
}

/** A Node, with its zone label when given. */
export function node(name: string, o: { zone?: string; labels?: Record<string, string>; spec?: Fields } = {}): Node {
  const labels = { ...o.labels, ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}) };
  return parseOne({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: o.spec ?? {} }, (c) => c.nodes);
}

/** A Namespace. */
export function namespace(name: string): Namespace {
  return parseOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, (c) => c.namespaces);
}

/** An EndpointSlice as given in an input, labelled for `service`. */
export function endpointSlice(
  name: string,
  ns: string,
  o: { service: string; addressType?: string; endpoints?: Fields[]; ports?: Fields[] },
): EndpointSlice {
  return parseOne(
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name, namespace: ns, labels: { 'kubernetes.io/service-name': o.service } },
      addressType: o.addressType ?? 'IPv4',
      endpoints: o.endpoints ?? [],
      ports: o.ports ?? [],
    },
    (c) => c.endpointSlices,
  );
}

/** A legacy Endpoints object as given in an input (for a Service without a selector). */
export function endpoints(name: string, ns: string, subsets: Fields[], meta: Fields = {}): Endpoints {
  return parseOne(
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, ...meta }, subsets },
    (c) => c.endpoints,
  );
}

/** A StatefulSet whose Pods carry `labels`, governed by the Service `serviceName`. */
export function statefulSet(
  name: string,
  ns: string,
  o: { serviceName: string; labels: Record<string, string>; replicas?: number },
): StatefulSet {
  return parseOne(
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace: ns },
      spec: {
        serviceName: o.serviceName,
        ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
        selector: { matchLabels: o.labels },
        template: {
          metadata: { labels: o.labels },
          spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
        },
      },
    },
    (c) => c.statefulSets,
  );
}
