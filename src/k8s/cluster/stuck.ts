// What keeps the settled cluster short of what the manifests ask, which a cluster shows only in events
// and `kubectl get` columns: Pods left Pending (with the scheduler's FailedScheduling message), and
// workloads with fewer replicas created or ready than their spec asks — an OrderedReady StatefulSet
// creates no ordinal after the first Pod that is not Running and Ready (ordered-ready.ts).
import type { Cluster, Obj, Pod } from '../objects';
import type { ExplanationStep } from '../explanation';
import { step } from './controllers';
import { objectRef, type AnyObject, type ClusterEvent } from './model';
import { isRunningAndReady } from './ordered-ready';

const SCALED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

const ownerOf = (o: AnyObject): string | undefined => o.metadata.ownerReferences?.find((r) => r.controller)?.name;

/** The Pods left Pending, each with why (the scheduler's message), and the Pods bound to a Node that
 * does not exist, in the order the Pods settled. */
export function pendingWarnings(
  cluster: Cluster,
  events: readonly ClusterEvent[],
  about: (o: AnyObject) => boolean = () => true,
): string[] {
  const failures = schedulingFailures(events);
  const orphan = orphanedOf(cluster);
  return cluster.pods
    .filter((p) => about(p) && (p.status.phase === 'Pending' || orphan(p)))
    .map((p) => `${objectRef(p)}: ${orphan(p) ? orphaned(p) : `Pending: ${whyPending(p, failures)}`}`);
}

/** The explanation of each Pod left Pending, in English and Korean. */
export function pendingSteps(cluster: Cluster, events: readonly ClusterEvent[]): ExplanationStep[] {
  const failures = schedulingFailures(events);
  const orphan = orphanedOf(cluster);
  return cluster.pods
    .filter((p) => p.status.phase === 'Pending' || orphan(p))
    .map((p) => {
      const name = `${p.metadata.namespace}/${p.metadata.name}`;
      if (orphan(p))
        return step(
          'pod-orphaned',
          objectRef(p),
          `Pod ${name} ${orphaned(p)}.`,
          `Pod ${name}은 존재하지 않는 Node ${p.spec.nodeName}에 바인딩되어 있다: 스케줄러는 바인딩된 Pod를 건너뛰고 그 Node의 kubelet은 없으므로 ${p.status.phase === 'Pending' ? 'IP도 이벤트도 없이 Pending으로 남는다' : 'kubelet이 상태를 더 갱신하지 않는다'}. PodGC(gcOrphaned)가 40초 격리 뒤 Node가 여전히 없음을 확인하고 Failed로 표시한 뒤 삭제한다.`,
        );
      const why = whyPending(p, failures);
      return step(
        'pod-pending',
        objectRef(p),
        p.spec.nodeName
          ? `Pod ${name} stays Pending with no IP: ${why}. It gets no endpoint and no DNS record until it has one.`
          : `Pod ${name} stays Pending, with no Node and no IP: ${why}. It gets no endpoint and no DNS record until it is scheduled.`,
        p.spec.nodeName
          ? `Pod ${name}은 IP 없이 Pending으로 남는다: ${why}. IP를 받기 전에는 엔드포인트도 DNS 레코드도 없다.`
          : `Pod ${name}은 노드와 IP 없이 Pending으로 남는다: ${why}. 스케줄되기 전에는 엔드포인트도 DNS 레코드도 없다.`,
      );
    });
}

// Whether a Pod is bound to a Node the cluster does not have: the scheduler skips a Pod with a nodeName,
// and no kubelet watches for that Node's Pods.
function orphanedOf(cluster: Cluster): (p: Pod) => boolean {
  const nodes = new Set(cluster.nodes.map((n) => n.metadata.name));
  return (p) => !!p.spec.nodeName && !nodes.has(p.spec.nodeName);
}

// What happens to such a Pod: PodGC's gcOrphaned (pkg/controller/podgc/gc_controller.go) waits out its
// 40-second quarantine, finds the Node still missing, patches the Pod Failed with a DisruptionTarget
// condition (reason DeletionByPodGC, message "PodGC: node no longer exists") and deletes it.
const orphaned = (p: Pod): string =>
  `is bound to Node ${p.spec.nodeName}, which does not exist: the scheduler leaves a bound Pod alone and no kubelet runs it, so it ${
    p.status.phase === 'Pending' ? 'stays Pending with no IP and no events' : 'gets no further status from a kubelet'
  }; PodGC (gcOrphaned) finds the Node still missing after its 40 s quarantine, marks the Pod Failed (DisruptionTarget: DeletionByPodGC, "PodGC: node no longer exists") and deletes it`;

// The scheduler's message for each Pod (its first FailedScheduling event), gathered in one pass: looking
// it up in every event for each Pending Pod was 3 900 Pods × 10 000 events, seconds on a full cluster.
function schedulingFailures(events: readonly ClusterEvent[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const e of events) if (e.reason === 'FailedScheduling' && !out.has(e.object)) out.set(e.object, e.message);
  return out;
}

