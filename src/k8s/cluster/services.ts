// The API server's Service allocation (pkg/registry/core/service/storage/alloc.go): the type chain
// (a LoadBalancer is a NodePort is a ClusterIP), cluster IPs from the service CIDR, node ports and
// health-check node ports from --service-node-port-range, each requested one checked against its range
// and what is taken.
//
// Two passes. The real allocators pick free values at random, so a Service created first practically
// never takes a value a later one asks for; here free values are taken in order (allocator.ts), which
// would take them every time. So every value the input asks for is reserved first, Service by Service
// in the order given (of two Services asking for one value the second is refused, as on a real cluster),
// and the values left to the allocator are drawn afterwards, in the same order, from what remains.
import { FieldPath, KubeknowError } from '../../errors';
import {
  initIPFamilyFields,
  isObj,
  needsHealthCheck,
  parseObjects,
  type IPFamilyFields,
  type Obj,
  type Service,
  type ServicePort,
} from '../objects';
import { ipv4Number, ipv4Text } from './cidr';
import { nextIp, nextPort, release, reserveIp, reservePort, type Allocator } from './allocator';
import { invalidField, invalidObject, problemAsFieldError } from './messages';
import { appliedOver, type MergeList } from './patch';
import { objectRef } from './model';

/** A value the Service asked for (reserved), one the allocator draws later ('next'), or none. */
type Value = number | 'next' | undefined;

// A Service between the passes: what it reserved, and where the allocator's values go.
interface Draft {
  svc: Service;
  ip: Value;
  /** Per port; a port whose value is 'next' shares the one drawn for its port number. */
  nodePorts: Value[];
  healthCheck: Value;
  /** The families and policy allocation defaulted. */
  families: Pick<Service['spec'], 'ipFamilies' | 'ipFamilyPolicy'>;
  held: { ips: number[]; ports: number[] };
}

/** Created or refused; `warning` is what kubectl prints on the way (an update of the cluster's own). */
type Made = ({ service: Service } | { message: string }) & { warning?: string };

