// The dry-run's admission stage: every Pod a controller asks for goes through admission (seams.ts) in
// the order the controllers ask, a refusal becomes the controller's FailedCreate event, and a
// StatefulSet's controller stops asking once one of its Pods is refused, as its sync loop does.
import { KubeknowError } from '../../errors';
import { parseObjects, type Obj, type PersistentVolumeClaim, type Pod, type StatefulSet } from '../objects';
import { startOrdinal, step } from './controllers';
import { invalidObject, problemAsFieldError } from './messages';
import { objectRef, type AnyObject, type ClusterEvent, type StageLog } from './model';
import { podAdmissionContext, withAdmissionDefaults } from './pod-admission';
import type { Admit, AdmitClaim } from './seams';

// stateful_set_control.go: "Realistic value for maximum in-flight requests when processing in parallel mode."
const MAX_BATCH_SIZE = 500;

/**
 * The last replica a StatefulSet's controller asks for once replica `refused` is refused (runForAll in
 * stateful_set_control.go). OrderedReady is monotonic: processReplica creates one Pod and returns on its
 * error, so nothing past it is asked for. Parallel creates through slowStartBatch, in batches of 1, 2, 4, …
 * (at most 500) that stop after a batch with an error: the rest of that batch is asked for, later batches
 * are not. Every later sync starts again at the first replica and fails in the same batch, so the dry-run's
 * settled state is that of one sync. Replicas count from 0 whatever spec.ordinals.start is: the batches
 * walk the controller's list of replicas, not their ordinals.
 */
export function lastOrdinalAsked(policy: StatefulSet['spec']['podManagementPolicy'], refused: number): number {
  if (policy === 'OrderedReady') return refused;
  let start = 0;
  let size = 1;
  while (start + size <= refused) {
    start += size;
    size = Math.min(2 * size, MAX_BATCH_SIZE);
  }
  return start + size - 1;
}

const controllerOf = (pod: Pod) => pod.metadata.ownerReferences?.find((o) => o.controller);

// The ordinal of a StatefulSet's Pod `<set>-<ordinal>` (getParentNameAndOrdinal), or -1.
function ordinalOf(pod: Pod, set: string): number {
  const rest = pod.metadata.name.slice(set.length + 1);
  return pod.metadata.name.startsWith(`${set}-`) && /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/** Each StatefulSet's last ordinal still asked for, as refusals come in. */
class StatefulSetStops {
  private readonly sets = new Map<string, StatefulSet>();
  private readonly stop = new Map<string, number>();

  constructor(sets: readonly StatefulSet[]) {
    for (const s of sets) this.sets.set(objectRef(s), s);
  }

  private setOf(pod: Pod): { ref: string; ordinal: number } | undefined {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'StatefulSet') return undefined;
    const ref = objectRef({ kind: owner.kind, metadata: { namespace: pod.metadata.namespace, name: owner.name } });
    return this.sets.has(ref) ? { ref, ordinal: ordinalOf(pod, owner.name) } : undefined;
  }

  /** Whether the controller still asks for this Pod. */
  asks(pod: Pod): boolean {
    const s = this.setOf(pod);
    return !s || !this.stop.has(s.ref) || s.ordinal <= this.stop.get(s.ref)!;
  }

  /** Records that the API server refused this Pod. */
  refused(pod: Pod): void {
    const s = this.setOf(pod);
    if (!s || this.stop.has(s.ref)) return;
    const set = this.sets.get(s.ref)!;
    const start = startOrdinal(set);
    this.stop.set(s.ref, start + lastOrdinalAsked(set.spec.podManagementPolicy, s.ordinal - start));
  }
}

/** What the admission stage reads besides the Pods. */
export interface AdmissionStage {
  /** Every object the namespaces hold (LimitRanges, ResourceQuotas, the Pods and claims given, StorageClasses). */
  all: readonly AnyObject[];
  statefulSets: readonly StatefulSet[];
  /** The claims a StatefulSet creates before each of its Pods, by the Pod's `Pod/namespace/name`. */
  claims: ReadonlyMap<string, Obj[]>;
  admit: Admit;
  admitClaim: AdmitClaim;
}

/** What admission lets through, in order: the Pods (as admitted) and the claims created for them. */
export interface Admitted {
  pods: Pod[];
  claims: PersistentVolumeClaim[];
}

