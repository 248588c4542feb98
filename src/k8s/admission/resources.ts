// A Pod's requests and limits as admission adds them up: LimitRanger's podRequests and podLimits
// (plugin/pkg/admission/limitranger/admission.go) and the quota evaluator's resourcehelper.PodRequests
// and PodLimits (k8s.io/component-helpers/resource/helpers.go). App containers and sidecars (init
// containers with restartPolicy Always) run together and add up; every other init container runs
// alone beside the sidecars started before it; the Pod needs the larger. Pod-level requests and limits
// (spec.resources, cpu and memory) replace the sums. Sums are Quantity.Add: exact, in the first format.
import { quantitiesOf, type Container, type Pod } from '../objects';
import { add, cmp, isZero, type Quantity } from '../quantity';
import type { Quantities } from './model';

type Field = 'requests' | 'limits';

/** helper.IsNativeResource: a resource name with no domain, or one under kubernetes.io. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

function addInto(to: Map<string, Quantity>, from: Quantities): void {
  for (const [k, q] of from) to.set(k, to.has(k) ? add(to.get(k)!, q) : q);
}

function maxInto(to: Map<string, Quantity>, from: Quantities): void {
  for (const [k, q] of from) if (!to.has(k) || cmp(q, to.get(k)!) > 0) to.set(k, q);
}

const listOf = (c: Container, field: Field): Quantities => quantitiesOf(c.resources[field]);

// The cpu and memory pod-level resources may set (isSupportedPodLevelResource).
const POD_LEVEL = ['cpu', 'memory'];

/** The Pod's requests or limits, without overhead: LimitRanger's podRequests / podLimits. */
export function podAmounts(pod: Pod, field: Field): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of pod.spec.containers) addInto(total, listOf(c, field));
  const sidecars = new Map<string, Quantity>();
  const initPeak = new Map<string, Quantity>();
  for (const c of pod.spec.initContainers) {
    if (c.restartPolicy === 'Always') {
      addInto(total, listOf(c, field));
      addInto(sidecars, listOf(c, field));
      maxInto(initPeak, sidecars);
    } else {
      const during = new Map(listOf(c, field));
      addInto(during, sidecars);
      maxInto(initPeak, during);
    }
  }
  maxInto(total, initPeak);
  const podLevel = pod.spec.resources && quantitiesOf(pod.spec.resources[field]);
  for (const k of POD_LEVEL) if (podLevel?.has(k)) total.set(k, podLevel.get(k)!);
  return total;
}

/** resourcehelper.PodRequests and PodLimits, which quota charges: overhead adds to every request, and
 * to a limit only where the Pod has one. */
export function chargedAmounts(pod: Pod, field: Field): Map<string, Quantity> {
  const total = podAmounts(pod, field);
  const overhead = pod.spec.overhead ? quantitiesOf(pod.spec.overhead) : new Map<string, Quantity>();
  for (const [k, q] of overhead) {
    if (field === 'requests' || total.has(k)) addInto(total, new Map([[k, q]]));
  }
  return total;
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** qos.GetPodQOS == BestEffort: no container, and not the Pod itself, sets a non-zero cpu or memory request or limit. */
export function isBestEffort(pod: Pod): boolean {
  const lists = [...pod.spec.containers, ...pod.spec.initContainers].flatMap((c) => [
    c.resources.requests,
    c.resources.limits,
  ]);
  if (pod.spec.resources) lists.push(pod.spec.resources.requests, pod.spec.resources.limits);
  return lists.every((list) => {
    const q = quantitiesOf(list);
    return QOS_RESOURCES.every((k) => !q.has(k) || isZero(q.get(k)!) || q.get(k)!.coefficient < 0n);
  });
}
