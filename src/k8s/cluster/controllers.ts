// The controllers of kube-controller-manager, run once to completion: Deployment → ReplicaSet → Pods
// (pkg/controller/deployment, replicaset), StatefulSet → ordinal Pods (pkg/controller/statefulset),
// DaemonSet → a Pod per eligible Node (pkg/controller/daemon), Job → its Pods (pkg/controller/job).
// They write manifests, as the controllers write API objects; the API server stage reads them.
import {
  isDNS1123Subdomain,
  isObj,
  toPlainJson,
  type LabelSelector,
  type Node,
  type Obj,
  type OtherObject,
  type StatefulSet,
  type Toleration,
} from '../objects';
import { selectorMatches, tolerated } from '../scheduling';
import { objectRef, type StageLog } from './model';
import { distinctSuffixes, randomSuffix, templateHash } from './names';
import { invalidField, invalidObject } from './messages';
import type { Workload } from './workloads';

/** What the controllers create: workload objects (a Deployment's ReplicaSet), Pod manifests, and the claims
 * a StatefulSet creates before each of its Pods (by the Pod's `Pod/namespace/name`). */
export interface Created {
  objects: OtherObject[];
  pods: Obj[];
  claims: Map<string, Obj[]>;
  /** The Nodes each DaemonSet should run a Pod on (its status's desiredNumberScheduled), by `DaemonSet/namespace/name`. */
  daemonNodes: Map<string, number>;
}

interface Owner {
  kind: string;
  apiVersion: string;
  metadata: { name: string; namespace: string; uid?: string };
}

const ownerReference = (o: Owner) => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name,
  ...(o.metadata.uid ? { uid: o.metadata.uid } : {}),
  controller: true,
  blockOwnerDeletion: true,
});

/** A Pod's name, and the generateName prefix it was drawn from (the StatefulSet controller names its Pods in full). */
interface PodName {
  name: string;
  generateName?: string;
}

// The API server's name generator keeps at most 58 characters of the prefix before its 5-character
// suffix, so a generated name is at most 63 characters however long the owner's name
// (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go: maxGeneratedNameLength = 63 - 5).
const MAX_GENERATED_PREFIX = 58;

// A generated name: the prefix (as generateName keeps it in full) and generateName's suffix.
const generated = (prefix: string, suffix: string): PodName => ({
  name: `${prefix.slice(0, MAX_GENERATED_PREFIX)}${suffix}`,
  generateName: prefix,
});

function podManifest(
  owner: Owner,
  { name, generateName }: PodName,
  labels: Record<string, string>,
  template: Obj,
  extra: Obj = {},
  ownerReferences = [ownerReference(owner)],
): Obj {
  const meta = (template.metadata ?? {}) as Obj;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateName ? { generateName } : {}),
      namespace: owner.metadata.namespace,
      // What the API server's PrepareForCreate sets (generation.ts), written with the manifest so that
      // thousands of replicas are not copied again to show it.
      generation: 1,
      labels,
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ownerReferences,
    },
    // Without extra fields every replica holds the template's spec object: parsing reads it once (readPod).
    spec: Object.keys(extra).length ? { ...((template.spec ?? {}) as Obj), ...extra } : (template.spec ?? {}),
  };
}

// The ReplicaSet controller names its Pods with generateName `<replicaset>-` (kept in their metadata), and records each one it
// creates (`Created pod: <name>`, controller_utils.go createPods). Its Pods share every object of their
// manifest but the name, owner references included: settle reads the first and copies it for the
// others (settle.ts, replicasRead).
function replicaSetPods(
  rs: Owner,
  replicas: number,
  template: Obj,
  labels: Record<string, string>,
  out: Created,
  log: StageLog,
): void {
  const owners = [ownerReference(rs)];
  const ref = objectRef(rs);
  for (const suffix of distinctSuffixes(ref, replicas)) {
    const pod = generated(`${rs.metadata.name}-`, suffix);
    out.pods.push(podManifest(rs, pod, labels, template, {}, owners));
    log.events.push(event(ref, 'SuccessfulCreate', `Created pod: ${pod.name}`));
  }
}

