// A Pod's effective resource request, as resourcehelper.PodRequests computes it
// (k8s.io/component-helpers/resource/helpers.go), and the scheduler's int64 view of it (framework.Resource):
// app containers and sidecars (restartable init containers) run together and add up; each other init
// container runs alone, beside the sidecars started before it; the Pod needs the larger of the two, plus
// its overhead. Sums are exact quantities; values are taken at the end (MilliValue for cpu, Value else)
// and kept as JavaScript numbers: exact up to 2^53 (9 PB of memory, 9 billion cores), beyond which
// kube-scheduler's int64 sums would themselves saturate or wrap.
import { add, cmp, milliValue, parseQuantity, value, type Quantity } from '../../quantity';
import { quantitiesOf, type Pod, type ResourceList } from '../../objects';
import { plainUnits, remember, requestUnits, wholeUnit } from './units';

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

/** Amounts PodRequests can add and compare: exact quantities, or whole numbers of the scheduler's units. */
interface Amounts<T> {
  read(list: ResourceList): ReadonlyMap<string, T>;
  add(a: T, b: T): T;
  greater(a: T, b: T): boolean;
  defaults: { cpu: T; memory: T };
}

const QUANTITIES: Amounts<Quantity> = {
  read: quantitiesOf,
  add,
  greater: (a, b) => cmp(a, b) > 0,
  defaults: { cpu: parseQuantity(`${DEFAULT_MILLI_CPU}m`), memory: parseQuantity(String(DEFAULT_MEMORY)) },
};

// Sums and maxima of whole numbers of units are the units of the exact sums and maxima, so a Pod whose
// every amount is whole (millicores for cpu, units else) is added up in plain numbers, without the
// quantity arithmetic; any other Pod (0.5m cpu, 1.5 bytes) takes the exact path, which rounds once, at the end.
function numbers(units: ReadonlyMap<ResourceList, ReadonlyMap<string, number>>): Amounts<number> {
  return {
    read: (list) => units.get(list)!,
    add: (a, b) => a + b,
    greater: (a, b) => a > b,
    defaults: { cpu: DEFAULT_MILLI_CPU, memory: DEFAULT_MEMORY },
  };
}

/** A list's amounts in scheduler units when each is whole; else null. */
function wholeUnitsOf(list: ResourceList): ReadonlyMap<string, number> | null {
  const out = new Map<string, number>();
  for (const [name, q] of quantitiesOf(list)) {
    const n = wholeUnit(name, q);
    if (n === undefined) return null;
    out.set(name, n);
  }
  return out;
}

/** MilliValue for cpu, Value for every other resource: how framework.Resource reads a quantity. */
const scaledUnits = (name: string, q: Quantity): bigint => (name === 'cpu' ? milliValue(q) : value(q));

function addInto<T>(m: Amounts<T>, to: Map<string, T>, from: ReadonlyMap<string, T>): void {
  for (const [k, q] of from) {
    const had = to.get(k);
    to.set(k, had === undefined ? q : m.add(had, q));
  }
}

function maxInto<T>(m: Amounts<T>, to: Map<string, T>, from: ReadonlyMap<string, T>): void {
  for (const [k, q] of from) {
    const had = to.get(k);
    if (had === undefined || m.greater(q, had)) to.set(k, q);
  }
}

// applyNonMissing: a container that requests no cpu (or memory) counts the default, for scoring only.
function requestsOf<T>(m: Amounts<T>, list: ResourceList, nonMissing: boolean): ReadonlyMap<string, T> {
  const reqs = m.read(list);
  if (!nonMissing || (reqs.has('cpu') && reqs.has('memory'))) return reqs;
  const out = new Map(reqs);
  if (!out.has('cpu')) out.set('cpu', m.defaults.cpu);
  if (!out.has('memory')) out.set('memory', m.defaults.memory);
  return out;
}

