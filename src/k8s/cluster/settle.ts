// The dry-run: manifests in, the state the cluster settles into out, stage by stage in the order the
// control plane runs them — the API server (defaulting, validation, Service allocation), the
// controllers, admission, the scheduler, the kubelet. Objects the stages refuse are left out and
// reported; nothing given is changed in place.
//
// Two readings of the input: `apply` treats every object as a create request (what `kubectl apply -f`
// does to an empty cluster: status is dropped, requested IPs and ports are checked), `observe` treats
// objects that already carry what the control plane fills (a clusterIP, a Pod status) as a snapshot of
// a running cluster and leaves them exactly as they are, settling only what is missing.
import type { Cluster, Node, OtherObject, Pod, Service } from '../objects';
import { KubeknowError } from '../../errors';
import { clusterOf, DEFAULT_MANIFEST_LIMITS, parseObjects } from '../objects';
import { subnet, ipv4Cidr } from './cidr';
import type { ClusterConfig } from './config';
import { runControllers, step } from './controllers';
import { PodIPs, runPod } from './kubelet';
import { emptyLog, objectRef, type AnyObject, type StageLog } from './model';
import { checkBounds } from './bounds';
import { schedulePods } from './scheduler';
import { admitClaimInDryRun, admitInDryRun } from '../admission';
import { admitted } from './admission';
import type { Admit, AdmitClaim } from './seams';
import { allocatorFor } from './allocator';
import { createServices, observeService, pendingLoadBalancers, type InvalidServices } from './services';
import { defaultNodes, systemObjects, systemServiceIPs } from './system';
import { unknownKind } from './kinds';
import { readWorkload, WORKLOAD_KINDS, type Workload } from './workloads';
import { explainWaits, inCreationOrder, orderedReadyCaps, type OrdinalCaps } from './ordered-ready';
import { workloadStatus } from './status';
import { invalidObject, problemAsFieldError } from './messages';
import { withGeneration } from './generation';

export type SettleMode = 'apply' | 'observe';

export interface SettleOptions {
  mode: SettleMode;
  admit?: Admit;
  admitClaim?: AdmitClaim;
  /** Services validation refused, which the API server still allocates for first (services.ts). */
  invalidServices?: InvalidServices;
}

/** The settled cluster and what the stages reported. */
export interface Settled {
  cluster: Cluster;
  /** Objects the cluster has of its own (namespaces, `kubernetes`, `kube-dns`, made-up Nodes). */
  system: ReadonlySet<AnyObject>;
  /** Objects the controllers created (ReplicaSets, Pods). */
  created: ReadonlySet<AnyObject>;
  log: StageLog;
}

const hasStatus = (o: AnyObject): boolean => o.raw?.status !== undefined && o.raw.status !== null;

// apply: the API server's PrepareForCreate resets a new Pod's status.
const fresh = (pod: Pod): Pod => ({ ...pod, status: { phase: 'Pending', podIPs: [], conditions: [] } });

function apiServer(input: Cluster, config: ClusterConfig, mode: SettleMode, log: StageLog, invalid?: InvalidServices) {
  const allocator = allocatorFor(config);
  // A snapshot's Services keep what they hold; one asking for a cluster IP or node port an earlier one holds is created
  // as a manifest is, and refused by the allocator (two Services with one clusterIP were both published).
  const observed = new Set<Service>(
    mode === 'observe'
      ? input.services.filter(
          (s) => (s.spec.clusterIPs.length || s.spec.type === 'ExternalName') && observeService(allocator, s),
        )
      : [],
  );
  const system = systemObjects(config, input, observed, systemServiceIPs(config, allocator.ips));
  const given = (invalid?.order ?? input.services).filter((s) => !observed.has(s));
  const made = createServices(allocator, system.services, given, invalid?.messages);
  const services = new Map<Service, Service>();
  for (const s of given) {
    const m = made.get(s)!;
    if (m.warning) log.warnings.push(m.warning);
    if ('message' in m) log.rejected.push({ object: objectRef(s), message: m.message });
    else services.set(s, m.service);
  }
  // A given `kubernetes` or `kube-dns` the API server accepted updates the cluster's own.
  const updated = new Set([...services.keys()].map(objectRef));
  const systemServices = system.services.flatMap((s) => {
    const m = made.get(s)!;
    return updated.has(objectRef(s)) ? [] : ['service' in m ? m.service : s];
  });
  log.warnings.push(...pendingLoadBalancers(services.values()));
  log.steps.push(
    step(
      'apiserver',
      '',
      `The API server defaulted and validated every object and allocated Service cluster IPs from ${config.serviceCIDR.text} and node ports from ${config.nodePortRange.text}.`,
      `API 서버가 모든 객체에 기본값을 채우고 검증했으며, Service의 cluster IP를 ${config.serviceCIDR.text}에서, 노드 포트를 ${config.nodePortRange.text}에서 할당했다.`,
    ),
  );
  return { services, observed, system: clusterOf([...system.namespaces, ...systemServices, ...system.endpointSlices]) };
}