// The Deployment controller adds pod-template-hash to the ReplicaSet's name, selector and template labels.
function deployment(w: Workload, out: Created, log: StageLog): void {
  const d = w.object;
  const hash = templateHash(JSON.stringify(w.template.raw));
  const labels = { ...w.template.labels, 'pod-template-hash': hash };
  const selector: LabelSelector = {
    ...w.selector!,
    matchLabels: { ...w.selector!.matchLabels, 'pod-template-hash': hash },
  };
  const template = { ...w.template.raw, metadata: { ...((w.template.raw.metadata ?? {}) as Obj), labels } };
  const rsName = `${d.metadata.name}-${hash}`;
  // The ReplicaSet's name is the Deployment's and the hash: past 253 characters the API server refuses
  // it, and getNewReplicaSet (pkg/controller/deployment/sync.go) records ReplicaSetCreateError
  // (FailedRSCreateReason) on the Deployment; no ReplicaSet, no Pods.
  const refusal = refusedName('ReplicaSet', rsName);
  if (refusal) {
    log.events.push(
      warning(
        objectRef(d),
        'ReplicaSetCreateError',
        `Failed to create new replica set ${JSON.stringify(rsName)}: ${refusal}`,
      ),
    );
    return;
  }
  const rs: OtherObject = {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    metadata: { name: rsName, namespace: d.metadata.namespace, labels, annotations: {} },
    raw: {},
  };
  rs.metadata.ownerReferences = [ownerReference(d)];
  rs.raw = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...rs.metadata,
      generation: 1,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(w.replicas),
        'deployment.kubernetes.io/max-replicas': String(w.replicas + Math.ceil(w.replicas / 4)),
        'deployment.kubernetes.io/revision': '1',
      },
    },
    spec: { replicas: w.replicas, selector: selectorJson(selector), template },
  };
  out.objects.push(rs);
  // A new ReplicaSet's event has no "from" (getNewReplicaSet in sync.go); "Scaled up replica set … to
  // 3 from 1" is scaleReplicaSetAndRecordEvent's, when an existing one is resized.
  log.events.push(
    event(objectRef(d), 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to ${w.replicas}`),
  );
  replicaSetPods(rs, w.replicas, template, labels, out, log);
}

const selectorJson = (s: LabelSelector): Obj => ({
  matchLabels: s.matchLabels,
  ...(s.matchExpressions.length ? { matchExpressions: s.matchExpressions } : {}),
});

const event = (object: string, reason: string, message: string) => ({
  object,
  type: 'Normal' as const,
  reason,
  message,
});

// The API server's refusal of an object a controller names after its owner (`<owner>-<hash>`), which a
// valid owner name can push past a DNS subdomain's 253 characters (ValidateObjectMeta).
function refusedName(kind: 'ReplicaSet' | 'ControllerRevision', name: string): string | undefined {
  const errors = isDNS1123Subdomain(name);
  return errors.length
    ? invalidObject(
        kind,
        'apps/v1',
        name,
        errors.map((m) => invalidField('metadata.name', name, m)),
      )
    : undefined;
}

// A StatefulSet or DaemonSet records its revision before it creates Pods: when the API server refuses
// the revision the sync stops there, and the set gets no Pods; the failure is a Warning on the set.
function revisionRefused(owner: StatefulSet | OtherObject, hash: string, log: StageLog): boolean {
  const name = `${owner.metadata.name}-${hash}`;
  const refusal = refusedName('ControllerRevision', name);
  if (refusal)
    log.events.push(
      warning(objectRef(owner), 'FailedCreate', `create ControllerRevision ${name} failed error: ${refusal}`),
    );
  return refusal !== undefined;
}

const warning = (object: string, reason: string, message: string) => ({
  object,
  type: 'Warning' as const,
  reason,
  message,
});

// The tolerations the DaemonSet controller adds to every daemon Pod (pkg/controller/daemon/util
// AddOrUpdateDaemonPodTolerations), so daemons run on not-ready, unreachable and pressured Nodes.
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: Toleration['effect']): Toleration => ({ key, operator: 'Exists', effect });
  return [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

function daemonSet(w: Workload, nodes: readonly Node[], out: Created, log: StageLog): void {
  const ds = w.object;
  const tolerations = [...w.spec.tolerations, ...daemonTolerations(w.spec.hostNetwork)];
  const hash = templateHash(JSON.stringify(w.template.raw));
  if (revisionRefused(ds, hash, log)) return;
  out.objects.push(controllerRevision(ds, hash, w.template.labels));
  const labels = { ...w.template.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' };
  const raw = (w.template.raw.spec ?? {}) as Obj;
  let desired = 0;
  for (const node of nodes) {
    // nodeShouldRunDaemonPod: the node selector, and taints with NoSchedule or NoExecute effects.
    const fits =
      selectorMatches({ matchLabels: w.spec.nodeSelector, matchExpressions: [] }, node.metadata.labels) &&
      node.spec.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerated(tolerations, t));
    if (!fits) {
      log.steps.push(
        step(
          'daemonset',
          objectRef(ds),
          `No daemon Pod on Node ${node.metadata.name}: its labels or taints do not fit.`,
          `Node ${node.metadata.name}에는 레이블이나 테인트가 맞지 않아 데몬 Pod를 만들지 않는다.`,
        ),
      );
      continue;
    }
    desired++;
    // CreatePods names daemon Pods with generateName `<daemonset>-` (controller_utils.go getPodsPrefix).
    const pod = generated(`${ds.metadata.name}-`, randomSuffix(`${objectRef(ds)}@${node.metadata.name}`));
    // Since Kubernetes 1.12 the default scheduler places daemon Pods: the controller pins each to its
    // Node with required node affinity on metadata.name (ReplaceDaemonSetPodNodeNameNodeAffinity).
    const affinity = {
      ...((raw.affinity ?? {}) as Obj),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] },
          ],
        },
      },
    };
    out.pods.push(podManifest(ds, pod, labels, w.template.raw, { tolerations, affinity }));
    log.events.push(event(objectRef(ds), 'SuccessfulCreate', `Created pod: ${pod.name}`));
  }
  out.daemonNodes.set(objectRef(ds), desired);
}

function job(w: Workload, out: Created, log: StageLog): void {
  const j = w.object;
  const spec = j.raw.spec as { parallelism: number; completions?: number; completionMode: string };
  const count = spec.completions === undefined ? spec.parallelism : Math.min(spec.parallelism, spec.completions);
  // The job-name and controller-uid labels are the template's: the API server added them (workloads.ts).
  const labels = w.template.labels;
  const suffixes = distinctSuffixes(objectRef(j), count);
  for (let i = 0; i < count; i++) {
    const indexed = spec.completionMode === 'Indexed';
    const base = indexed ? `${j.metadata.name}-${i}` : j.metadata.name;
    // generateName `<job>-`, or podGenerateNameWithIndex's `<job>-<index>-` (indexed_job_utils.go).
    const pod = generated(`${base}-`, suffixes[i]);
    const podLabels = indexed ? { ...labels, 'batch.kubernetes.io/job-completion-index': String(i) } : labels;
    const template = indexed
      ? {
          ...w.template.raw,
          metadata: {
            annotations: { ...w.template.annotations, 'batch.kubernetes.io/job-completion-index': String(i) },
          },
        }
      : w.template.raw;
    // An Indexed Job's Pod gets the hostname <job>-<index> (pkg/controller/job/indexed_job_utils.go).
    out.pods.push(podManifest(j, pod, podLabels, template, indexed ? { hostname: base } : {}));
    log.events.push(event(objectRef(j), 'SuccessfulCreate', `Created pod: ${pod.name}`));
  }
}

/** A step of the explanation. */
export const step = (rule: string, object: string, en: string, ko: string) => ({ rule, object, text: { en, ko } });

/** The Pods (and ReplicaSets) the controllers create for the workloads and StatefulSets, in input order. */
export function runControllers(
  workloads: readonly Workload[],
  statefulSets: readonly StatefulSet[],
  nodes: readonly Node[],
  log: StageLog,
  caps: ReadonlyMap<string, number> = new Map(),
): Created {
  const out: Created = { objects: [], pods: [], claims: new Map(), daemonNodes: new Map() };
  for (const w of workloads) {
    const ref = objectRef(w.object);
    if (w.kind === 'Deployment') deployment(w, out, log);
    else if (w.kind === 'ReplicaSet') replicaSetPods(w.object, w.replicas, w.template.raw, w.template.labels, out, log);
    else if (w.kind === 'DaemonSet') daemonSet(w, nodes, out, log);
    else if (w.kind === 'Job') job(w, out, log);
    else {
      const schedule = String((w.object.raw.spec as Obj).schedule);
      log.steps.push(
        step(
          'cronjob',
          ref,
          `CronJob ${ref} creates a Job on the schedule "${schedule}". The dry-run does not run schedules, so it creates no Job; a Job made from its jobTemplate would get the Pods a Job gets.`,
          `CronJob ${ref}은 "${schedule}" 일정에 따라 Job을 만든다. 드라이런은 일정을 실행하지 않으므로 Job을 만들지 않는다.`,
        ),
      );
    }
  }
  for (const s of statefulSets) statefulSetPods(s, out, log, caps.get(objectRef(s)));
  return out;
}

/** A StatefulSet's first ordinal: spec.ordinals.start, or 0 (getStartOrdinal in stateful_set_utils.go). */
export const startOrdinal = (s: StatefulSet): number => s.spec.ordinals?.start ?? 0;

// The StatefulSet controller: Pods <name>-<start> … <name>-<start+replicas-1> (getStartOrdinal and
// getEndOrdinal), hostname the Pod's name, subdomain the governing Service, and the labels
// newVersionedStatefulSetPod sets (pod-index is the ordinal); each Pod's claims from the
// volumeClaimTemplates (getPersistentVolumeClaims), which its volumes name (updateStorage).
function statefulSetPods(s: StatefulSet, out: Created, log: StageLog, cap = Infinity): void {
  const raw = ((s.raw?.spec as Obj | undefined)?.template ?? {}) as Obj;
  const hash = templateHash(JSON.stringify(raw));
  if (revisionRefused(s, hash, log)) return;
  out.objects.push(controllerRevision(s, hash, s.spec.template.metadata.labels));
  // A StatefulSet's Pods carry the revision's name, a DaemonSet's the hash alone.
  const revision = `${s.metadata.name}-${hash}`;
  const templates = s.spec.volumeClaimTemplates ?? [];
  const claimed = new Set(templates.map(templateName));
  const own = (((raw.spec ?? {}) as Obj).volumes ?? []) as Obj[];
  // OrderedReady's wait (ordered-ready.ts) caps the ordinals created.
  const start = startOrdinal(s);
  const end = Math.min(start + s.spec.replicas - 1, cap);
  for (let i = start; i <= end; i++) {
    const name = `${s.metadata.name}-${i}`;
    const labels = {
      ...s.spec.template.metadata.labels,
      'apps.kubernetes.io/pod-index': String(i),
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': name,
    };
    const claims = templates.map((t) => claimFor(s, t, i));
    if (claims.length) out.claims.set(`Pod/${s.metadata.namespace}/${name}`, claims);
    // Claim volumes first, then the template's own volumes that no claim template replaces (Go walks the
    // claims as a map, in no fixed order; kubeknow keeps the templates' order).
    const volumes = [
      ...templates.map((t, k) => ({
        name: templateName(t),
        persistentVolumeClaim: { claimName: (claims[k].metadata as Obj).name },
      })),
      ...own.filter((v) => !claimed.has(String(v.name))),
    ];
    log.events.push(
      event(objectRef(s), 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${s.metadata.name} successful`),
    );
    out.pods.push(
      podManifest(s, { name }, labels, raw, {
        hostname: name,
        ...(s.spec.serviceName ? { subdomain: s.spec.serviceName } : {}),
        ...(volumes.length ? { volumes } : {}),
      }),
    );
  }
}

