// Creating a Pod, from the API server's defaulting to its admission chain, as far as LimitRanges and
// ResourceQuotas decide it: LimitRanger fills defaults (mutating admission), the Pod is validated
// (requests within limits), LimitRanger checks its bounds, and ResourceQuota, the last validating
// plugin, charges the Pod to every quota it matches. The first refusal is the create's error, worded
// as the API server returns it (`pods "web" is forbidden: …`, `Pod "web" is invalid: …`).
import { quantitiesOf, type Cluster, type Container, type Pod, type ResourceList } from '../objects';
import { KubeknowError } from '../../errors';
import { add, cmp, formatQuantity, QuantityRangeError, ZERO, type Quantity } from '../quantity';
import { explain } from './explain';
import { aggregate, limitRangerDefaults, limitRangeViolations } from './limit-ranger';
import type { AdmissionResult, Quantities, QuotaLine, QuotaUsage, ResourceQuota } from './model';
import { admissionObjectsOf } from './read';
import { qosClass, type QosClass } from './resources';
import {
  constraintsError,
  exceededResources,
  matchingResources,
  podUsage,
  prettyPrint,
  quotaMatches,
  podTotals,
  usageOf,
  addPod,
  type PodTotals,
  type RunningTotals,
} from './quota';

/** How the API server names the Pod in its messages: by default its metadata.name. */
export interface AdmitOptions {
  /** A controller's Pod is admitted before its name is generated, so its messages name its
   * generateName (`pods "web-7d4b9c-" is forbidden: …`); give it here. */
  generateName?: string;
}

const forbidden = (name: string, message: string) => `pods "${name}" is forbidden: ${message}`;

const canonical = (list: ResourceList): ResourceList =>
  Object.fromEntries([...quantitiesOf(list)].map(([k, q]) => [k, formatQuantity(q)]));

// The Pod as the API server stores it: quantities printed canonically (Quantity.MarshalJSON prints
// String()), and the status a create sets whatever was sent (PrepareForCreate: Pending, and the QoS
// class of the Pod as mutating admission left it).
function stored(pod: Pod): Pod {
  const { spec, status } = storedSpec(pod);
  const out = { ...pod, spec, status: PENDING };
  if (pod.raw) out.raw = { ...pod.raw, status };
  return out;
}

// Shared by every Pod created (frozen: nothing changes a Pod in place), as the raw status is by the
// replicas of a spec: a dry-run's 5 000 Pods held 10 000 copies until they settled.
const PENDING: Pod['status'] = Object.freeze({
  phase: 'Pending',
  podIPs: Object.freeze([]) as unknown as string[],
  conditions: Object.freeze([]) as unknown as Pod['status']['conditions'],
});

// The replicas a controller creates from one template share its parsed spec (objects/pod.ts), so the
// spec as stored and its QoS class are worked out once per spec object, not once per Pod.
const storedSpecs = new WeakMap<Pod['spec'], { spec: Pod['spec']; status: { phase: string; qosClass: QosClass } }>();
function storedSpec(pod: Pod): { spec: Pod['spec']; status: { phase: string; qosClass: QosClass } } {
  const known = storedSpecs.get(pod.spec);
  if (known) return known;
  const each = (c: Container): Container => ({
    ...c,
    resources: { requests: canonical(c.resources.requests), limits: canonical(c.resources.limits) },
  });
  const spec = {
    ...pod.spec,
    containers: pod.spec.containers.map(each),
    initContainers: pod.spec.initContainers.map(each),
  };
  const out = { spec, status: Object.freeze({ phase: 'Pending', qosClass: qosClass({ ...pod, spec }) }) };
  storedSpecs.set(pod.spec, out);
  return out;
}

