// A Pod's priority and preemption policy as the Priority admission plugin sets them
// (plugin/pkg/admission/priority) and the scheduler reads them (corev1helpers.PodPriority): spec.priority
// when given; else the value of its priorityClassName; else the global default class's; else 0.
import { SYSTEM_PRIORITY_CLASSES, type Pod, type PreemptionPolicy, type PriorityClass } from '../../objects';

export interface ResolvedPriority {
  value: number;
  preemptionPolicy: PreemptionPolicy;
  /** Where the value comes from: `spec.priority`, a class name, `globalDefault <class>`, or `default 0`. */
  source: string;
  /** The named class exists nowhere: the API server would refuse the Pod. */
  missingClass?: string;
}

/** The global default class: with several (a race), the one of lowest value (getDefaultPriorityClass). */
function defaultClass(classes: readonly PriorityClass[]): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const c of classes) if (c.globalDefault && (!best || c.value < best.value)) best = c;
  return best;
}

/** The Pod's priority and preemption policy. */
export function podPriority(pod: Pod, classes: readonly PriorityClass[]): ResolvedPriority {
  const name = pod.spec.priorityClassName;
  const cls = name ? classes.find((c) => c.metadata.name === name) : defaultClass(classes);
  const system = name ? SYSTEM_PRIORITY_CLASSES[name] : undefined;
  const policy = pod.spec.preemptionPolicy ?? cls?.preemptionPolicy ?? 'PreemptLowerPriority';
  if (pod.spec.priority !== undefined)
    return { value: pod.spec.priority, preemptionPolicy: policy, source: 'spec.priority' };
  if (system !== undefined) return { value: system, preemptionPolicy: policy, source: `PriorityClass ${name}` };
  if (cls)
    return {
      value: cls.value,
      preemptionPolicy: policy,
      source: name ? `PriorityClass ${name}` : `globalDefault PriorityClass ${cls.metadata.name}`,
    };
  return { value: 0, preemptionPolicy: policy, source: 'default 0', ...(name ? { missingClass: name } : {}) };
}
