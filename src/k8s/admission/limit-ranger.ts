// The LimitRanger admission plugin for a Pod being created (plugin/pkg/admission/limitranger/admission.go):
// first every LimitRange of the namespace fills in the default requests and limits a container lacks
// (PodMutateLimitFunc), then each checks min, max and maxLimitRequestRatio per Container and per Pod
// (PodValidateLimitFunc). The first LimitRange with a violation refuses the Pod with all of its own.
import { formatQuantity, cmp, type Quantity } from '../quantity';
import { quantitiesOf, type Container, type Pod, type ResourceList } from '../objects';
import type { FilledDefault, LimitRange, LimitRangeItem, Quantities } from './model';
import { exceedsAllowed, ratioString } from './ratio';
import { podAmounts } from './resources';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

const str = formatQuantity;

/** Container items' default requests and limits; a later item of one LimitRange overrides an earlier one. */
function defaultsOf(lr: LimitRange): { requests: Map<string, Quantity>; limits: Map<string, Quantity> } {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const item of lr.limits.filter((i) => i.type === 'Container')) {
    for (const [k, q] of item.defaultRequest) requests.set(k, q);
    for (const [k, q] of item.default) limits.set(k, q);
  }
  return { requests, limits };
}

// Values the API server stores print canonically (Quantity.MarshalJSON writes String()).
const withMissing = (list: ResourceList, defaults: Quantities): [ResourceList, string[]] => {
  const added = [...defaults.keys()].filter((k) => !(k in list)).sort();
  const out: ResourceList = { ...list };
  for (const k of added) out[k] = str(defaults.get(k)!);
  return [out, added];
};

interface Merged {
  pod: Pod;
  filled: FilledDefault[];
}

/** mergePodResourceRequirements for one LimitRange: the Pod with its containers' missing defaults filled. */
function mergeDefaults(pod: Pod, lr: LimitRange): Merged {
  const { requests, limits } = defaultsOf(lr);
  const filled: FilledDefault[] = [];
  const notes: string[] = [];
  const merge = (c: Container, init: boolean): Container => {
    const [req, setRequests] = withMissing(c.resources.requests, requests);
    const [lim, setLimits] = withMissing(c.resources.limits, limits);
    const prefix = init ? 'init container' : 'container';
    if (setRequests.length) notes.push(`${setRequests.join(', ')} request for ${prefix} ${c.name}`);
    if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${c.name}`);
    const record = (field: 'requests' | 'limits', list: ResourceList) => (resource: string) =>
      filled.push({
        container: c.name,
        initContainer: init,
        field,
        resource,
        value: list[resource],
        limitRange: lr.name,
      });
    setRequests.forEach(record('requests', req));
    setLimits.forEach(record('limits', lim));
    return setRequests.length || setLimits.length ? { ...c, resources: { requests: req, limits: lim } } : c;
  };
  const containers = pod.spec.containers.map((c) => merge(c, false));
  const initContainers = pod.spec.initContainers.map((c) => merge(c, true));
  if (!notes.length) return { pod, filled };
  // Each LimitRange writes the annotation anew, so the last one that filled something is what shows.
  const annotations = {
    ...pod.metadata.annotations,
    [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
  };
  return {
    pod: { ...pod, metadata: { ...pod.metadata, annotations }, spec: { ...pod.spec, containers, initContainers } },
    filled,
  };
}

/** The Pod with every LimitRange's defaults filled in, in order, and what was filled. */
export function limitRangerDefaults(pod: Pod, limitRanges: readonly LimitRange[]): Merged {
  let merged: Merged = { pod, filled: [] };
  for (const lr of limitRanges) {
    const next = mergeDefaults(merged.pod, lr);
    merged = { pod: next.pod, filled: [...merged.filled, ...next.filled] };
  }
  return merged;
}

type Amounts = ReadonlyMap<string, Quantity>;

/** One constraint of a LimitRange item on one resource, and the amounts it is checked against. */
interface Subject {
  type: string;
  name: string;
  enforced: Quantity;
  requests: Amounts;
  limits: Amounts;
}

// minConstraint and maxConstraint: a minimum is checked on the request first, then the limit; a
// maximum on the limit first, then the request. Either missing first is its own message.
function boundViolation(
  bound: 'minimum' | 'maximum',
  { type, name, enforced, requests, limits }: Subject,
): string | undefined {
  const order = [
    ['request', requests.get(name)],
    ['limit', limits.get(name)],
  ] as const;
  const [[firstWord, first], [secondWord, second]] = bound === 'minimum' ? order : [order[1], order[0]];
  const outside = (q: Quantity) => (bound === 'minimum' ? cmp(enforced, q) : cmp(q, enforced)) > 0;
  const prefix = `${bound} ${name} usage per ${type} is ${str(enforced)}`;
  if (!first) return `${prefix}.  No ${firstWord} is specified`;
  if (outside(first)) return `${prefix}, but ${firstWord} is ${str(first)}`;
  if (second && outside(second)) return `${prefix}, but ${secondWord} is ${str(second)}`;
  return undefined;
}

function ratioViolation({ type, name, enforced, requests, limits }: Subject): string | undefined {
  const [req, lim] = [requests.get(name), limits.get(name)];
  const prefix = `${name} max limit to request ratio per ${type} is ${str(enforced)}`;
  if (!req || req.coefficient === 0n) return `${prefix}, but no request is specified or request is 0`;
  if (!lim || lim.coefficient === 0n) return `${prefix}, but no limit is specified or limit is 0`;
  if (exceedsAllowed(lim, req, enforced)) return `${prefix}, but provided ratio is ${ratioString(lim, req)}`;
  return undefined;
}

// Kubernetes walks min, max and maxLimitRequestRatio as Go maps, in no fixed order; the kernel takes
// resource names in sorted order so that an answer does not change between calls.
function violations(item: LimitRangeItem, requests: Amounts, limits: Amounts): string[] {
  const checks = [
    [item.min, (x: Subject) => boundViolation('minimum', x)],
    [item.max, (x: Subject) => boundViolation('maximum', x)],
    [item.maxLimitRequestRatio, ratioViolation],
  ] as const;
  return checks.flatMap(([bounds, check]) =>
    [...bounds.keys()]
      .sort()
      .flatMap((name) => check({ type: item.type, name, enforced: bounds.get(name)!, requests, limits }) ?? []),
  );
}

/** PodValidateLimitFunc: every violation of one LimitRange by the (defaulted) Pod, in Kubernetes' words. */
export function limitRangeViolations(pod: Pod, lr: LimitRange): string[] {
  const out: string[] = [];
  for (const item of lr.limits) {
    if (item.type === 'Container')
      for (const c of [...pod.spec.containers, ...pod.spec.initContainers])
        out.push(...violations(item, quantitiesOf(c.resources.requests), quantitiesOf(c.resources.limits)));
    if (item.type === 'Pod') out.push(...violations(item, podAmounts(pod, 'requests'), podAmounts(pod, 'limits')));
  }
  return out;
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several deduplicated in brackets. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