function workloadsOf(
  others: readonly OtherObject[],
  log: StageLog,
): { workloads: Workload[]; kept: Map<OtherObject, OtherObject> } {
  const workloads: Workload[] = [];
  const kept = new Map<OtherObject, OtherObject>();
  for (const o of others) {
    const unknown = unknownKind(o);
    if (unknown) {
      log.rejected.push({ object: objectRef(o), message: unknown });
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, o.kind)) {
      kept.set(o, o);
      continue;
    }
    const w = readWorkload(o);
    if ('message' in w) log.rejected.push({ object: objectRef(o), message: w.message });
    else {
      workloads.push(w);
      kept.set(o, w.object);
    }
  }
  return { workloads, kept };
}

// kube-controller-manager's node IPAM: each Node without a pod CIDR gets the next free /24.
function withPodCIDRs(nodes: readonly Node[], config: ClusterConfig): Node[] {
  const used = new Set(nodes.flatMap((n) => n.spec.podCIDRs.map((c) => ipv4Cidr(c)?.text)));
  let i = 0;
  return nodes.map((n) => {
    if (n.spec.podCIDRs.length) return n;
    let cidr = subnet(config.podCIDR, 24, i++);
    while (cidr && used.has(cidr.text)) cidr = subnet(config.podCIDR, 24, i++);
    return cidr ? { ...n, spec: { ...n.spec, podCIDRs: [cidr.text] } } : n;
  });
}

// A controller adopts a Pod that already has the name it would give (the StatefulSet controller finds
// web-0 there), so a given Pod stands for the one the controller would create.
function createdPods(pods: Record<string, unknown>[], taken: ReadonlySet<string>, log: StageLog): Pod[] {
  const fresh = pods.filter((p) => {
    const m = p.metadata as { name: string; namespace: string };
    return !taken.has(`Pod/${m.namespace}/${m.name}`);
  });
  const read = replicasRead(fresh);
  if (read) return read;
  if (fresh.length > DEFAULT_MANIFEST_LIMITS.maxObjects) return parseObjects(fresh, 'created').pods;
  try {
    return parseObjects(fresh, 'created').pods;
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    return fresh.flatMap((raw) => podOrFailedCreate(raw, log));
  }
}

// A Pod the API server refuses is one its controller fails to create, not a fault of the request (a
// StatefulSet name of 60 characters makes a controller-revision-hash label past 63): the controller
// records FailedCreate on its owner with the API server's message, in place of the create it
// announced — `create Pod … in StatefulSet … failed error: …` (recordPodEvent, stateful_pod_control.go),
// `Error creating: …` for the others (createPods, pkg/controller/controller_utils.go).
function podOrFailedCreate(raw: Record<string, unknown>, log: StageLog): Pod[] {
  try {
    return parseObjects([raw], 'created').pods;
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    const meta = raw.metadata as { name: string; namespace: string; ownerReferences: { kind: string; name: string }[] };
    const [owner] = meta.ownerReferences;
    const ref = objectRef({ kind: owner.kind, metadata: { namespace: meta.namespace, name: owner.name } });
    const refusal = invalidObject(
      'Pod',
      'v1',
      meta.name,
      e.problems.map((p) => problemAsFieldError(p, 'created[0]')),
    );
    const failed = {
      object: ref,
      type: 'Warning' as const,
      reason: 'FailedCreate',
      message:
        owner.kind === 'StatefulSet'
          ? `create Pod ${meta.name} in StatefulSet ${owner.name} failed error: ${refusal}`
          : `Error creating: ${refusal}`,
    };
    const announced = log.events.findIndex(
      (ev) =>
        ev.object === ref &&
        ev.reason === 'SuccessfulCreate' &&
        (ev.message === `Created pod: ${meta.name}` || ev.message.startsWith(`create Pod ${meta.name} in `)),
    );
    if (announced >= 0) log.events[announced] = failed;
    else log.events.push(failed);
    return [];
  }
}

