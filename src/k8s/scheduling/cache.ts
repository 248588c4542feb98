// kube-scheduler's cache for Pods scheduled one after another (internal/cache: AssumePod, then the next
// cycle's UpdateSnapshot): the snapshot is built once, and each placed Pod is added to its node's
// NodeInfo instead of the whole snapshot being built again for the next Pod. Every cycle sees what a
// fresh snapshot of the same Pods would show (cache.test.ts checks placements and explanations alike).
import type { Pod } from '../objects';
import { boundPodInfo } from './framework/pod-info';
import { addNamespace, addToSnapshot, buildSnapshot, snapshotOf } from './framework/snapshot';
import type { Snapshot } from './framework/types';
import { scheduleOn, type CycleInput } from './schedule';
import type { Decision, SchedulingOptions, SchedulingResult, SchedulingState } from './types';

const key = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;

/** The scheduler's view of a cluster while Pods are placed on it one by one; `state` itself is never changed. */
export class SchedulerCache {
  private readonly snapshot: Snapshot;
  private readonly warnings: string[];
  /** The namespaces known so far, which placed Pods may add to. */
  private readonly namespaces: Map<string, Record<string, string>>;
  /** The Pods of the state, then those placed: preemption's order. */
  private readonly pods: Pod[];
  /** Their names: a Pod scheduled under a name the cache holds gets a snapshot without it, as schedulePod does. */
  private readonly names: Set<string>;
  /** The Pod of the last cycle: the one the dry-run binds next. */
  private scheduled?: Pod;

  constructor(private readonly state: SchedulingState) {
    const { snapshot, warnings } = snapshotOf(state, () => false);
    for (const n of snapshot.nodes) n.indexNamespaces();
    this.snapshot = snapshot;
    this.warnings = warnings;
    this.namespaces = snapshot.namespaces as Map<string, Record<string, string>>;
    this.pods = [...state.pods];
    this.names = new Set(state.pods.map(key));
  }

  /** AssumePod: a Pod bound to a node (spec.nodeName set) takes its room there for the Pods after it. */
  assume(pod: Pod): void {
    const node = this.snapshot.byName.get(pod.spec.nodeName ?? '');
    if (!node) throw new Error(`assumed Pod ${key(pod)} is not bound to a node of the cache`);
    addToSnapshot(this.snapshot, node, boundPodInfo(pod, this.scheduled, this.state.priorityClasses));
    addNamespace(this.namespaces, pod.metadata.namespace);
    this.pods.push(pod);
    this.names.add(key(pod));
  }

  /** schedulePod against the Pods of the state and those assumed since: every node's verdict and why. */
  schedule(pod: Pod, options: SchedulingOptions = {}): SchedulingResult {
    return scheduleOn(this.cycleInput(pod), options, true);
  }

  /** Only where the Pod goes (or the FailedScheduling message): what the dry-run reads. */
  decide(pod: Pod, options: SchedulingOptions = {}): Decision {
    return scheduleOn(this.cycleInput(pod), options, false);
  }

  private cycleInput(pod: Pod): CycleInput {
    this.scheduled = pod;
    const podOrder = () => new Map(this.pods.map((p, i) => [p, i]));
    const { priorityClasses } = this.state;
    if (this.names.has(key(pod))) {
      const { snapshot, warnings } = buildSnapshot({ ...this.state, pods: this.pods }, pod);
      return { pod, snapshot, warnings, priorityClasses, podOrder };
    }
    const ns = pod.metadata.namespace;
    let namespaces = this.namespaces;
    if (!namespaces.has(ns)) addNamespace((namespaces = new Map(namespaces)), ns);
    return { pod, snapshot: { ...this.snapshot, namespaces }, warnings: this.warnings, priorityClasses, podOrder };
  }
}