function whyPending(p: Pod, failures: ReadonlyMap<string, string>): string {
  const message = failures.get(objectRef(p));
  if (message) return `FailedScheduling: ${message}`;
  // Scheduled (or bound by nodeName) but never started: the kubelet's warning above says why (no IP).
  return p.spec.nodeName ? `bound to Node ${p.spec.nodeName}, where its sandbox gets no IP` : 'not scheduled';
}

/** Each Deployment, ReplicaSet or StatefulSet the dry-run ran (one without an owner) that has fewer Pods created or ready than it asks, and why. */
export function shortWorkloadWarnings(
  cluster: Cluster,
  events: readonly ClusterEvent[],
  about: (o: AnyObject) => boolean = () => true,
): string[] {
  const all: AnyObject[] = [...cluster.objects, ...cluster.others];
  // Each namespace's ReplicaSets and Pods by their owner's name, and the events read, gathered once
  // rather than for each short workload (every workload is short on a cluster that is full).
  const setsOf = byOwner(all.filter((o) => o.kind === 'ReplicaSet'));
  const podsOf = byOwner(cluster.pods);
  const failures = schedulingFailures(events);
  const failedCreates = new Map<string, string>();
  for (const e of events)
    if (e.reason === 'FailedCreate' && !failedCreates.has(e.object)) failedCreates.set(e.object, e.message);
  const out: string[] = [];
  for (const w of all) {
    const status = w.raw?.status as Obj | undefined;
    if (!SCALED.has(w.kind) || !status || ownerOf(w) || !about(w)) continue;
    const spec = (w.raw?.spec ?? {}) as Obj;
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const created = typeof status.replicas === 'number' ? status.replicas : 0;
    const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
    if (ready >= desired) continue;
    // The Pods are the workload's own, or (a Deployment's) those of the ReplicaSets it owns.
    const ns = w.metadata.namespace;
    const sets = setsOf.get(ownedKey(ns, w.metadata.name)) ?? [];
    const owners = new Set([w.metadata.name, ...sets.map((o) => o.metadata.name)]);
    const pods = podsOf.inOrder([...owners].map((o) => ownedKey(ns, o)));
    const refs = [w, ...sets].map(objectRef);
    const why = whyShort(w, pods, refs, { failures, failedCreates, events }, created < desired);
    out.push(`${objectRef(w)}: ${created} of ${desired} replicas created, ${ready} ready: ${why}`);
  }
  return out;
}

const ownedKey = (namespace: string, owner: string): string => `${namespace}/${owner}`;

// The objects by `namespace/owner` (their controller's name), each list in the objects' order.
function byOwner<T extends AnyObject>(objects: readonly T[]) {
  const lists = new Map<string, { at: number; o: T }[]>();
  objects.forEach((o, at) => {
    const owner = ownerOf(o);
    if (owner === undefined) return;
    const key = ownedKey(o.metadata.namespace, owner);
    const list = lists.get(key);
    if (list) list.push({ at, o });
    else lists.set(key, [{ at, o }]);
  });
  return {
    get: (key: string): T[] | undefined => lists.get(key)?.map((x) => x.o),
    /** The objects of all these owners, in the objects' order. */
    inOrder: (keys: readonly string[]): T[] =>
      keys
        .flatMap((k) => lists.get(k) ?? [])
        .sort((a, b) => a.at - b.at)
        .map((x) => x.o),
  };
}

interface Reasons {
  failures: ReadonlyMap<string, string>;
  failedCreates: ReadonlyMap<string, string>;
  events: readonly ClusterEvent[];
}

function whyShort(w: AnyObject, pods: readonly Pod[], owners: readonly string[], why: Reasons, fewer: boolean): string {
  const failed = firstFailedCreate(owners, why);
  if (failed) return `FailedCreate: ${failed}`;
  const stuck = pods.find((p) => !isRunningAndReady(p));
  if (!stuck) return 'its controller stopped creating Pods';
  // The Pod's own warning carries the scheduler's whole message; its first sentence says enough here.
  const reason = why.failures.get(objectRef(stuck));
  const state =
    stuck.status.phase === 'Pending' ? `Pending${reason ? ` (${reason.split('. ')[0]})` : ''}` : 'not Ready';
  const policy = (w.raw?.spec as Obj | undefined)?.podManagementPolicy ?? 'OrderedReady';
  if (w.kind === 'StatefulSet' && fewer && policy === 'OrderedReady') {
    const ordinal = Number(stuck.metadata.name.slice(w.metadata.name.length + 1));
    return `podManagementPolicy OrderedReady stopped at ordinal ${ordinal}: ${w.metadata.name}-${ordinal + 1} is created only once ${stuck.metadata.name} is Running and Ready, and ${stuck.metadata.name} is ${state}`;
  }
  return `${stuck.metadata.name} is ${state}`;
}

// The first FailedCreate event, in the events' order, of any of the owners.
function firstFailedCreate(owners: readonly string[], why: Reasons): string | undefined {
  const any = owners.filter((o) => why.failedCreates.has(o));
  if (any.length <= 1) return any.length ? why.failedCreates.get(any[0]) : undefined;
  const set = new Set(owners);
  return why.events.find((e) => set.has(e.object) && e.reason === 'FailedCreate')?.message;
}
