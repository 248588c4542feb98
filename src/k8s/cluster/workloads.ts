// The workload kinds the controllers read (apps/v1 Deployment, ReplicaSet, DaemonSet; batch/v1 Job,
// CronJob), validated as the API server's apps and batch validation does (pkg/apis/apps/validation,
// pkg/apis/batch/validation): a selector that matches the template's labels, a valid Pod template,
// the restart policy each kind allows. StatefulSets are read by the object model (objects/cluster-kinds.ts).
import { FieldPath, KubeknowError, type Problem } from '../../errors';
import {
  INT32_MAX,
  isObj,
  isValidLabelValue,
  readLabelSelector,
  readPodSpec,
  Reader,
  type LabelSelector,
  type Obj,
  type OtherObject,
  type Pod,
} from '../objects';
import { selectorMatches } from '../scheduling';
import { invalidField, invalidObject, problemAsFieldError, undecodable } from './messages';
import { illustrativeUid } from './names';

export const WORKLOAD_KINDS = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
} as const;
export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

/** A workload as its controller reads it: the object (with the API server's defaults), its selector and Pod template. */
export interface Workload {
  kind: WorkloadKind;
  object: OtherObject;
  replicas: number;
  selector?: LabelSelector;
  template: { labels: Record<string, string>; annotations: Record<string, string>; raw: Obj };
  spec: Pod['spec'];
}

const obj = (v: unknown): Obj => (isObj(v) ? v : {});

function problemsOf(r: Reader): readonly Problem[] {
  try {
    r.problems.throwIfAny();
    return [];
  } catch (e) {
    return (e as KubeknowError).problems;
  }
}

// Where each kind keeps its Pod template.
const templatePath = (kind: WorkloadKind): string[] =>
  kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];

function restartPolicyError(kind: WorkloadKind, spec: Obj, path: string): string | undefined {
  const policy = spec.restartPolicy;
  if (kind === 'Job' || kind === 'CronJob') {
    // ValidateJobSpec: a Job's Pods may not restart forever.
    if (policy === undefined || policy === null || policy === '')
      return `${path}: Required value: valid values: "OnFailure", "Never"`;
    if (policy !== 'OnFailure' && policy !== 'Never')
      return `${path}: Unsupported value: ${JSON.stringify(policy)}: supported values: "OnFailure", "Never"`;
    return undefined;
  }
  if (policy !== undefined && policy !== 'Always')
    return `${path}: Unsupported value: ${JSON.stringify(policy)}: supported values: "Always"`;
  return undefined;
}