// JSON as Go's json.Marshal writes a map: keys sorted at every level.
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortedKeys(v[k])]),
  );
}

// The revision a StatefulSet or DaemonSet records of its template before it creates Pods
// (history.NewControllerRevision in pkg/controller/history): named `<set>-<hash>`, the template's labels
// with controller-revision-hash, revision 1, and as data the patch that replaces the template (getPatch
// in stateful_set_utils.go and the daemon controller's update.go). getPatch encodes the set the
// controller reads, which the API server has defaulted, decodes it into a map and marshals the map
// back: the data is the defaulted template (as the set shows it, `toPlainJson`) with its keys sorted.
function controllerRevision(
  owner: StatefulSet | OtherObject,
  hash: string,
  labels: Record<string, string>,
): OtherObject {
  const template = (toPlainJson(owner).spec as Obj).template as Obj;
  const metadata = {
    name: `${owner.metadata.name}-${hash}`,
    namespace: owner.metadata.namespace,
    labels: { ...labels, 'controller-revision-hash': hash },
    ownerReferences: [ownerReference(owner)],
  };
  return {
    kind: 'ControllerRevision',
    apiVersion: 'apps/v1',
    metadata: { ...metadata, annotations: {} },
    raw: {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata,
      data: { spec: { template: sortedKeys({ ...template, $patch: 'replace' }) } },
      revision: 1,
    },
  };
}

const templateName = (t: Obj): string => String((t.metadata as Obj).name);

// getPersistentVolumeClaims: `<template>-<set>-<ordinal>` in the set's namespace, the template's labels
// with the set's matchLabels over them; the API server resets the status of what it creates.
function claimFor(s: StatefulSet, t: Obj, ordinal: number): Obj {
  const meta = t.metadata as Obj;
  const labels = { ...((meta.labels ?? {}) as Record<string, string>), ...s.spec.selector.matchLabels };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...meta,
      name: `${templateName(t)}-${s.metadata.name}-${ordinal}`,
      namespace: s.metadata.namespace,
      labels,
    },
    spec: t.spec,
  };
}