/** AggregateContainerRequests then PodRequests: pod-level requests (cpu, memory) replace the sum, overhead adds. */
function podRequests<T>(m: Amounts<T>, pod: Pod, nonMissing: boolean): Map<string, T> {
  const reqs = new Map<string, T>();
  for (const c of pod.spec.containers) addInto(m, reqs, requestsOf(m, c.resources.requests, nonMissing));
  const sidecars = new Map<string, T>();
  const initPeak = new Map<string, T>();
  for (const c of pod.spec.initContainers) {
    const own = requestsOf(m, c.resources.requests, nonMissing);
    if (c.restartPolicy === 'Always') {
      addInto(m, reqs, own);
      addInto(m, sidecars, own);
      maxInto(m, initPeak, sidecars);
    } else {
      const during = new Map(own);
      addInto(m, during, sidecars);
      maxInto(m, initPeak, during);
    }
  }
  maxInto(m, reqs, initPeak);
  const podLevel = pod.spec.resources?.requests;
  if (podLevel && ('cpu' in podLevel || 'memory' in podLevel)) {
    const levels = m.read(podLevel);
    for (const k of ['cpu', 'memory']) if (levels.has(k)) reqs.set(k, levels.get(k)!);
  }
  if (pod.spec.overhead) addInto(m, reqs, m.read(pod.spec.overhead));
  return reqs;
}

/** Every resource list PodRequests reads. */
function listsOf(pod: Pod): ResourceList[] {
  const lists = [...pod.spec.containers, ...pod.spec.initContainers].map((c) => c.resources.requests);
  if (pod.spec.resources?.requests) lists.push(pod.spec.resources.requests);
  if (pod.spec.overhead) lists.push(pod.spec.overhead);
  return lists;
}

/** A Pod's requests in scheduler units: in plain numbers when every amount is whole, else exactly. */
function podUnits(pod: Pod, nonMissing: boolean, whole: Amounts<number> | null): ReadonlyMap<string, number> {
  if (whole) {
    const sums = podRequests(whole, pod, nonMissing);
    if ([...sums.values()].every(Number.isSafeInteger)) return sums;
  }
  const exact = podRequests(QUANTITIES, pod, nonMissing);
  return new Map([...exact].map(([k, q]) => [k, Number(scaledUnits(k, q))]));
}

/** schedutil.IsScalarResourceName: extended and prefixed resources, hugepages, attachable volumes. */
export const isScalarResource = (name: string): boolean =>
  name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');

// Shared by every Resources without scalar resources; a ReadonlyMap, never changed (a NodeInfo's sums
// replace it when a Pod brings one).
export const NO_SCALARS: ReadonlyMap<string, number> = new Map();

/** Amounts being added up by resourcesOf's rule. */
interface Tally {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar?: Map<string, number>;
}

/** framework.Resource.Add of one amount in its units: names it does not know (no slash, not native) are not counted. */
function count(t: Tally, name: string, n: number): void {
  if (name === 'cpu') t.milliCPU = n;
  else if (name === 'memory') t.memory = n;
  else if (name === 'ephemeral-storage') t.ephemeralStorage = n;
  else if (name === 'pods') t.pods = n;
  else if (isScalarResource(name)) (t.scalar ??= new Map()).set(name, n);
}

const tally = (): Tally => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0 });

/** framework.Resource.Add of amounts in its units. */
function resourcesOf(units: ReadonlyMap<string, number>): Resources & { pods: number } {
  const t = tally();
  for (const [name, n] of units) count(t, name, n);
  return { ...resourcesIn(t), pods: t.pods };
}

const resourcesIn = (t: Tally): Resources => ({
  milliCPU: t.milliCPU,
  memory: t.memory,
  ephemeralStorage: t.ephemeralStorage,
  scalar: t.scalar ?? NO_SCALARS,
});

// An allocatable amount's units by its text, for cpu and for the rest, as requestUnits keeps a request's:
// the Nodes of a cluster spell their allocatable with a few texts, and a snapshot reads thousands of them.
const ALLOCATABLE_CPU = new Map<string, number>();
const ALLOCATABLE_OTHER = new Map<string, number>();

