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

/** The Pods left Pending, each with why (the scheduler's message), in the order the Pods settled. */
export function pendingWarnings(cluster: Cluster, events: readonly ClusterEvent[]): string[] {
  return cluster.pods
    .filter((p) => p.status.phase === 'Pending')
    .map((p) => `${objectRef(p)}: Pending: ${whyPending(p, events)}`);
}

/** The explanation of each Pod left Pending, in English and Korean. */
export function pendingSteps(cluster: Cluster, events: readonly ClusterEvent[]): ExplanationStep[] {
  return cluster.pods
    .filter((p) => p.status.phase === 'Pending')
    .map((p) => {
      const name = `${p.metadata.namespace}/${p.metadata.name}`;
      const why = whyPending(p, events);
      return step(
        'pod-pending',
        objectRef(p),
        `Pod ${name} stays Pending, with no Node and no IP: ${why}. It gets no endpoint and no DNS record until it is scheduled.`,
        `Pod ${name}은 노드와 IP 없이 Pending으로 남는다: ${why}. 스케줄되기 전에는 엔드포인트도 DNS 레코드도 없다.`,
      );
    });
}

// The scheduler's message for the Pod, from its FailedScheduling event.
const failedScheduling = (p: Pod, events: readonly ClusterEvent[]): string | undefined =>
  events.find((e) => e.object === objectRef(p) && e.reason === 'FailedScheduling')?.message;

function whyPending(p: Pod, events: readonly ClusterEvent[]): string {
  const message = failedScheduling(p, events);
  return message ? `FailedScheduling: ${message}` : 'not scheduled';
}

/** Each Deployment, ReplicaSet or StatefulSet the dry-run ran (one without an owner) that has fewer Pods created or ready than it asks, and why. */
export function shortWorkloadWarnings(cluster: Cluster, events: readonly ClusterEvent[]): string[] {
  const all: AnyObject[] = [...cluster.objects, ...cluster.others];
  const out: string[] = [];
  for (const w of all) {
    const status = w.raw?.status as Obj | undefined;
    if (!SCALED.has(w.kind) || !status || ownerOf(w)) continue;
    const spec = (w.raw?.spec ?? {}) as Obj;
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const created = typeof status.replicas === 'number' ? status.replicas : 0;
    const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
    if (ready >= desired) continue;
    // The Pods are the workload's own, or (a Deployment's) those of the ReplicaSets it owns.
    const ns = w.metadata.namespace;
    const sets = all.filter(
      (o) => o.kind === 'ReplicaSet' && o.metadata.namespace === ns && ownerOf(o) === w.metadata.name,
    );
    const owners = new Set([w.metadata.name, ...sets.map((o) => o.metadata.name)]);
    const pods = cluster.pods.filter((p) => p.metadata.namespace === ns && owners.has(ownerOf(p) ?? ''));
    const refs = new Set([w, ...sets].map(objectRef));
    const why = whyShort(w, pods, refs, events, created < desired);
    out.push(`${objectRef(w)}: ${created} of ${desired} replicas created, ${ready} ready: ${why}`);
  }
  return out;
}

function whyShort(
  w: AnyObject,
  pods: readonly Pod[],
  owners: ReadonlySet<string>,
  events: readonly ClusterEvent[],
  fewer: boolean,
): string {
  const failed = events.find((e) => owners.has(e.object) && e.reason === 'FailedCreate');
  if (failed) return `FailedCreate: ${failed.message}`;
  const stuck = pods.find((p) => !isRunningAndReady(p));
  if (!stuck) return 'its controller stopped creating Pods';
  // The Pod's own warning carries the scheduler's whole message; its first sentence says enough here.
  const reason = failedScheduling(stuck, events);
  const state =
    stuck.status.phase === 'Pending' ? `Pending${reason ? ` (${reason.split('. ')[0]})` : ''}` : 'not Ready';
  const policy = (w.raw?.spec as Obj | undefined)?.podManagementPolicy ?? 'OrderedReady';
  if (w.kind === 'StatefulSet' && fewer && policy === 'OrderedReady') {
    const ordinal = Number(stuck.metadata.name.slice(w.metadata.name.length + 1));
    return `podManagementPolicy OrderedReady stopped at ordinal ${ordinal}: ${w.metadata.name}-${ordinal + 1} is created only once ${stuck.metadata.name} is Running and Ready, and ${stuck.metadata.name} is ${state}`;
  }
  return `${stuck.metadata.name} is ${state}`;
}