/** The Pods and claims admission lets through; refusals and the Pods never asked for go to the log. */
export function admitted(pods: readonly Pod[], stage: AdmissionStage, log: StageLog): Admitted {
  const out: Admitted = { pods: [], claims: [] };
  // Each namespace's objects, admitted Pods and created claims, gathered once rather than per Pod.
  const objects = new Map<string, AnyObject[]>();
  for (const o of stage.all) {
    const list = objects.get(o.metadata.namespace);
    if (list) list.push(o);
    else objects.set(o.metadata.namespace, [o]);
  }
  const classes = stage.all.filter((o) => o.kind === 'StorageClass');
  const admittedIn = new Map<string, Pod[]>();
  const claimsIn = new Map<string, PersistentVolumeClaim[]>();
  const stops = new StatefulSetStops(stage.statefulSets);
  const skipped = new Map<string, string[]>();
  const successes = new Successes(log.events);
  const context = podAdmissionContext(stage.all);
  // Admission's warnings about a workload's spec, once for all its Pods.
  const warned = new Set<string>();
  for (const pod of pods) {
    if (!stops.asks(pod)) {
      successes.retract(pod);
      const set = `${pod.metadata.namespace}/${controllerOf(pod)!.name}`;
      (skipped.get(set) ?? skipped.set(set, []).get(set)!).push(pod.metadata.name);
      continue;
    }
    const ns = pod.metadata.namespace;
    const namespace = objects.get(ns) ?? [];
    // A given Pod of the same name stands for the controller's, and the controller made no claims for it.
    const manifests = (controllerOf(pod)?.kind === 'StatefulSet' && stage.claims.get(objectRef(pod))) || [];
    const claims = manifests.length
      ? createClaims(
          pod,
          manifests,
          { namespace: [...namespace, ...classes], claimsIn, admitClaim: stage.admitClaim },
          log,
        )
      : { created: [], errors: [] };
    out.claims.push(...claims.created);
    // Appended to as Pods are admitted (never copied per Pod); admission reads it during its call only.
    const before = admittedIn.get(ns) ?? admittedIn.set(ns, []).get(ns)!;
    // The ServiceAccount, Priority and DefaultTolerationSeconds plugins run before LimitRanger and ResourceQuota.
    const mutated = claims.errors.length
      ? { rejected: claims.errors.length === 1 ? claims.errors[0] : `[${claims.errors.join(', ')}]` }
      : withAdmissionDefaults(pod, context);
    if ('warning' in mutated && mutated.warning && !warned.has(mutated.warning)) {
      warned.add(mutated.warning);
      log.warnings.push(mutated.warning);
    }
    const result = 'rejected' in mutated ? mutated : stage.admit({ pod: mutated.pod, namespace, admitted: before });
    if ('rejected' in result) {
      refused(pod, result.rejected, log, successes);
      stops.refused(pod);
    } else {
      out.pods.push(result.pod);
      before.push(result.pod);
      for (const w of result.warnings ?? []) log.warnings.push(`${objectRef(pod)}: ${w}`);
    }
  }
  for (const [set, names] of skipped) log.steps.push(notAsked(set, names));
  successes.drop();
  return out;
}

interface ClaimContext {
  namespace: readonly AnyObject[];
  claimsIn: Map<string, PersistentVolumeClaim[]>;
  admitClaim: AdmitClaim;
}