/** Whether the Service gets node ports: NodePort, and LoadBalancer unless allocateLoadBalancerNodePorts is false. */
function wantsNodePorts(svc: Service): boolean {
  if (svc.spec.type === 'NodePort') return true;
  const spec = (svc.raw?.spec ?? {}) as { allocateLoadBalancerNodePorts?: unknown };
  return svc.spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

/** A refusal as kubectl prints it. */
type Refusal = { error: string };

// errors.NewInvalid around field errors, or errors.NewInternalError (apimachinery's api/errors).
const invalid = (svc: Service, ...fieldErrors: string[]): Refusal => ({
  error: invalidObject('Service', 'v1', svc.metadata.name, fieldErrors),
});
const internal = (detail: string): Refusal => ({ error: `Internal error occurred: ${detail}` });

// The cluster IP the Service asks for. `existing` is the IP of the cluster's own Service of that name
// (`kubernetes`, `kube-dns`), which a given one updates: the existing object already holds it, an IP
// left out is kept (`updatedOwn` merged it in), and another one is refused
// (validateUpgradeDowngradeClusterIPs in pkg/apis/core/validation/validation.go), here for a Service
// validation refused, read for allocation alone.
function requestedIp(a: Allocator, svc: Service, held: number[], existing?: string): Value | Refusal {
  const { clusterIP, clusterIPs } = svc.spec;
  if (existing !== undefined) {
    if (clusterIPs.length && clusterIPs[0] !== existing)
      return invalid(svc, invalidField('spec.clusterIPs[0]', clusterIPs, 'may not change once set'));
    return ipv4Number(existing);
  }
  if (clusterIP === 'None') return undefined;
  if (!clusterIPs.length) return 'next';
  const n = ipv4Number(clusterIPs[0]);
  const error = reserveIp(a, n);
  // allocIPs in alloc.go wraps the ipallocator's error.
  if (error)
    return invalid(
      svc,
      invalidField('spec.clusterIPs', clusterIPs, `failed to allocate IP ${clusterIPs[0]}: ${error}`),
    );
  held.push(n!);
  return n;
}

// initNodePorts in alloc.go: ports of the same port number (53/UDP and 53/TCP) share one node port,
// the one any of them asks for or else one drawn for the first; a port asking for another one gets it.
function requestedNodePorts(a: Allocator, svc: Service, held: number[]): Value[] | Refusal {
  const { type, ports } = svc.spec;
  if (type !== 'NodePort' && type !== 'LoadBalancer') return ports.map(() => undefined);
  const allocate = wantsNodePorts(svc);
  const byPort = new Map<number, Value>();
  const out: Value[] = [];
  for (const [i, p] of ports.entries()) {
    // allocateLoadBalancerNodePorts: false allocates nothing new but keeps what is asked for.
    if (p.nodePort === undefined && !allocate) {
      out.push(undefined);
      continue;
    }
    const shared = byPort.get(p.port);
    const asked = shared === undefined ? ports.find((q) => q.port === p.port && q.nodePort)?.nodePort : p.nodePort;
    if (asked === undefined || asked === shared) {
      const value = shared ?? 'next';
      byPort.set(p.port, value);
      out.push(value);
      continue;
    }
    const error = reservePort(a, asked);
    if (error) return invalid(svc, invalidField(`spec.ports[${i}].nodePort`, asked, error));
    held.push(asked);
    if (shared === undefined) byPort.set(p.port, asked);
    out.push(asked);
  }
  return out;
}

// allocHealthCheckNodePort in alloc.go: a LoadBalancer with externalTrafficPolicy Local gets a node
// port for the load balancer's health checks; its errors come back as internal errors.
function requestedHealthCheck(a: Allocator, svc: Service, held: number[]): Value | Refusal {
  if (!needsHealthCheck(svc.spec)) return undefined;
  const asked = svc.spec.healthCheckNodePort;
  if (asked === undefined) return 'next';
  const error = reservePort(a, asked);
  if (error) return internal(`failed to allocate requested HealthCheck NodePort ${asked}: ${error}`);
  held.push(asked);
  return asked;
}

const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'error' in v;

// The first pass: what the Service asks for, reserved; on the first refusal what it holds is given back.
function reserveRequested(a: Allocator, svc: Service, existing?: string): Draft | { message: string } {
  const held = { ips: [] as number[], ports: [] as number[] };
  const refuse = (r: Refusal) => {
    release(a, held);
    return { message: r.error };
  };
  const fields = allocationFamilies((svc.raw?.spec ?? {}) as Obj);
  if (fields?.problems.length) return refuse(invalid(svc, ...fieldErrors(fields)));
  // Fields that do not decode are validation's to refuse: the Service keeps what it read.
  const families = fields ?? svc.spec;
  const ip = requestedIp(a, svc, held.ips, existing);
  if (isRefusal(ip)) return refuse(ip);
  const nodePorts = requestedNodePorts(a, svc, held.ports);
  if (isRefusal(nodePorts)) return refuse(nodePorts);
  const healthCheck = requestedHealthCheck(a, svc, held.ports);
  if (isRefusal(healthCheck)) return refuse(healthCheck);
  return {
    svc,
    ip,
    nodePorts,
    healthCheck,
    families: { ipFamilies: families.ipFamilies, ipFamilyPolicy: families.ipFamilyPolicy },
    held,
  };
}

// The second pass: the values left to the allocator. Only a full range can refuse the Service now.
function allocateRest(a: Allocator, d: Draft): Made {
  const refuse = (detail: string) => {
    release(a, d.held);
    return { message: internal(detail).error };
  };
  const drawn = (n: number | undefined, held: number[]) => {
    if (n !== undefined) held.push(n);
    return n;
  };
  const ip = d.ip === 'next' ? drawn(nextIp(a), d.held.ips) : d.ip;
  if (d.ip === 'next' && ip === undefined) return refuse('failed to allocate a serviceIP: range is full');
  const byPort = new Map<number, number | undefined>();
  const ports: ServicePort[] = [];
  for (const [i, p] of d.svc.spec.ports.entries()) {
    const v = d.nodePorts[i];
    if (v === 'next' && !byPort.has(p.port)) byPort.set(p.port, drawn(nextPort(a), d.held.ports));
    const nodePort = v === 'next' ? byPort.get(p.port) : v;
    if (v === 'next' && nodePort === undefined) return refuse('failed to allocate a nodePort: range is full');
    ports.push(nodePort === undefined ? p : { ...p, nodePort });
  }
  const healthCheck = d.healthCheck === 'next' ? drawn(nextPort(a), d.held.ports) : d.healthCheck;
  // AllocateNext answers 0 with ErrFull, and the message prints it.
  if (d.healthCheck === 'next' && healthCheck === undefined)
    return refuse('failed to allocate a HealthCheck NodePort 0: range is full');
  return { service: created(d.svc, ip, ports, healthCheck, d.families) };
}

// The Service as stored: allocated, defaulted, and with the empty status PrepareForCreate gives it
// (pkg/registry/core/service/strategy.go); a status in the manifest is dropped.
function created(
  svc: Service,
  ip: number | undefined,
  ports: ServicePort[],
  healthCheck: number | undefined,
  families?: Draft['families'],
): Service {
  const raw: Record<string, unknown> = { ...svc.raw };
  delete raw.status;
  const out: Service = {
    ...svc,
    status: { loadBalancer: { ingress: [] } },
    ...(svc.raw ? { raw: lbDefaults(svc, raw) } : {}),
  };
  if (svc.spec.type === 'ExternalName') return out;
  const ipText = ip === undefined ? undefined : ipv4Text(ip);
  out.spec = {
    ...svc.spec,
    ...families,
    ...(ipText ? { clusterIP: ipText, clusterIPs: [ipText] } : {}),
    ports,
    ...(healthCheck === undefined ? {} : { healthCheckNodePort: healthCheck }),
  };
  return out;
}

// SetDefaults_Service: allocateLoadBalancerNodePorts is true unless given.
function lbDefaults(svc: Service, raw: Record<string, unknown>): Record<string, unknown> {
  const spec = (raw.spec ?? {}) as Record<string, unknown>;
  return svc.spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined
    ? { ...raw, spec: { ...spec, allocateLoadBalancerNodePorts: true } }
    : raw;
}

/**
 * Services validation refused, each read for allocation only (`allocationView`) and with its validation
 * message, and every Service sent, accepted or refused, in the order sent.
 */
export interface InvalidServices {
  order: readonly Service[];
  messages: ReadonlyMap<Service, string>;
}

// The API server allocates before it validates: the Service store's BeginCreate hook (beginCreate in
// pkg/registry/core/service/storage/storage.go, allocateCreate in alloc.go) runs before
// rest.BeforeCreate's Validate (Store.Create in staging/src/k8s.io/apiserver/pkg/registry/generic/
// registry/store.go), and the allocation is reverted when validation then refuses. So an invalid
// Service's own allocation error is the one it gets, and otherwise its validation error; what it
// reserved is given back at once, before the next Service asks.
function refusedAfterAllocation(a: Allocator, s: Service, message: string, existing?: string): Made {
  if (s.spec.type === 'ExternalName') return { message };
  const d = reserveRequested(a, s, existing);
  if ('message' in d) return d;
  release(a, d.held);
  return { message };
}

const ALLOCATION_FIELDS = [
  'type',
  'clusterIP',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'selector',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'allocateLoadBalancerNodePorts',
] as const;

const isText = (v: unknown): v is string => typeof v === 'string';
const textList = (v: unknown): string[] | undefined =>
  v === undefined || v === null ? [] : Array.isArray(v) && v.every(isText) ? v : undefined;

// The cluster's service CIDRs: one, IPv4 (kubeadm's default), which is also the default family.
const CLUSTER_FAMILIES = ['IPv4'] as const;

/**
 * initIPFamilyFields (alloc.go) on a Service manifest's spec, for this single-stack IPv4 cluster: the families and
 * policy allocation gives the Service, or the errors it refuses it with, before anything is allocated or validated.
 * Undefined for an ExternalName Service, which it skips, and where the fields do not decode (a number for an IP,
 * a list for the selector): the dry-run leaves those to validation's message.
 */
function allocationFamilies(spec: Obj): IPFamilyFields | undefined {
  const clusterIP = spec.clusterIP ?? '';
  const clusterIPs = textList(spec.clusterIPs);
  const ipFamilies = textList(spec.ipFamilies);
  const policy = spec.ipFamilyPolicy ?? undefined;
  const type = spec.type ?? 'ClusterIP';
  const selector = spec.selector ?? {};
  if (!isText(clusterIP) || !clusterIPs || !ipFamilies || !isText(type) || (policy !== undefined && !isText(policy)))
    return undefined;
  if (type === 'ExternalName' || !isObj(selector)) return undefined;
  const fields = { clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy: policy || undefined };
  const selectorless = !Object.keys(selector).length;
  return initIPFamilyFields({ ...fields, selectorless }, FieldPath.root('spec'), CLUSTER_FAMILIES);
}

const fieldErrors = (f: IPFamilyFields): string[] => f.problems.map((p) => problemAsFieldError(p, ''));

/**
 * A Service manifest validation refused, read for allocation alone: the fields allocation reads, its
 * ports with placeholder names. Where initIPFamilyFields (alloc.go) refuses its IP fields, its refusal,
 * which comes before anything else, with those errors alone, in its words and paths (`spec.clusterIPs[0]`,
 * as normalizeClusterIPs made the `clusterIP` the first of them). Undefined when other fields allocation
 * reads are invalid: the dry-run then gives the whole validation message.
 */
export function allocationView(manifest: Obj): Service | { message: string } | undefined {
  const meta = isObj(manifest.metadata) ? manifest.metadata : {};
  const spec = isObj(manifest.spec) ? manifest.spec : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const families = allocationFamilies(spec);
  if (families?.problems.length) return { message: invalidObject('Service', 'v1', name, fieldErrors(families)) };
  const kept = Object.fromEntries(ALLOCATION_FIELDS.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]]));
  const ports: unknown = Array.isArray(spec.ports)
    ? (spec.ports as unknown[]).map((p, i) =>
        isObj(p) ? { name: `p${i}`, port: p.port, protocol: p.protocol, nodePort: p.nodePort } : p,
      )
    : spec.ports;
  try {
    const [svc] = parseObjects([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'view', namespace: 'default' }, spec: { ...kept, ports } },
    ]).services;
    const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
    return { ...svc, metadata: { ...svc.metadata, name, namespace } };
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    return undefined;
  }
}

