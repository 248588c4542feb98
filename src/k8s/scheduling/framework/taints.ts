// Whether tolerations tolerate taints, as component-helpers/scheduling/corev1 (ToleratesTaint,
// FindMatchingUntoleratedTaint) decides it for the scheduler.
import type { Taint, Toleration } from '../../objects';

/**
 * Toleration.ToleratesTaint: an empty effect matches every effect, an empty key with Exists every taint;
 * Equal (the default operator) compares values, an absent value being "".
 */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** Whether any of the tolerations tolerates the taint (TolerationsTolerateTaint). */
export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => tolerates(t, taint));
}

/** Filter and PodTopologySpread read only these: NoSchedule and NoExecute (DoNotScheduleTaintsFilterFunc). */
export const doNotSchedule = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The first of the node's taints that passes `filter` and no toleration tolerates (FindMatchingUntoleratedTaint). */
export function untoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (t: Taint) => boolean,
): Taint | undefined {
  return taints.find((taint) => filter(taint) && !tolerated(tolerations, taint));
}

/** `key=value:Effect`, as kubectl prints a taint. */
export const taintText = (t: Taint): string => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
