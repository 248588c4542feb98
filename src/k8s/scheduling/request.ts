// The scheduling request facade, the transports' one door to the scheduler: the cluster's objects (Nodes,
// Pods, PersistentVolumes and their claims, StorageClasses, PriorityClasses, Namespaces, Services) and the
// Pod to place — `pod`, or else the last Pod given — checked whole, every problem at its field path,
// then one scheduling cycle of the default profile.
import { KubeknowError, type Problem } from '../../errors';
import {
  parseObjects,
  pathOfObject,
  type Cluster,
  type LabelSelectorRequirement,
  type OtherObject,
  type Pod,
} from '../objects';
import { collect, checked, INPUT_FIELDS, invalid, type Fields, type ManifestInput } from '../request';
import { podPriority } from './framework/priority';
import { schedulePod } from './schedule';
import type { ControllerSelector, SchedulingOptions, SchedulingResult, SchedulingState } from './types';

export interface SchedulingRequest extends ManifestInput {
  /** The Pod to schedule, as a JSON object; absent: the last Pod of the objects (or of the manifest documents). */
  pod?: unknown;
  /** NodeResourcesFit's scoring strategy: LeastAllocated (default), MostAllocated or RequestedToCapacityRatio. */
  scoringStrategy?: unknown;
  /** RequestedToCapacityRatio's shape: [{ utilization: 0–100, score: 0–10 }], utilizations increasing. */
  shape?: unknown;
  /** kube-scheduler's percentageOfNodesToScore (0 = its adaptive default); absent: every node is evaluated. */
  percentageOfNodesToScore?: unknown;
}

const FIELDS = [...INPUT_FIELDS, 'pod', 'scoringStrategy', 'shape', 'percentageOfNodesToScore'];
const STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const;

/** The most points a shape can have: kube-scheduler sets no count, but utilizations are whole numbers
 * from 0 to 100 that increase, so a valid shape has at most 101; a longer list is refused unread. */
export const MAX_SHAPE_POINTS = 101;

function shapeOf(v: unknown, problems: Problem[]): SchedulingOptions['shape'] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_SHAPE_POINTS) {
    const what = `must be a list of 1 to ${MAX_SHAPE_POINTS} points { utilization: 0–100, score: 0–10 }`;
    invalid(problems, 'shape', what, v);
    return undefined;
  }
  const points = v.map((p: unknown, i) => {
    const o = (typeof p === 'object' && p !== null ? p : {}) as Fields;
    const ok = (x: unknown, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
    if (!ok(o.utilization, 100))
      invalid(problems, `shape[${i}].utilization`, 'must be a whole number from 0 to 100', o.utilization);
    if (!ok(o.score, 10)) invalid(problems, `shape[${i}].score`, 'must be a whole number from 0 to 10', o.score);
    return { utilization: Number(o.utilization), score: Number(o.score) };
  });
  problems.push(...shapeOrderProblems(points));
  return points;
}

/** kube-scheduler's rule for a shape: utilizations increase from point to point. */
function shapeOrderProblems(points: readonly { utilization?: unknown }[]): Problem[] {
  const problems: Problem[] = [];
  points.forEach((p, i) => {
    const [before, at] = [points[i - 1]?.utilization, p?.utilization];
    if (i && typeof before === 'number' && typeof at === 'number' && at <= before)
      invalid(problems, `shape[${i}].utilization`, 'utilizations must increase', at);
  });
  return problems;
}

function optionsOf(r: Fields, problems: Problem[]): SchedulingOptions {
  const o: SchedulingOptions = {};
  const s = r.scoringStrategy;
  if (s !== undefined) {
    if ((STRATEGIES as readonly unknown[]).includes(s)) o.scoringStrategy = s as SchedulingOptions['scoringStrategy'];
    else
      problems.push({
        code: 'FIELD_NOT_SUPPORTED',
        path: 'scoringStrategy',
        message: `supported values: ${STRATEGIES.map((x) => `"${x}"`).join(', ')}`,
        value: s,
      });
  }
  if (r.shape !== undefined) o.shape = shapeOf(r.shape, problems);
  const p = r.percentageOfNodesToScore;
  if (p !== undefined) {
    if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 100) o.percentageOfNodesToScore = p;
    else invalid(problems, 'percentageOfNodesToScore', 'must be a whole number from 0 to 100', p);
  }
  return o;
}

/** The Pod given as `pod`, parsed and validated with its problems at `pod.…`. */
function podFrom(v: unknown, problems: Problem[]): Pod | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    invalid(problems, 'pod', 'must be a Pod object', v);
    return undefined;
  }
  const c = collect(
    problems,
    () => parseObjects([v], 'pod'),
    () => true,
  );
  // parseObjects reports the one object at pod[0]; the request calls it `pod`.
  for (const p of problems) if (p.path.startsWith('pod[0]')) p.path = `pod${p.path.slice('pod[0]'.length)}`;
  if (c && !c.pods.length) invalid(problems, 'pod.kind', 'must be Pod', (v as Fields).kind);
  return c?.pods[0];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

// A ReplicaSet here may not have been validated (the scheduling route keeps other kinds as given): only
// well-formed requirements are read.
const isRequirement = (e: unknown): e is LabelSelectorRequirement =>
  !!e &&
  typeof (e as Fields).key === 'string' &&
  OPERATORS.has((e as Fields).operator as string) &&
  ((e as Fields).values === undefined ||
    (Array.isArray((e as Fields).values) && ((e as Fields).values as unknown[]).every((v) => typeof v === 'string')));