// Service.spec.ports: `patchStrategy:"merge" patchMergeKey:"port"` (core/v1 types.go). Merged on the
// port and its protocol, the list-map keys: on the port alone, the 53/UDP and 53/TCP of kube-dns would
// be one item, and which of them a given port lands on would depend on the patch's sort.
const SERVICE_LISTS: readonly MergeList[] = [
  { path: ['spec', 'ports'], key: (p) => `${String(p.port)}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}` },
];

// kubectl's warningNoLastAppliedConfigAnnotation (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go),
// printed before it patches an object created without `kubectl apply`.
const unannotated = (s: Service): string =>
  `${objectRef(s)}: resource services/${s.metadata.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// dropTypeDependentFields (PrepareForUpdate in pkg/registry/core/service/strategy.go): a Service changed to
// a type that needs no cluster IP (ExternalName) loses the IP fields the user left as they were, so the
// update is valid; updateClusterIPs in alloc.go then releases the old IP. Its other cases (node ports, the
// health-check node port, allocateLoadBalancerNodePorts, loadBalancerClass) start from a NodePort or
// LoadBalancer, which the cluster's own Services (system.ts) never are.
function withoutTypeDependentFields(old: Obj, spec: Obj): Obj {
  if (old.type === 'ExternalName' || spec.type !== 'ExternalName') return spec;
  const out = { ...spec };
  if (same(old.clusterIP, spec.clusterIP) && same(old.clusterIPs, spec.clusterIPs)) {
    delete out.clusterIP;
    delete out.clusterIPs;
  }
  if (same(old.ipFamilies, spec.ipFamilies)) delete out.ipFamilies;
  if (same(old.ipFamilyPolicy, spec.ipFamilyPolicy)) delete out.ipFamilyPolicy;
  return out;
}

/**
 * A given Service over the cluster's own of its name, as `kubectl apply` patches it (patch.ts): the
 * given fields merged over the live object's, which the API server then validates. Before that,
 * normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) makes a changed `clusterIP` given
 * without `clusterIPs` the first of them. ValidateServiceUpdate (pkg/apis/core/validation/validation.go)
 * gives validateUpgradeDowngradeClusterIPs's errors first (a changed first IP "may not change once
 * set"), then ValidateService's of the merged object.
 */
function updatedOwn(own: Service, given: Service): Service | { message: string } {
  const { clusterIPs, ipFamilies, ipFamilyPolicy } = own.spec;
  const live = { ...own.raw, spec: { ...(own.raw?.spec as Obj), clusterIPs, ipFamilies, ipFamilyPolicy } };
  const spec = (given.raw?.spec ?? {}) as Obj;
  const merged = appliedOver(live, given.raw ?? {}, SERVICE_LISTS);
  merged.spec = withoutTypeDependentFields(live.spec, merged.spec as Obj);
  if (typeof spec.clusterIP === 'string' && spec.clusterIPs === undefined)
    merged.spec = { ...(merged.spec as Obj), clusterIPs: [spec.clusterIP] };
  const ips = (merged.spec as Obj).clusterIPs;
  const [first] = own.spec.clusterIPs;
  const errors =
    first && Array.isArray(ips) && ips[0] !== first
      ? [invalidField('spec.clusterIPs[0]', ips, 'may not change once set')]
      : [];
  try {
    const svc = parseObjects([merged]).services[0];
    if (!errors.length) return svc;
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    errors.push(...e.problems.map((p) => problemAsFieldError(p, 'objects[0]')));
  }
  return { message: invalidObject('Service', 'v1', given.metadata.name, errors) };
}

/**
 * The Services as the API server creates them, each created or refused with the API server's message:
 * first the cluster's own (`own`), which exist before anything is applied, then the given ones, among
 * them those validation refused (`invalid`), which allocation sees first. A given Service named as one
 * of the cluster's own updates it (`updatedOwn`), and keeps its cluster IP.
 */
export function createServices(
  a: Allocator,
  own: readonly Service[],
  given: readonly Service[],
  invalid: ReadonlyMap<Service, string> = new Map(),
): Map<Service, Made> {
  const key = (s: Service) => `${s.metadata.namespace}/${s.metadata.name}`;
  const ownByKey = new Map(own.map((s) => [key(s), s]));
  const all = [...own, ...given];
  const drafts = all.map((s, i) => {
    const mine = i < own.length ? undefined : ownByKey.get(key(s));
    const ownIp = mine?.spec.clusterIPs[0];
    const message = invalid.get(s);
    if (message !== undefined) return refusedAfterAllocation(a, s, message, ownIp);
    const svc = mine ? updatedOwn(mine, s) : s;
    if ('message' in svc) return svc;
    if (svc.spec.type !== 'ExternalName') return reserveRequested(a, svc, ownIp);
    // updateClusterIPs in alloc.go: a Service turned ExternalName gives its cluster IP back.
    const held = ownIp === undefined ? undefined : ipv4Number(ownIp);
    if (held !== undefined) release(a, { ips: [held], ports: [] });
    return { service: created(svc, undefined, svc.spec.ports, undefined) };
  });
  return new Map(
    all.map((s, i) => {
      const d = drafts[i];
      const made = 'held' in d ? allocateRest(a, d) : d;
      const mine = i >= own.length && ownByKey.has(key(s));
      return [s, mine ? { ...made, warning: unannotated(s) } : made];
    }),
  );
}

/**
 * Records a Service that already exists (a snapshot's): its IP and node ports are taken, unchecked.
 * False, with nothing recorded, when its cluster IP or one of its node ports is already taken by one
 * recorded before: the allocators never give one twice, so no running cluster holds both, and the
 * caller creates it as a manifest instead, which the allocator refuses ("provided IP is already
 * allocated", "provided port is already allocated") as it would. One Service's TCP and UDP ports may
 * share a node port.
 */
export function observeService(a: Allocator, svc: Service): boolean {
  const ips = svc.spec.clusterIPs.flatMap((ip) => ipv4Number(ip) ?? []);
  const ports = new Set(svc.spec.ports.flatMap((p) => p.nodePort ?? []));
  if (svc.spec.healthCheckNodePort !== undefined) ports.add(svc.spec.healthCheckNodePort);
  if (ips.some((n) => a.ips.has(n)) || [...ports].some((p) => a.ports.has(p))) return false;
  for (const n of ips) a.ips.add(n);
  for (const p of ports) a.ports.add(p);
  return true;
}

/** A warning for each LoadBalancer Service: nothing on a kubeadm cluster gives it an external address. */
export function pendingLoadBalancers(services: Iterable<Service>): string[] {
  const out: string[] = [];
  for (const s of services)
    if (s.spec.type === 'LoadBalancer' && !s.status.loadBalancer.ingress.length)
      out.push(
        `${objectRef(s)}: EXTERNAL-IP stays <pending>: a kubeadm cluster runs no load-balancer controller, so status.loadBalancer stays {} until one (the cloud provider's cloud-controller-manager, or MetalLB on bare metal) assigns an address`,
      );
  return out;
}