function allocatableUnits(name: string, list: ResourceList): number {
  const text = list[name];
  const memo = name === 'cpu' ? ALLOCATABLE_CPU : ALLOCATABLE_OTHER;
  let n = memo.get(text);
  if (n === undefined) {
    n = plainUnits(name, text) ?? Number(scaledUnits(name, quantitiesOf(list).get(name)!));
    remember(memo, text, n);
  }
  return n;
}

/** A node's allocatable resources and how many Pods it allows, counted as resourcesOf counts, without a map per node. */
export function allocatableOf(list: ResourceList): { resources: Resources; pods: number } {
  const t = tally();
  for (const name in list) count(t, name, allocatableUnits(name, list));
  return { resources: resourcesIn(t), pods: t.pods };
}

export interface PodResources {
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
}

/**
 * The commonest Pod — app containers only, every amount whole — where PodRequests is the containers' sum:
 * written into `out` without building maps, as the snapshot reads tens of thousands of Pods. False for
 * any other Pod (`out` is then left half written).
 */
function appContainersOnly(pod: Pod, out: PodResources): boolean {
  const { spec } = pod;
  if (spec.initContainers.length || spec.overhead || spec.resources?.requests) return false;
  let milliCPU = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  let nonZeroCPU = 0;
  let nonZeroMemory = 0;
  let scalar: Map<string, number> | undefined;
  const containers = spec.containers;
  for (let i = 0; i < containers.length; i++) {
    let cpu: number | undefined;
    let mem: number | undefined;
    const requests = containers[i].resources.requests;
    for (const name in requests) {
      const n = requestUnits(name, requests);
      if (n === undefined) return false;
      if (name === 'cpu') cpu = n;
      else if (name === 'memory') mem = n;
      else if (name === 'ephemeral-storage') ephemeralStorage += n;
      else if (isScalarResource(name)) (scalar ??= new Map()).set(name, (scalar.get(name) ?? 0) + n);
    }
    milliCPU += cpu ?? 0;
    memory += mem ?? 0;
    nonZeroCPU += cpu ?? DEFAULT_MILLI_CPU;
    nonZeroMemory += mem ?? DEFAULT_MEMORY;
  }
  const safe = Number.isSafeInteger;
  if (!safe(milliCPU) || !safe(memory) || !safe(ephemeralStorage) || !safe(nonZeroCPU) || !safe(nonZeroMemory))
    return false;
  if (scalar) for (const n of scalar.values()) if (!safe(n)) return false;
  const r = out.requests;
  r.milliCPU = milliCPU;
  r.memory = memory;
  r.ephemeralStorage = ephemeralStorage;
  r.scalar = scalar ?? NO_SCALARS;
  out.nonZero.milliCPU = nonZeroCPU;
  out.nonZero.memory = nonZeroMemory;
  return true;
}

const noRequests = (): PodResources => ({
  requests: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: NO_SCALARS },
  nonZero: { milliCPU: 0, memory: 0 },
});

/** The requests as the scheduler counts them: exact, and with scoring's defaults for containers without any. */
export function podResources(pod: Pod): PodResources {
  const simple = noRequests();
  if (appContainersOnly(pod, simple)) return simple;
  const units = new Map(listsOf(pod).map((l) => [l, wholeUnitsOf(l)]));
  const whole = [...units.values()].every((u) => u !== null)
    ? numbers(units as Map<ResourceList, Map<string, number>>)
    : null;
  const { pods: _pods, ...requests } = resourcesOf(podUnits(pod, false, whole));
  const nonZero = resourcesOf(podUnits(pod, true, whole));
  return { requests, nonZero: { milliCPU: nonZero.milliCPU, memory: nonZero.memory } };
}

// Reused by podResourcesIn: a snapshot sums the requests of every Pod into its node and keeps none.
const SCRATCH = noRequests();

/** podResources, in an object the next call overwrites: for sums that read it at once and keep nothing. */
export function podResourcesIn(pod: Pod): PodResources {
  return appContainersOnly(pod, SCRATCH) ? SCRATCH : podResources(pod);
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