/** The workload read from its object, or the API server's message refusing it. */
export function readWorkload(o: OtherObject): Workload | { message: string } {
  const kind = o.kind as WorkloadKind;
  if (o.apiVersion !== WORKLOAD_KINDS[kind])
    return { message: `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(o.apiVersion)}` };
  const r = new Reader();
  const spec = obj(o.raw.spec);
  const tp = templatePath(kind);
  let template: Obj = o.raw;
  for (const key of tp) template = obj(template[key]);
  const base = FieldPath.root(tp.join('.'));
  const tmeta = obj(template.metadata);
  const labels = r.labels(tmeta.labels, base.child('metadata').child('labels'));
  const annotations = r.strMap(tmeta.annotations, base.child('metadata').child('annotations'));
  const podSpec = readPodSpec(r, template.spec, base.child('spec'));
  const errors = problemsOf(r).map((p) => problemAsFieldError(p, ''));
  const restart = restartPolicyError(kind, obj(template.spec), `${base.toString()}.spec.restartPolicy`);
  if (restart) errors.push(restart);
  let selector: LabelSelector | undefined;
  if (kind !== 'CronJob' && kind !== 'Job') {
    const sr = new Reader();
    selector = readLabelSelector(sr, spec.selector, FieldPath.root('spec').child('selector'));
    errors.push(...problemsOf(sr).map((p) => problemAsFieldError(p, '')));
    const mismatch = `spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``;
    // No selector converts to labels.Nothing() (LabelSelectorAsSelector), which matches no labels, so the
    // template check fails too: ValidateDeploymentSpec and ValidateReplicaSetSpec add it to their
    // Required value, ValidateDaemonSetSpec (which has no Required check) reports it alone.
    if (!selector) errors.push(...(kind === 'DaemonSet' ? [] : ['spec.selector: Required value']), mismatch);
    else if (!selector.matchExpressions.length && !Object.keys(selector.matchLabels).length)
      errors.push(invalidField('spec.selector', 'null', `empty selector is invalid for ${kind.toLowerCase()}`));
    else if (!selectorMatches(selector, labels)) errors.push(mismatch);
  }
  if (kind === 'CronJob' && typeof spec.schedule !== 'string') errors.push('spec.schedule: Required value');
  const replicas = spec.replicas ?? 1;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || Math.abs(replicas) > INT32_MAX)
    return { message: undecodable(kind, o.apiVersion, `${kind}Spec.spec.replicas`, replicas, 'int32') };
  if (replicas < 0) errors.push(invalidField('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  // The Job strategy puts the Job's name in the template's job-name and batch.kubernetes.io/job-name labels
  // (generateSelector, below) before validation, which checks them as label values
  // (ValidatePodTemplateSpec → ValidateLabels): a Job named past 63 characters is refused, once for both
  // labels, as ToAggregate drops the repeat.
  if (kind === 'Job' && spec.manualSelector !== true)
    for (const m of isValidLabelValue(o.metadata.name))
      errors.push(invalidField('spec.template.labels', o.metadata.name, m));
  if (errors.length) return { message: invalidObject(kind, o.apiVersion, o.metadata.name, errors) };
  const read: Workload = {
    kind,
    object: { ...o, raw: withDefaults(kind, o.raw) },
    replicas,
    ...(selector ? { selector } : {}),
    template: { labels, annotations, raw: template },
    spec: podSpec,
  };
  return kind === 'Job' ? withJobSelector(read) : read;
}

// The Job strategy's PrepareForCreate (pkg/registry/batch/job/strategy.go, generateSelector): unless
// manualSelector is true, the template gets job-name and controller-uid labels, current and legacy, where
// it has none of its own, and the selector matches batch.kubernetes.io/controller-uid. The uid is the
// Job's own, or an illustrative one (the API server draws it at random), shown on the Job as well.
function withJobSelector(w: Workload): Workload {
  const j = w.object;
  const spec = obj(j.raw.spec);
  if (spec.manualSelector === true) return w;
  const uid = j.metadata.uid ?? illustrativeUid(`Job/${j.metadata.namespace}/${j.metadata.name}`);
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': j.metadata.name,
    'controller-uid': uid,
    'job-name': j.metadata.name,
    ...w.template.labels,
  };
  const given = obj(spec.selector);
  const matchLabels = { 'batch.kubernetes.io/controller-uid': uid, ...obj(given.matchLabels) };
  const template = { ...w.template.raw, metadata: { ...obj(w.template.raw.metadata), labels } };
  const raw = {
    ...j.raw,
    metadata: { ...obj(j.raw.metadata), uid },
    spec: { ...spec, selector: { ...given, matchLabels }, template },
  };
  return {
    ...w,
    object: { ...j, metadata: { ...j.metadata, uid }, raw },
    template: { ...w.template, labels, raw: template },
  };
}

// Go prints a label map as map[string]string{"app":"web"}.
const goMap = (m: Record<string, string>): string =>
  `map[string]string{${Object.entries(m)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(', ')}}`;

// SetDefaults_Deployment, _ReplicaSet, _DaemonSet, _Job, _CronJob (pkg/apis/{apps,batch}/v1/defaults.go).
function withDefaults(kind: WorkloadKind, raw: Obj): Obj {
  const spec = obj(raw.spec);
  const defaults: Record<WorkloadKind, Obj> = {
    Deployment: {
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    },
    ReplicaSet: { replicas: 1 },
    DaemonSet: {
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    },
    // podReplacementPolicy: TerminatingOrFailed, or Failed with a podFailurePolicy (SetDefaults_Job, JobPodReplacementPolicy on by default).
    Job: {
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed',
    },
    CronJob: { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 },
  };
  const d = defaults[kind];
  if (kind === 'Job' && spec.completions === undefined && spec.parallelism === undefined) d.completions = 1;
  return { ...raw, spec: { ...d, ...spec } };
}