// createPersistentVolumeClaims (stateful_pod_control.go): each claim the Pod lacks is created on its own,
// with its event (recordClaimEvent); any failure fails the Pod's create with `failed to create PVC <name>: …`.
function createClaims(pod: Pod, manifests: readonly Obj[], ctx: ClaimContext, log: StageLog) {
  const owner = controllerOf(pod)!;
  const ns = pod.metadata.namespace;
  const ref = objectRef({ kind: owner.kind, metadata: { namespace: ns, name: owner.name } });
  const given = new Set(ctx.namespace.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name));
  const created: PersistentVolumeClaim[] = [];
  const errors: string[] = [];
  const events: ClusterEvent[] = [];
  for (const manifest of manifests) {
    const name = String((manifest.metadata as Obj).name);
    if (given.has(name)) continue;
    const before = ctx.claimsIn.get(ns) ?? ctx.claimsIn.set(ns, []).get(ns)!;
    const read = claimOf(manifest);
    const result =
      'message' in read
        ? { rejected: read.message }
        : ctx.admitClaim({ claim: read.claim, namespace: ctx.namespace, admitted: before });
    if ('rejected' in result) {
      errors.push(`failed to create PVC ${name}: ${result.rejected}`);
      events.push({
        object: ref,
        type: 'Warning',
        reason: 'FailedCreate',
        message: `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${owner.name} failed error: ${result.rejected}`,
      });
    } else {
      created.push(result.claim);
      // Appended to (never copied per claim): a run's claims are replicas × templates.
      before.push(result.claim);
      events.push({
        object: ref,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${owner.name} success`,
      });
    }
  }
  // The claims' events come before the Pod's, which the controller stage wrote ahead.
  const at = log.events.findIndex(
    (e) => e.object === ref && e.message === `create Pod ${pod.metadata.name} in StatefulSet ${owner.name} successful`,
  );
  log.events.splice(at < 0 ? log.events.length : at, 0, ...events);
  return { created, errors };
}

// The claim as the API server reads it, or its `PersistentVolumeClaim "…" is invalid: …` message.
function claimOf(manifest: Obj): { claim: PersistentVolumeClaim } | { message: string } {
  try {
    return { claim: parseObjects([manifest]).persistentVolumeClaims[0] };
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    const errors = e.problems.map((p) => problemAsFieldError(p, 'objects[0]'));
    return { message: invalidObject('PersistentVolumeClaim', 'v1', String((manifest.metadata as Obj).name), errors) };
  }
}

function notAsked(set: string, names: readonly string[]): ReturnType<typeof step> {
  const list = names.join(', ');
  return step(
    'statefulset-stop',
    `StatefulSet/${set}`,
    `StatefulSet ${set} stopped creating Pods at the one the API server refused, so ${list} ${names.length === 1 ? 'was' : 'were'} never created: with podManagementPolicy OrderedReady it creates one Pod at a time, and with Parallel it stops after the batch (1, 2, 4, … Pods) that failed. It tries again on every sync and stops at the same Pod until the refusal's cause is fixed.`,
    `StatefulSet ${set}은 API 서버가 거부한 Pod에서 생성을 멈추어 ${list}는 만들어지지 않았다. podManagementPolicy가 OrderedReady이면 Pod를 하나씩 만들고, Parallel이면 실패한 묶음(1, 2, 4, … 개)에서 멈춘다. 동기화할 때마다 다시 시도하지만 거부 원인을 고치기 전까지는 같은 Pod에서 멈춘다.`,
  );
}

// The successes the controller stage wrote ahead of admission (`create Pod web-0 in StatefulSet web
// successful`, `Created pod: web-x7k2p`), found by owner and message rather than by searching every
// event for each Pod a controller did not create after all (a quota refusing 4 900 of 5 000 replicas
// searched 10 000 events each). A retracted success is marked and the marked ones are dropped at the
// end, which leaves the events as removing each at once would.
class Successes {
  private readonly byKey = new Map<string, ClusterEvent>();
  private readonly dropped = new Set<ClusterEvent>();

  constructor(private readonly events: ClusterEvent[]) {
    for (const e of events) if (e.reason === 'SuccessfulCreate') this.byKey.set(`${e.object}\n${e.message}`, e);
  }

  /** Takes back the success written for a Pod that was not created after all. */
  retract(pod: Pod): void {
    const owner = controllerOf(pod);
    if (!owner) return;
    const ref = objectRef({ kind: owner.kind, metadata: { namespace: pod.metadata.namespace, name: owner.name } });
    const name = pod.metadata.name;
    const message =
      owner.kind === 'StatefulSet'
        ? `create Pod ${name} in StatefulSet ${owner.name} successful`
        : `Created pod: ${name}`;
    const e = this.byKey.get(`${ref}\n${message}`);
    if (e) this.dropped.add(e);
  }

  /** Removes the retracted events, keeping the others in order. */
  drop(): void {
    if (!this.dropped.size) return;
    let kept = 0;
    for (const e of this.events) if (!this.dropped.has(e)) this.events[kept++] = e;
    this.events.length = kept;
  }
}

// A Pod a controller asked for and the API server refused is the controller's FailedCreate event, worded
// as its controller records it (replica_set.go: "Error creating: …"; stateful_pod_control.go's
// recordPodEvent: "create Pod … in StatefulSet … failed error: …"), so "why 2 of 3 Pods?" has its answer.
function refused(pod: Pod, message: string, log: StageLog, successes: Successes): void {
  const owner = controllerOf(pod);
  if (!owner) {
    log.rejected.push({ object: objectRef(pod), message });
    return;
  }
  successes.retract(pod);
  const ref = objectRef({ kind: owner.kind, metadata: { namespace: pod.metadata.namespace, name: owner.name } });
  log.events.push({
    object: ref,
    type: 'Warning',
    reason: 'FailedCreate',
    message:
      owner.kind === 'StatefulSet'
        ? `create Pod ${pod.metadata.name} in StatefulSet ${owner.name} failed error: ${message}`
        : `Error creating: ${message}`,
  });
}