type Manifest = Record<string, unknown> & { metadata: Record<string, unknown> & { name: string } };

// A ReplicaSet's Pods are one manifest under as many names (controllers.ts shares the template's spec,
// labels and owner references between them): the first is read and validated, the others differ only
// in a name of the same length from the same alphabet, which the API server's checks treat alike. So
// the others are copies of the first under their own names, without reading each again (a 5 000-Pod
// dry-run spent a tenth of its time there). Undefined, for parseObjects to read every one and report
// as it does, when the first of a group is refused, a name is repeated, or the Pods are too many.
function replicasRead(manifests: Record<string, unknown>[]): Pod[] | undefined {
  if (manifests.length > DEFAULT_MANIFEST_LIMITS.maxObjects) return undefined;
  const heads: Record<string, unknown>[] = [];
  const headOf: number[] = [];
  const names = new Set<string>();
  for (const raw of manifests) {
    const m = raw as Manifest;
    const ref = `${String(m.metadata.namespace)}/${m.metadata.name}`;
    if (names.has(ref)) return undefined;
    names.add(ref);
    const head = heads.length ? (heads[heads.length - 1] as Manifest) : undefined;
    if (head && sameReplica(head, m)) headOf.push(heads.length - 1);
    else {
      heads.push(raw);
      headOf.push(heads.length - 1);
    }
  }
  let read: Pod[];
  try {
    read = parseObjects(heads, 'created').pods;
  } catch (e) {
    if (e instanceof KubeknowError) return undefined;
    throw e;
  }
  return manifests.map((raw, i) => {
    const head = read[headOf[i]];
    if (head.raw === raw) return head;
    // The copy shares the first's labels, annotations, owner references and status: the kernel never
    // changes an object in place, and 5 000 replicas' own copies were 25 000 objects for the collector.
    return { ...head, metadata: { ...head.metadata, name: (raw as Manifest).metadata.name }, raw };
  });
}

// Whether `m` is `head` under another name: the same objects for everything but the name, a name as long.
function sameReplica(head: Manifest, m: Manifest): boolean {
  const [a, b] = [head.metadata, m.metadata];
  const keys = Object.keys(m);
  const metaKeys = Object.keys(b);
  return (
    keys.length === Object.keys(head).length &&
    keys.every((k) => k === 'metadata' || m[k] === head[k]) &&
    metaKeys.length === Object.keys(a).length &&
    metaKeys.every((k) => k === 'name' || b[k] === a[k]) &&
    typeof b.name === 'string' &&
    typeof a.name === 'string' &&
    b.name.length === a.name.length &&
    sameStem(a.name, b.name)
  );
}

const SUFFIX = /^[a-z0-9]+$/;

// Both names are `<stem>-<suffix>` with the same stem and a suffix of lower-case letters and digits.
function sameStem(a: string, b: string): boolean {
  const dash = a.lastIndexOf('-');
  return (
    dash > 0 &&
    b.lastIndexOf('-') === dash &&
    b.startsWith(a.slice(0, dash)) &&
    SUFFIX.test(b.slice(dash + 1)) &&
    SUFFIX.test(a.slice(dash + 1))
  );
}

/** The cluster the objects settle into. */
export function settle(input: Cluster, config: ClusterConfig, options: SettleOptions): Settled {
  let caps: OrdinalCaps = new Map();
  for (;;) {
    const settled = settleOnce(input, config, options, caps);
    const more = orderedReadyCaps(settled.cluster, input.statefulSets, caps);
    if (!more) {
      explainWaits(caps, input.statefulSets, settled.log);
      settled.log.events = inCreationOrder(settled.log.events, input.statefulSets);
      return settled;
    }
    caps = more;
  }
}

