// The ResourceQuota admission plugin for a Pod being created: the pod evaluator's usage and scopes
// (pkg/quota/v1/evaluator/core/pods.go) and CheckRequest's order of refusals
// (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go): a matching quota's
// constraints ("must specify …") for every quota first, then each quota's hard limits in turn.
import { quantitiesOf, type Container, type Pod } from '../objects';
import { add, cmp, formatQuantity, parseQuantity, ZERO, type Quantity } from '../quantity';
import type { Quantities, ResourceQuota, ScopeSelector } from './model';
import { chargedAmounts, isBestEffort, isNativeResource } from './resources';

type Usage = Map<string, Quantity>;

const ONE = parseQuantity('1');
// podResources: what the pod evaluator counts by name; hugepages and extended resources go by prefix.
const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);
// validationSet: quotas on these require every container to state them ("this was a mistake", pods.go).
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const isExtended = (name: string): boolean => !isNativeResource(name) && !name.startsWith('requests.');

/** podEvaluator.MatchingResources: the hard resources a Pod can be charged for. */
export function matchingResources(names: Iterable<string>): string[] {
  return [...names].filter(
    (n) =>
      POD_RESOURCES.has(n) ||
      n.startsWith('hugepages-') ||
      n.startsWith('requests.hugepages-') ||
      (n.startsWith('requests.') && !isNativeResource(n)),
  );
}

/** podComputeUsageHelper: usage names for one set of requests and limits (a Pod's or a container's). */
function computeUsage(requests: Quantities, limits: Quantities): Usage {
  const out: Usage = new Map([['pods', ONE]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) out.set(r, req).set(`requests.${r}`, req);
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (r.startsWith('hugepages-')) out.set(r, q).set(`requests.${r}`, q);
    if (isExtended(r)) out.set(`requests.${r}`, q);
  }
  return out;
}