// ValidateResourceRequirements after mutation: a request above its limit makes the Pod invalid, which is
// how a LimitRange's default limit below a container's own request shows.
// Read once per stored spec, which a controller's replicas share (storedSpec).
const invalidBySpec = new WeakMap<Pod['spec'], readonly string[]>();
function invalidRequests(pod: Pod): readonly string[] {
  const known = invalidBySpec.get(pod.spec);
  if (known) return known;
  const errors: string[] = [];
  const check = (kind: string) => (c: Container, i: number) => {
    const [req, lim] = [quantitiesOf(c.resources.requests), quantitiesOf(c.resources.limits)];
    for (const name of [...req.keys()].sort()) {
      const limit = lim.get(name);
      if (limit && cmp(req.get(name)!, limit) > 0)
        errors.push(
          `spec.${kind}[${i}].resources.requests: Invalid value: "${formatQuantity(req.get(name)!)}": must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
        );
    }
  };
  pod.spec.containers.forEach(check('containers'));
  pod.spec.initContainers.forEach(check('initContainers'));
  invalidBySpec.set(pod.spec, errors);
  return errors;
}

const mask = (usage: Quantities, names: readonly string[]): Map<string, Quantity> =>
  new Map(names.filter((n) => usage.has(n)).map((n) => [n, usage.get(n)!]));

interface QuotaState {
  quota: ResourceQuota;
  tracked: string[];
  used: Map<string, Quantity>;
  matches: boolean;
}

function stateOf(q: ResourceQuota, pod: Pod, existing: PodTotals, created: PodTotals): QuotaState {
  const tracked = matchingResources(q.hard.keys());
  const used = new Map(q.used ? mask(q.used, tracked) : usageOf(q, existing));
  // Admitting each created Pod added its usage to status.used; a zero adds nothing, not even the key.
  for (const [k, v] of usageOf(q, created)) if (v.coefficient !== 0n) used.set(k, add(used.get(k) ?? ZERO, v));
  return { quota: q, tracked, used, matches: quotaMatches(q, pod) };
}

/** CheckRequest: the first refusal of the quotas, or undefined when the Pod is charged to all it matches. */
function quotaRefusal(states: readonly QuotaState[], pod: Pod): string | undefined {
  const matching = states.filter((x) => x.matches);
  // Without a quota to charge (a namespace without quotas: most of a dry-run's Pods), the Pod's usage is not summed.
  if (!matching.length) return undefined;
  for (const s of matching) {
    const constraint = constraintsError(s.tracked, pod);
    if (constraint) return `failed quota: ${s.quota.name}: ${constraint}`;
    const unknown = s.tracked.filter((r) => !s.used.has(r));
    if (unknown.length) return `status unknown for quota: ${s.quota.name}, resources: ${unknown.sort().join(',')}`;
  }
  const usage = podUsage(pod);
  for (const s of matching) {
    const requested = mask(usage, s.tracked);
    for (const [k, v] of requested) if (v.coefficient === 0n) requested.delete(k);
    const after = new Map([...requested].map(([k, v]) => [k, add(s.used.get(k) ?? ZERO, v)]));
    const exceeded = exceededResources(after, s.quota.hard, requested.keys());
    if (exceeded.length)
      return `exceeded quota: ${s.quota.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(s.used, exceeded)}, limited: ${prettyPrint(s.quota.hard, exceeded)}`;
  }
  return undefined;
}

function quotaUsage(s: QuotaState, pod: Pod, admitted: boolean): QuotaUsage {
  const usage = s.matches ? podUsage(pod) : new Map<string, Quantity>();
  const resources = s.tracked.map((r): QuotaLine => {
    const before = s.used.get(r) ?? ZERO;
    const requested = usage.get(r) ?? ZERO;
    const total = add(before, requested);
    return {
      resource: r,
      hard: formatQuantity(s.quota.hard.get(r)!),
      usedBefore: formatQuantity(before),
      requested: formatQuantity(requested),
      usedAfter: formatQuantity(admitted ? total : before),
      exceeded: cmp(total, s.quota.hard.get(r)!) > 0,
    };
  });
  return {
    name: s.quota.name,
    namespace: s.quota.namespace,
    scopes: s.quota.scopes.map(
      (x) => `${x.scopeName} ${x.operator}${x.values.length ? ` [${x.values.join(', ')}]` : ''}`,
    ),
    matches: s.matches,
    usedFrom: s.quota.used ? 'status' : 'pods',
    resources,
  };
}

/**
 * What creating `pod` in its namespace does, given the cluster's LimitRanges, ResourceQuotas and Pods
 * of that namespace (`cluster`; other namespaces and the Pod itself, by name, are ignored) and the Pods
 * created before it in the same run (`createdSoFar`, charged to quotas like existing ones, in place of a
 * given Pod of the same name).
 * Throws KubeknowError (FIELD_*) when a LimitRange or ResourceQuota of the namespace is itself invalid.
 */
export function admissionFor(
  pod: Pod,
  cluster: Cluster,
  createdSoFar: readonly Pod[] = [],
  options: AdmitOptions = {},
): AdmissionResult {
  return guarded(() => {
    const { result, states, limitRanges, refusedBy } = decision(pod, cluster, createdSoFar, options);
    const full = { ...result, quota: states.map((s) => quotaUsage(s, result.pod, result.allowed)) };
    return { ...full, explanation: explain(full, { limitRanges, refusedBy }) };
  });
}

// Kubernetes would write the whole sum out (inf.Dec aligns scales digit by digit) and stall; the
// kernel's arithmetic refuses past a bound, and the answer says so about the input as a whole.
function guarded<T>(decide: () => T): T {
  try {
    return decide();
  } catch (e) {
    if (e instanceof QuantityRangeError)
      throw new KubeknowError([
        { code: 'FIELD_INVALID', path: '', message: `the quantities cannot be added up: ${e.message}` },
      ]);
    throw e;
  }
}

// The Pods created so far, summed per namespace as the list grows. The dry-run admits a run's Pods one
// by one, each time with the same list of those admitted before, one longer (cluster/admission.ts appends
// to it): each call adds the Pods appended since the last, where summing the whole list again made 5 000
// Pods under a quota 12.5 million additions. A list that is not the one seen last, grown, is summed anew.
interface CreatedSoFar {
  seen: number;
  last: Pod | undefined;
  byNamespace: Map<string, { totals: RunningTotals; names: Set<string> }>;
}
const createdTotals = new WeakMap<readonly Pod[], CreatedSoFar>();
function createdIn(createdSoFar: readonly Pod[], ns: string): { totals: RunningTotals; names: Set<string> } {
  let known = createdTotals.get(createdSoFar);
  if (!known || known.seen > createdSoFar.length || (known.seen && createdSoFar[known.seen - 1] !== known.last)) {
    known = { seen: 0, last: undefined, byNamespace: new Map() };
    createdTotals.set(createdSoFar, known);
  }
  for (; known.seen < createdSoFar.length; known.seen++) {
    const p = createdSoFar[known.seen];
    const m = p.metadata.namespace;
    const sums =
      known.byNamespace.get(m) ?? known.byNamespace.set(m, { totals: podTotals([]), names: new Set() }).get(m)!;
    addPod(sums.totals, p);
    sums.names.add(p.metadata.name);
    known.last = p;
  }
  return known.byNamespace.get(ns) ?? { totals: podTotals([]), names: new Set() };
}

// The Pods given in each namespace of a cluster, gathered once, with the totals of those last counted:
// the same Pods count for every Pod admitted until a created one takes a given one's name.
interface Given {
  pods: Pod[];
  counted?: { pods: Pod[]; totals: PodTotals };
}
const givenPods = new WeakMap<Cluster, Map<string, Given>>();
function givenIn(cluster: Cluster, ns: string): Given {
  let known = givenPods.get(cluster);
  if (!known) {
    known = new Map();
    for (const p of cluster.pods) {
      const m = p.metadata.namespace;
      (known.get(m) ?? known.set(m, { pods: [] }).get(m)!).pods.push(p);
    }
    givenPods.set(cluster, known);
  }
  return known.get(ns) ?? { pods: [] };
}

function existingTotals(given: Given, counted: (p: Pod) => boolean): PodTotals {
  const pods = given.pods.filter(counted);
  const last = given.counted;
  if (last && last.pods.length === pods.length && last.pods.every((p, i) => p === pods[i])) return last.totals;
  given.counted = { pods, totals: podTotals(pods) };
  return given.counted.totals;
}

// The namespace's usage is summed only when a quota reads it: without quotas, a dry-run's thousands of
// Pods are admitted one by one without adding up every Pod before each.
function quotaStates(
  quotas: readonly ResourceQuota[],
  pod: Pod,
  cluster: Cluster,
  createdSoFar: readonly Pod[],
): QuotaState[] {
  const ns = pod.metadata.namespace;
  const created = createdIn(createdSoFar, ns);
  // A Pod is counted once: a created Pod stands for a given one of its name, and the Pod being created for none.
  const name = pod.metadata.name;
  const existing = existingTotals(
    givenIn(cluster, ns),
    (p) => p.metadata.name !== name && !created.names.has(p.metadata.name),
  );
  return quotas.map((q) => stateOf(q, pod, existing, created.totals));
}

// A namespace's LimitRanges and ResourceQuotas, read once per cluster: the dry-run admits every Pod of
// a namespace against the same cluster of its objects (admission/seam.ts), thousands of Pods each
// filtering the namespace's objects again.
const namespaceObjects = new WeakMap<Cluster, Map<string, ReturnType<typeof admissionObjectsOf>>>();
function objectsIn(cluster: Cluster, ns: string): ReturnType<typeof admissionObjectsOf> {
  const known = namespaceObjects.get(cluster) ?? namespaceObjects.set(cluster, new Map()).get(cluster)!;
  const read = known.get(ns) ?? admissionObjectsOf(cluster, ns);
  known.set(ns, read);
  return read;
}

// The decision alone: the dry-run's thousands of Pods need neither the quota lines nor the explanation.
function decision(pod: Pod, cluster: Cluster, createdSoFar: readonly Pod[], options: AdmitOptions) {
  const ns = pod.metadata.namespace;
  const { limitRanges, quotas } = objectsIn(cluster, ns);
  const { pod: defaulted, filled } = limitRangerDefaults(pod, limitRanges);
  const admitted = stored(defaulted);
  const name = options.generateName ?? pod.metadata.name;
  const invalid = invalidRequests(admitted);
  let message = invalid.length ? `Pod "${name}" is invalid: ${aggregate(invalid)}` : undefined;
  let refusedBy: string | undefined = message ? 'validation' : undefined;
  for (const lr of message ? [] : limitRanges) {
    const violations = limitRangeViolations(admitted, lr);
    if (!violations.length) continue;
    [message, refusedBy] = [forbidden(name, aggregate(violations)), `LimitRange/${lr.name}`];
    break;
  }
  const states = quotas.length ? quotaStates(quotas, admitted, cluster, createdSoFar) : [];
  if (!message) {
    const refusal = quotaRefusal(states, admitted);
    if (refusal) [message, refusedBy] = [forbidden(name, refusal), 'ResourceQuota'];
  }
  const result = { allowed: !message, pod: admitted, messages: message ? [message] : [], defaults: filled };
  return { result, states, limitRanges, refusedBy };
}

/**
 * The admission stage of a dry-run: the Pod as created (LimitRanger defaults filled), or the API
 * server's message refusing it, which a controller reports as its FailedCreate event. `cluster` holds
 * the namespace's LimitRanges, ResourceQuotas and Pods; `createdSoFar` the Pods created earlier in the run.
 */
export function admitPod(
  pod: Pod,
  cluster: Cluster,
  createdSoFar: readonly Pod[] = [],
  options: AdmitOptions = {},
): { pod: Pod } | { message: string } {
  const { result } = guarded(() => decision(pod, cluster, createdSoFar, options));
  return result.allowed ? { pod: result.pod } : { message: result.messages[0] };
}