function settleOnce(input: Cluster, config: ClusterConfig, options: SettleOptions, caps: OrdinalCaps): Settled {
  const log = emptyLog();
  const api = apiServer(input, config, options.mode, log, options.invalidServices);
  const { workloads, kept } = workloadsOf(input.others, log);
  const givenNodes = input.nodes.length ? input.nodes : [];
  const madeNodes = givenNodes.length ? [] : defaultNodes(config);
  const nodes = withPodCIDRs([...givenNodes, ...madeNodes], config);
  const nodeOf = new Map(nodes.map((n) => [n.metadata.name, n]));
  const base = clusterOf([
    ...input.objects.map((o) => (o.kind === 'Service' ? (api.services.get(o) ?? o) : o)),
    ...api.system.objects,
  ]);
  checkBounds(workloads, input.statefulSets, input.pods.length, nodes);
  const created = runControllers(workloads, input.statefulSets, nodes, log, caps);
  const needs = (p: Pod) => options.mode === 'apply' || !hasStatus(p);
  const givenPods = input.pods.map((p) => (options.mode === 'apply' && hasStatus(p) ? fresh(p) : p));
  const newPods = createdPods(created.pods, new Set(givenPods.map(objectRef)), log);
  const everything: AnyObject[] = [...base.objects, ...input.others];
  const admission = admitted(
    [...givenPods.filter(needs), ...newPods],
    {
      all: everything,
      statefulSets: input.statefulSets,
      claims: created.claims,
      admit: options.admit ?? admitInDryRun,
      admitClaim: options.admitClaim ?? admitClaimInDryRun,
    },
    log,
  );
  const running = givenPods.filter((p) => !needs(p));
  // The scheduler's volume plugins read the claims the StatefulSets created.
  const scheduling = admission.claims.length ? clusterOf([...base.objects, ...admission.claims]) : base;
  const placed = [
    ...running,
    ...schedulePods(admission.pods, running, nodes, scheduling, log, [...input.others, ...created.objects]),
  ];
  const ips = new PodIPs(nodeOf);
  for (const p of placed) for (const ip of p.status.podIPs) ips.take(ip);
  const byName = new Map(placed.map((p) => [objectRef(p), p]));
  const settled = (p: Pod) => {
    const q = byName.get(objectRef(p));
    return q && needs(p) ? runPod(q, nodeOf, ips, log) : q;
  };
  const rejectedPods = new Set(log.rejected.map((r) => r.object));
  const objects: AnyObject[] = [];
  for (const o of input.objects) {
    if (o.kind === 'Service') {
      const s = api.observed.has(o) ? o : api.services.get(o);
      if (s) objects.push(s);
    } else if (o.kind === 'Pod') {
      const p = rejectedPods.has(objectRef(o)) ? undefined : settled(givenPods[input.pods.indexOf(o)]);
      if (p) objects.push(p);
    } else if (o.kind === 'Node') objects.push(nodeOf.get(o.metadata.name) ?? o);
    else objects.push(o);
  }
  for (const o of input.others) if (kept.has(o)) objects.push(kept.get(o)!);
  // Where the objects the run made sit in `objects`, to find them again once their status is written.
  const made: number[] = [];
  for (const o of [...created.objects, ...admission.claims]) made.push(objects.push(o) - 1);
  for (const p of newPods) {
    const s = rejectedPods.has(objectRef(p)) ? undefined : settled(p);
    if (s) made.push(objects.push(s) - 1);
  }
  const system = new Set<AnyObject>([...api.system.objects, ...madeNodes.map((n) => nodeOf.get(n.metadata.name)!)]);
  objects.push(...system);
  // The workloads the controllers ran (apply: all; observe: those given without a status) report their Pods.
  const ran = new Set<AnyObject>([
    ...created.objects,
    ...[...kept.values(), ...input.statefulSets].filter((o) => options.mode === 'apply' || !hasStatus(o)),
  ]);
  // What the run created (apply: everything given too) starts at generation 1; a snapshot's objects keep theirs.
  const statused = workloadStatus(objects, ran, log, created.daemonNodes).map((o, i) =>
    options.mode === 'apply' || !hasStatus(objects[i]) ? withGeneration(o) : o,
  );
  return { cluster: clusterOf(statused), system, created: new Set(made.map((i) => statused[i])), log };
}
