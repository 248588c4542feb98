// A Pod's effective resource request, as resourcehelper.PodRequests computes it
// (k8s.io/component-helpers/resource/helpers.go), and the scheduler's int64 view of it (framework.Resource):
// app containers and sidecars (restartable init containers) run together and add up; each other init
// container runs alone, beside the sidecars started before it; the Pod needs the larger of the two, plus
// its overhead. Sums are exact quantities; values are taken at the end (MilliValue for cpu, Value else)
// and kept as JavaScript numbers: exact up to 2^53 (9 PB of memory, 9 billion cores), beyond which
// kube-scheduler's int64 sums would themselves saturate or wrap.
import { add, cmp, milliValue, parseQuantity, value, type Quantity } from '../../quantity';
import type { Container, Pod, ResourceList } from '../../objects';

/** framework.Resource: cpu in millicores, the rest in their units; scalar resources by name. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: ReadonlyMap<string, number>;
}

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest: what scoring counts for a container that requests none. */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

type Quantities = Map<string, Quantity>;

// Each distinct text is parsed once per process; a Quantity is immutable, so sharing it changes nothing.
const parsed = new Map<string, Quantity>();
function quantity(text: string): Quantity {
  let q = parsed.get(text);
  if (!q) {
    q = parseQuantity(text);
    if (parsed.size < 10000) parsed.set(text, q);
  }
  return q;
}

function listOf(list: ResourceList): Quantities {
  return new Map(Object.entries(list).map(([k, text]) => [k, quantity(text)]));
}

function addInto(to: Quantities, from: ReadonlyMap<string, Quantity>): void {
  for (const [k, q] of from) to.set(k, to.has(k) ? add(to.get(k)!, q) : q);
}

function maxInto(to: Quantities, from: ReadonlyMap<string, Quantity>): void {
  for (const [k, q] of from) if (!to.has(k) || cmp(q, to.get(k)!) > 0) to.set(k, q);
}

// applyNonMissing: a container that requests no cpu (or memory) counts the default, for scoring only.
function requestsOf(c: Container, nonMissing: boolean): Quantities {
  const reqs = listOf(c.resources.requests);
  if (nonMissing) {
    if (!reqs.has('cpu')) reqs.set('cpu', quantity('100m'));
    if (!reqs.has('memory')) reqs.set('memory', quantity(String(DEFAULT_MEMORY)));
  }
  return reqs;
}

/** AggregateContainerRequests then PodRequests: pod-level requests (cpu, memory) replace the sum, overhead adds. */
export function podRequests(pod: Pod, nonMissing = false): Quantities {
  const reqs: Quantities = new Map();
  for (const c of pod.spec.containers) addInto(reqs, requestsOf(c, nonMissing));
  const sidecars: Quantities = new Map();
  const initPeak: Quantities = new Map();
  for (const c of pod.spec.initContainers) {
    const own = requestsOf(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const during: Quantities = new Map(own);
      addInto(during, sidecars);
      maxInto(initPeak, during);
    }
  }
  maxInto(reqs, initPeak);
  const podLevel = pod.spec.resources?.requests ?? {};
  if ('cpu' in podLevel || 'memory' in podLevel)
    for (const k of ['cpu', 'memory']) if (k in podLevel) reqs.set(k, quantity(podLevel[k]));
  if (pod.spec.overhead) addInto(reqs, listOf(pod.spec.overhead));
  return reqs;
}

/** schedutil.IsScalarResourceName: extended and prefixed resources, hugepages, attachable volumes. */
export const isScalarResource = (name: string): boolean =>
  name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');

/** framework.Resource.Add of a resource list: names it does not know (no slash, not native) are not counted. */
export function resourcesOf(list: ReadonlyMap<string, Quantity>): Resources & { pods: number } {
  const scalar = new Map<string, number>();
  let milliCPU = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  let pods = 0;
  for (const [name, q] of list) {
    if (name === 'cpu') milliCPU = Number(milliValue(q));
    else if (name === 'memory') memory = Number(value(q));
    else if (name === 'ephemeral-storage') ephemeralStorage = Number(value(q));
    else if (name === 'pods') pods = Number(value(q));
    else if (isScalarResource(name)) scalar.set(name, Number(value(q)));
  }
  return { milliCPU, memory, ephemeralStorage, scalar, pods };
}

/** A node's allocatable resources and how many Pods it allows. */
export function allocatableOf(list: ResourceList): { resources: Resources; pods: number } {
  const { pods, ...resources } = resourcesOf(listOf(list));
  return { resources, pods };
}

/** The sum (sign 1) or difference (sign -1) of two Resources. */
export function combine(a: Resources, b: Resources, sign: 1 | -1): Resources {
  const scalar = new Map(a.scalar);
  for (const [k, v] of b.scalar) scalar.set(k, (scalar.get(k) ?? 0) + sign * v);
  return {
    milliCPU: a.milliCPU + sign * b.milliCPU,
    memory: a.memory + sign * b.memory,
    ephemeralStorage: a.ephemeralStorage + sign * b.ephemeralStorage,
    scalar,
  };
}

/** The requests as the scheduler counts them: exact, and with scoring's defaults for containers without any. */
export function podResources(pod: Pod): { requests: Resources; nonZero: { milliCPU: number; memory: number } } {
  const { pods: _pods, ...requests } = resourcesOf(podRequests(pod));
  const nonZero = resourcesOf(podRequests(pod, true));
  return { requests, nonZero: { milliCPU: nonZero.milliCPU, memory: nonZero.memory } };
}

/** A quantity in scheduler units, printed as people read it: `250m` cpu, `128Mi` memory. */
export function formatAmount(name: string, n: number): string {
  if (name === 'cpu') return n % 1000 === 0 ? `${n / 1000}` : `${n}m`;
  if (name === 'memory' || name === 'ephemeral-storage') {
    for (const [unit, size] of [
      ['Gi', 1024 ** 3],
      ['Mi', 1024 ** 2],
      ['Ki', 1024],
    ] as const)
      if (n !== 0 && n % size === 0) return `${n / size}${unit}`;
  }
  return `${n}`;
}

/** floor(a × b / c) for non-negative integers, exact while a × b stays below 2^53 (Go's int64 a*b/c). */
export function mulDiv(a: number, b: number, c: number): number {
  let q = Math.floor((a * b) / c);
  // A float quotient just under an integer may round up to it; step back while q × c overshoots.
  while (q > 0 && q * c > a * b) q--;
  return q;
}
