// A Pod as the scheduler's cache holds it (framework.PodInfo): its requests, ports, affinity terms and
// claims, computed once from the Pod.
import type { Pod, PriorityClass } from '../../objects';
import { affinityTerm, weightedTerm } from './affinity-terms';
import { hostPortsOf } from './ports';
import { podPriority } from './priority';
import { podResources } from './resources';
import type { PodInfo } from './types';

// A Pod's requests, ports and terms depend on the Pod alone, its priority on the PriorityClasses too:
// the PodInfo of a Pod being scheduled is kept per Pod object (recomputed when the classes differ), so
// that the dry-run's binding reuses it (boundPodInfo). The bound Pods of a snapshot are not memoized: a
// weak map of tens of thousands of fresh Pods cost more, in its own upkeep and in every garbage
// collection's ephemeron pass, than building their PodInfos again (a PodInfo is cheap: what is costly,
// the affinity terms, only Pods with affinity have). The memo holds no state a result depends on.
const memo = new WeakMap<Pod, { classes: readonly PriorityClass[]; info: PodInfo }>();

// The terms (or claims) of a Pod without any, shared: a PodInfo's lists are never changed.
const NO_TERMS: never[] = [];

/** The claims a Pod's volumes mount, `namespace/name`. */
export function claimsOf(pod: Pod): string[] {
  if (!pod.spec.volumes.length) return NO_TERMS;
  return pod.spec.volumes.flatMap((v) => {
    if (v.persistentVolumeClaim) return [`${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`];
    // A generic ephemeral volume's claim is named <pod>-<volume> (ephemeral.VolumeClaimName).
    return v.ephemeral ? [`${pod.metadata.namespace}/${pod.metadata.name}-${v.name}`] : [];
  });
}

/** Whether a Pod has any pod affinity or anti-affinity term, required or preferred (PodInfo.hasAffinity). */
export function hasPodAffinity(pod: Pod): boolean {
  // Read for every bound Pod of a snapshot, most of which have no affinity at all.
  const affinity = pod.spec.affinity;
  if (!affinity) return false;
  const { podAffinity: aff, podAntiAffinity: anti } = affinity;
  return (
    !!aff?.requiredDuringSchedulingIgnoredDuringExecution.length ||
    !!aff?.preferredDuringSchedulingIgnoredDuringExecution.length ||
    !!anti?.requiredDuringSchedulingIgnoredDuringExecution.length ||
    !!anti?.preferredDuringSchedulingIgnoredDuringExecution.length
  );
}

/** A Pod's PodInfo, built afresh. */
export function buildPodInfo(pod: Pod, classes: readonly PriorityClass[]): PodInfo {
  const { requests, nonZero } = podResources(pod);
  const { podAffinity: aff, podAntiAffinity: anti } = pod.spec.affinity ?? {};
  const requiredAffinity = aff?.requiredDuringSchedulingIgnoredDuringExecution.map((t) => affinityTerm(pod, t));
  const requiredAntiAffinity = anti?.requiredDuringSchedulingIgnoredDuringExecution.map((t) => affinityTerm(pod, t));
  const preferredAffinity = aff?.preferredDuringSchedulingIgnoredDuringExecution.map((t) => weightedTerm(pod, t));
  const preferredAntiAffinity = anti?.preferredDuringSchedulingIgnoredDuringExecution.map((t) => weightedTerm(pod, t));
  return {
    pod,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    labels: pod.metadata.labels,
    // spec.priority is set on any Pod the API server admitted; the classes are read only without it.
    priority: pod.spec.priority ?? podPriority(pod, classes).value,
    requests,
    nonZero,
    hostPorts: hostPortsOf(pod),
    requiredAffinity: requiredAffinity ?? NO_TERMS,
    requiredAntiAffinity: requiredAntiAffinity ?? NO_TERMS,
    preferredAffinity: preferredAffinity ?? NO_TERMS,
    preferredAntiAffinity: preferredAntiAffinity ?? NO_TERMS,
    claims: claimsOf(pod),
    hasAffinity: hasPodAffinity(pod),
  };
}

/** The PodInfo of a Pod, its priority resolved against the cluster's PriorityClasses. */
export function podInfoOf(pod: Pod, classes: readonly PriorityClass[]): PodInfo {
  const known = memo.get(pod);
  if (known?.classes === classes) return known.info;
  const info = buildPodInfo(pod, classes);
  memo.set(pod, { classes, info });
  return info;
}

// Whether `a` and `b` hold the very same values under every key but `except`. Counted in loops, not
// through filtered key lists: the dry-run asks this twice for every Pod it binds.
function sameBut(a: object, b: object, except: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k of Object.keys(x)) {
    if (k === except) continue;
    if (x[k] !== y[k]) return false;
    count++;
  }
  for (const k of Object.keys(y)) if (k !== except) count--;
  return count === 0;
}

/**
 * The PodInfo of `bound`, which the binding made as a copy of `scheduled` with spec.nodeName set: nothing
 * a PodInfo holds reads nodeName, so the scheduled Pod's (already built for its cycle) serves, with the
 * copy in it. Any other Pod gets its own, as podInfoOf builds it.
 */
export function boundPodInfo(bound: Pod, scheduled: Pod | undefined, classes: readonly PriorityClass[]): PodInfo {
  if (!scheduled || !sameBut(bound, scheduled, 'spec') || !sameBut(bound.spec, scheduled.spec, 'nodeName'))
    return podInfoOf(bound, classes);
  const info = { ...podInfoOf(scheduled, classes), pod: bound };
  memo.set(bound, { classes, info });
  return info;
}
