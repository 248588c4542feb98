// A Pod's requests and limits as admission adds them up: LimitRanger's podRequests and podLimits
// (plugin/pkg/admission/limitranger/admission.go) and the quota evaluator's resourcehelper.PodRequests
// and PodLimits (k8s.io/component-helpers/resource/helpers.go). App containers and sidecars (init
// containers with restartPolicy Always) run together and add up; every other init container runs
// alone beside the sidecars started before it; the Pod needs the larger. Pod-level requests and limits
// (spec.resources, cpu and memory) replace the sums. Sums are Quantity.Add: exact, in the first format.
import { quantitiesOf, type Container, type Pod, type ResourceList } from '../objects';
import { add, cmp, isZero, ZERO, type Quantity } from '../quantity';
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

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

// resourceQOS (pkg/apis/core/v1/helper/qos/qos.go): one set of requests and limits, cpu and memory only.
function resourceQos(r: { requests: ResourceList; limits: ResourceList }): QosClass {
  const [requests, limits] = [quantitiesOf(r.requests), quantitiesOf(r.limits)];
  if (!requests.size && !limits.size) return 'BestEffort';
  let qos: QosClass | undefined;
  for (const name of ['cpu', 'memory']) {
    const [req, lim] = [requests.get(name) ?? ZERO, limits.get(name) ?? ZERO];
    if (cmp(req, lim) !== 0) return 'Burstable';
    const bestEffort = isZero(req);
    if (qos === undefined) qos = bestEffort ? 'BestEffort' : 'Guaranteed';
    else if (bestEffort !== (qos === 'BestEffort')) return 'Burstable';
  }
  return qos!;
}

/** ComputePodQOS: pod-level resources when given, else every container agreeing (any mix is Burstable). */
export function qosClass(pod: Pod): QosClass {
  if (pod.spec.resources) return resourceQos(pod.spec.resources);
  let qos: QosClass | undefined;
  for (const c of [...pod.spec.initContainers, ...pod.spec.containers]) {
    const own = resourceQos(c.resources);
    if (own === 'Burstable' || (qos !== undefined && qos !== own)) return 'Burstable';
    qos = own;
  }
  return qos ?? 'BestEffort';
}

// Quota scopes ask each Pod once per quota; a Pod's class is read once (Pods are not mutated).
const classes = new WeakMap<Pod, QosClass>();

/** The BestEffort quota scope: the Pod's QoS class. */
export function isBestEffort(pod: Pod): boolean {
  if (!classes.has(pod)) classes.set(pod, qosClass(pod));
  return classes.get(pod) === 'BestEffort';
}