/** The selectors of the ReplicaSets and ReplicationControllers among `others` (given ones, or those a
 * Deployment's controller made in the dry-run), which the default spread constraints read. */
export function controllersOf(others: readonly OtherObject[]): ControllerSelector[] {
  return others.flatMap((o) => {
    if (o.kind !== 'ReplicaSet' && o.kind !== 'ReplicationController') return [];
    const spec = (o.raw.spec ?? {}) as Fields;
    const sel = (spec.selector ?? {}) as Fields;
    // A ReplicaSet has a LabelSelector; a ReplicationController's selector is the labels themselves.
    const matchLabels = (o.kind === 'ReplicaSet' ? sel.matchLabels : sel) as Record<string, string> | undefined;
    const expressions =
      o.kind === 'ReplicaSet' && Array.isArray(sel.matchExpressions)
        ? sel.matchExpressions.filter(isRequirement).map((e) => ({ ...e, values: e.values ?? [] }))
        : [];
    if ((!matchLabels || typeof matchLabels !== 'object') && !expressions.length) return [];
    return [
      {
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        selector: {
          matchLabels: matchLabels && typeof matchLabels === 'object' ? matchLabels : {},
          matchExpressions: expressions,
        },
      },
    ];
  });
}

/** The cluster as the scheduler sees it, without the Pod being scheduled. */
export function stateOf(c: Cluster, pod: Pod): SchedulingState {
  return {
    nodes: c.nodes,
    pods: c.pods.filter((p) => p !== pod),
    persistentVolumes: c.persistentVolumes,
    persistentVolumeClaims: c.persistentVolumeClaims,
    storageClasses: c.storageClasses,
    priorityClasses: c.priorityClasses,
    namespaces: c.namespaces,
    services: c.services,
    statefulSets: c.statefulSets,
    controllers: controllersOf(c.others),
  };
}

/** Where kube-scheduler's default profile would place the Pod among the objects, and why — every node's verdict. */
export function schedulingEvaluate(request: SchedulingRequest): SchedulingResult {
  let pod: Pod | undefined;
  const { cluster, value: options } = checked(request, FIELDS, (r, problems) => {
    if (r.pod !== undefined) pod = podFrom(r.pod, problems);
    return optionsOf(r, problems);
  });
  return evaluate(cluster, pod, options, request.pod !== undefined);
}

/** What to schedule in a cluster already read: the Pod (else the last Pod of the cluster) and the options. */
export type SchedulingAsk = Omit<SchedulingRequest, 'objects' | 'manifests'>;

/** schedulingEvaluate for a cluster already read from its manifests (a capability's manifest input). */
export function scheduleIn(cluster: Cluster, ask: SchedulingAsk): SchedulingResult {
  const problems: Problem[] = [];
  const pod = ask.pod !== undefined ? podFrom(ask.pod, problems) : undefined;
  const options = optionsOf(ask, problems);
  if (problems.length) throw new KubeknowError(problems);
  return evaluate(cluster, pod, options, ask.pod !== undefined);
}

function evaluate(cluster: Cluster, given: Pod | undefined, options: SchedulingOptions, podGiven: boolean) {
  const pod = given ?? cluster.pods.at(-1);
  const problems = podProblems(cluster, pod, podGiven);
  if (problems.length) throw new KubeknowError(problems);
  return schedulePod(pod!, stateOf(cluster, pod!), options);
}

/** The problems of the Pod to place that only the cluster shows: there is none, or its PriorityClass is
 * missing (the Priority admission plugin refuses such a Pod). */
function podProblems(cluster: Cluster, pod: Pod | undefined, podGiven: boolean): Problem[] {
  if (!pod)
    return [
      {
        code: 'FIELD_REQUIRED',
        path: 'pod',
        message: 'Required value: the Pod to schedule: give "pod", or put the Pod last among the objects',
      },
    ];
  const missing = podPriority(pod, cluster.priorityClasses).missingClass;
  if (!missing) return [];
  return [
    {
      code: 'FIELD_INVALID',
      // At the field the client sent: `pod`'s, or the Pod's among the objects (`objects[3]`).
      path: `${podGiven ? 'pod' : (pathOfObject(pod) ?? 'pod')}.spec.priorityClassName`,
      message: `pods "${pod.metadata.name}" is forbidden: no PriorityClass with name ${missing} was found`,
      value: missing,
    },
  ];
}

/**
 * The problems scheduleIn finds only in the request as a whole (an invalid or missing Pod, its missing
 * PriorityClass, a shape out of order), for a caller that checks each field itself and wants them in the
 * same answer: a bad scoringStrategy must not hide them until the client has fixed it. `cluster` is
 * undefined when the manifests could not be read; a `pod` or `shape` that is not even an object or a list
 * is left to the caller's field check.
 */
export function schedulingProblems(ask: SchedulingAsk, cluster: Cluster | undefined): Problem[] {
  const problems: Problem[] = [];
  const podGiven = ask.pod !== undefined;
  const readable = typeof ask.pod === 'object' && ask.pod !== null && !Array.isArray(ask.pod);
  const pod = podGiven ? (readable ? podFrom(ask.pod, problems) : undefined) : cluster?.pods.at(-1);
  if (cluster && (pod || !podGiven)) problems.push(...podProblems(cluster, pod, podGiven));
  if (Array.isArray(ask.shape)) problems.push(...shapeOrderProblems(ask.shape as { utilization?: unknown }[]));
  return problems;
}