/** PodUsageFunc: count/pods always; compute resources and `pods` unless the Pod has finished. */
export function podUsage(pod: Pod): Quantities {
  const known = usages.get(pod);
  if (known) return known;
  const usage: Usage = new Map([['count/pods', ONE]]);
  if (pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed')
    for (const [k, q] of computeUsage(chargedAmounts(pod, 'requests'), chargedAmounts(pod, 'limits'))) usage.set(k, q);
  usages.set(pod, usage);
  return usage;
}

// Each Pod's usage, read once however many quotas count it (a namespace may hold thousands of Pods and
// quotas). Like quantitiesOf's memo, it holds no state a result depends on: Pods are not mutated.
const usages = new WeakMap<Pod, Quantities>();

const activeDeadlineSeconds = (pod: Pod): unknown =>
  (pod.raw?.spec as Record<string, unknown> | undefined)?.activeDeadlineSeconds;

// isTerminating: activeDeadlineSeconds set and not negative.
const isTerminating = (pod: Pod): boolean => {
  const v = activeDeadlineSeconds(pod);
  return typeof v === 'number' && v >= 0;
};

// usesCrossNamespacePodAffinity: a pod (anti-)affinity term naming namespaces or a namespace selector.
function usesCrossNamespaceAffinity(pod: Pod): boolean {
  const affinity = (pod.raw?.spec as Record<string, unknown> | undefined)?.affinity as
    Record<string, unknown> | undefined;
  const terms = ['podAffinity', 'podAntiAffinity'].flatMap((kind) => {
    const a = affinity?.[kind] as Record<string, unknown[]> | undefined;
    const required = (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Record<string, unknown>[];
    const preferred = (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Record<string, unknown>[];
    return [...required, ...preferred.map((w) => (w.podAffinityTerm ?? {}) as Record<string, unknown>)];
  });
  return terms.some(
    (t) => (Array.isArray(t.namespaces) && t.namespaces.length > 0) || (t.namespaceSelector ?? null) !== null,
  );
}

/** podMatchesScopeFunc: whether a Pod falls in one scope selector of a quota. */
export function matchesScope(s: ScopeSelector, pod: Pod): boolean {
  switch (s.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespaceAffinity(pod);
    case 'PriorityClass': {
      // A label selector over { PriorityClass: <name> }, the key absent when the Pod names no class.
      const name = pod.spec.priorityClassName ?? '';
      if (s.operator === 'Exists') return name !== '';
      if (s.operator === 'DoesNotExist') return name === '';
      if (s.operator === 'In') return name !== '' && s.values.includes(name);
      return name === '' || !s.values.includes(name);
    }
  }
}

/** generic.Matches: the quota tracks a Pod resource and every one of its scopes matches the Pod. */
export function quotaMatches(q: ResourceQuota, pod: Pod): boolean {
  return matchingResources(q.hard.keys()).length > 0 && q.scopes.every((s) => matchesScope(s, pod));
}

/** podEvaluator.Constraints: "must specify …" when a container does not state a cpu or memory the quota tracks. */
export function constraintsError(required: readonly string[], pod: Pod): string | undefined {
  const wanted = required.filter((r) => VALIDATION_SET.has(r));
  if (!wanted.length) return undefined;
  const missing = new Map<string, Set<string>>();
  const each = (c: Container) => {
    const has = computeUsage(quantitiesOf(c.resources.requests), quantitiesOf(c.resources.limits));
    for (const r of wanted) if (!has.has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  };
  [...pod.spec.containers, ...pod.spec.initContainers].forEach(each);
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** Pods summed by what quota scopes can tell apart: a scope matches all of a group's Pods or none. */
export interface PodTotals {
  groups: ReadonlyMap<string, { sample: Pod; usage: Usage }>;
}

/** Totals that Pods are added to one at a time, in place. */
export interface RunningTotals extends PodTotals {
  groups: Map<string, { sample: Pod; usage: Usage }>;
}

// Everything podMatchesScopeFunc reads of a Pod.
const scopeKey = (p: Pod): string =>
  JSON.stringify([isTerminating(p), isBestEffort(p), usesCrossNamespaceAffinity(p), p.spec.priorityClassName ?? '']);

/** Adds one Pod's usage to its group of `totals`, in place. */
export function addPod(totals: RunningTotals, pod: Pod): void {
  const key = scopeKey(pod);
  const group = totals.groups.get(key) ?? totals.groups.set(key, { sample: pod, usage: new Map() }).get(key)!;
  for (const [r, q] of podUsage(pod)) group.usage.set(r, add(group.usage.get(r) ?? ZERO, q));
}

/** The Pods' usage, summed once per group of Pods no scope tells apart, so that each quota adds up groups, not Pods. */
export function podTotals(pods: Iterable<Pod>): RunningTotals {
  const totals: RunningTotals = { groups: new Map() };
  for (const pod of pods) addPod(totals, pod);
  return totals;
}

/** The usage the quota controller records: every matching Pod's, for each hard resource a Pod can use. */
export function usageOf(q: ResourceQuota, totals: PodTotals): Usage {
  const tracked = matchingResources(q.hard.keys());
  const used: Usage = new Map(tracked.map((r) => [r, ZERO]));
  for (const { sample, usage } of totals.groups.values()) {
    if (!q.scopes.every((s) => matchesScope(s, sample))) continue;
    for (const r of tracked) if (usage.has(r)) used.set(r, add(used.get(r)!, usage.get(r)!));
  }
  return used;
}

/** prettyPrint: `name=quantity` pairs, sorted by name, joined by commas. */
export const prettyPrint = (list: ReadonlyMap<string, Quantity>, names: readonly string[]): string =>
  [...names]
    .sort()
    .filter((n) => list.has(n))
    .map((n) => `${n}=${formatQuantity(list.get(n)!)}`)
    .join(',');

/** quota.LessThanOrEqual over the resources requested: those whose new usage passes the hard limit. */
export function exceededResources(newUsage: Quantities, hard: Quantities, requested: Iterable<string>): string[] {
  return [...requested].filter((r) => hard.has(r) && newUsage.has(r) && cmp(newUsage.get(r)!, hard.get(r)!) > 0);
}
