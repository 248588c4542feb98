// What the API server's mutating admission adds to every Pod it creates, where the result is known
// without a running cluster: the ServiceAccount plugin (plugin/pkg/admission/serviceaccount) names the
// `default` account, copies the account's imagePullSecrets and mounts its token as the projected volume
// `kube-api-access-<suffix>` in every container (and refuses a Pod whose account the namespace lacks), the Priority plugin (plugin/pkg/admission/priority) writes the priority and preemption
// policy of the Pod's class (or of the global default class, or 0), and DefaultTolerationSeconds
// (plugin/pkg/admission/defaulttolerationseconds) lets the Pod stay 300 s on a Node that turns
// not-ready or unreachable. The volume's suffix is random in a cluster (generateName): here it is drawn
// from the Pod's owner, so it is illustrative.
import type { Obj, Pod, PreemptionPolicy, Toleration } from '../objects';
import { createdName } from '../admission';
import { isObj, SYSTEM_PRIORITY_CLASSES } from '../objects';
import { objectRef, type AnyObject } from './model';
import { randomSuffix } from './names';

const VOLUME_PREFIX = 'kube-api-access-';
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

// TokenVolumeSource: the token (serviceaccount.WarnOnlyBoundTokenExpirationSeconds, 3607 s), the
// cluster's CA bundle and the namespace, with the mode set explicitly (kubernetes#104464).
const TOKEN_SOURCE: Obj = Object.freeze({
  defaultMode: 0o644,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    {
      downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] },
    },
  ],
});

// notReadyToleration and unreachableToleration (defaultNotReadyTolerationSeconds, 300).
const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
].map((key) =>
  Object.freeze({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 }),
);

interface Account {
  automountServiceAccountToken?: boolean;
  imagePullSecrets: Obj[];
}

interface PriorityOf {
  name: string;
  value: number;
  preemptionPolicy: PreemptionPolicy;
}

/** What admission reads besides the Pod, gathered once from the objects given. */
export interface PodAdmissionContext {
  /** The ServiceAccounts given, by `namespace/name`. */
  accounts: ReadonlyMap<string, Account>;
  /** The PriorityClasses by name, a kubeadm cluster's own two included. */
  classes: ReadonlyMap<string, PriorityOf>;
  /** getDefaultPriorityClass: of the globalDefault classes, the one of lowest value. */
  globalDefault?: PriorityOf;
}

/** The context read once from every object the dry-run holds. */
export function podAdmissionContext(objects: readonly AnyObject[]): PodAdmissionContext {
  const accounts = new Map<string, Account>();
  const classes = new Map<string, PriorityOf>(
    Object.entries(SYSTEM_PRIORITY_CLASSES).map(([name, value]) => [
      name,
      { name, value, preemptionPolicy: 'PreemptLowerPriority' },
    ]),
  );
  let globalDefault: PriorityOf | undefined;
  for (const o of objects) {
    if (o.kind === 'ServiceAccount' && o.apiVersion === 'v1') {
      const { automountServiceAccountToken: mount, imagePullSecrets: secrets } = o.raw ?? {};
      accounts.set(`${o.metadata.namespace}/${o.metadata.name}`, {
        ...(typeof mount === 'boolean' ? { automountServiceAccountToken: mount } : {}),
        // Only the names are copied to the Pod.
        imagePullSecrets: (Array.isArray(secrets) ? (secrets as unknown[]) : []).flatMap((x) =>
          isObj(x) && typeof x.name === 'string' ? [{ name: x.name }] : [],
        ),
      });
    } else if (o.kind === 'PriorityClass' && 'globalDefault' in o) {
      const c = { name: o.metadata.name, value: o.value, preemptionPolicy: o.preemptionPolicy };
      classes.set(c.name, c);
      if (o.globalDefault && (!globalDefault || c.value < globalDefault.value)) globalDefault = c;
    }
  }
  return { accounts, classes, ...(globalDefault ? { globalDefault } : {}) };
}

// The Priority plugin's admitPod: the named class's value and policy, or the global default class's
// (its name written too), or 0 and PreemptLowerPriority; or why the API server refuses the Pod. A class
// the input lacks may be in the user's cluster (as a namespace may, apply.ts): the Pod is left as given
// and the refusal a cluster without the class gives is a warning.
function withPriority(
  spec: Pod['spec'],
  ctx: PodAdmissionContext,
): { spec: Pod['spec']; missing?: string } | { refusal: string } {
  const name = spec.priorityClassName;
  const found: PriorityOf | undefined = name
    ? ctx.classes.get(name)
    : (ctx.globalDefault ?? { name: '', value: 0, preemptionPolicy: 'PreemptLowerPriority' });
  if (!found) return { spec, missing: name };
  if (spec.priority !== undefined && spec.priority !== found.value)
    return {
      refusal: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${found.value} from the given PriorityClass name`,
    };
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== found.preemptionPolicy)
    return {
      refusal: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${found.preemptionPolicy} from the given PriorityClass name`,
    };
  return {
    spec: {
      ...spec,
      ...(found.name ? { priorityClassName: found.name } : {}),
      priority: found.value,
      preemptionPolicy: found.preemptionPolicy,
    },
  };
}

// DefaultTolerationSeconds adds a toleration unless one with that key, or no key, tolerates NoExecute (or every effect).
const tolerates = (list: readonly Toleration[], key: string): boolean =>
  list.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));

// mountServiceAccountToken: each container (init containers first) without a mount at the token's path
// gets one, and the volume is added when one was added and the Pod has no kube-api-access- volume.
function mountToken(raw: Obj, name: string): { raw: Obj; volume?: string } {
  const volumes = Array.isArray(raw.volumes) ? (raw.volumes as unknown[]) : [];
  const existing = volumes.find((v) => isObj(v) && String(v.name).startsWith(VOLUME_PREFIX)) as Obj | undefined;
  const volumeName = existing ? String(existing.name) : name;
  const mount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
  let mounted = false;
  const out: Obj = { ...raw };
  for (const key of ['initContainers', 'containers']) {
    if (!Array.isArray(raw[key])) continue;
    out[key] = (raw[key] as unknown[]).map((c) => {
      if (!isObj(c)) return c;
      const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as unknown[]) : [];
      if (mounts.some((m) => isObj(m) && m.mountPath === TOKEN_MOUNT_PATH)) return c;
      mounted = true;
      return { ...c, volumeMounts: [...mounts, mount] };
    });
  }
  if (!mounted) return { raw };
  if (existing) return { raw: out };
  out.volumes = [...volumes, { name: volumeName, projected: TOKEN_SOURCE }];
  return { raw: out, volume: volumeName };
}

type SpecAdmission = { spec: Pod['spec']; raw: Obj; missingClass?: string } | { refusal: string };
type Admitted = { source: Obj; owners: Pod['metadata']['ownerReferences'] } & SpecAdmission;

// The replicas of a workload share one spec, raw spec and owner references (settle.ts, replicasRead):
// the spec is admitted once for all of them, and they keep sharing the result, as the scheduler and
// kubelet expect. Looked up by identity, since this runs for every Pod the dry-run creates.
const admittedSpecs = new WeakMap<Pod['spec'], Admitted>();

// The spec the plugins leave (their order: ServiceAccount, Priority, DefaultTolerationSeconds), or the
// ServiceAccount or Priority plugin's refusal.
function admitSpec(pod: Pod, rawSpec: Obj, ctx: PodAdmissionContext): SpecAdmission {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const seed = owner ? `${pod.metadata.namespace}/${owner.kind}/${owner.name}` : objectRef(pod);
  const given = rawSpec.serviceAccountName || rawSpec.serviceAccount;
  const account = typeof given === 'string' && given ? given : 'default';
  const sa = ctx.accounts.get(`${pod.metadata.namespace}/${account}`);
  // The ServiceAccount controller creates `default` in every namespace, so only another name can be
  // missing; getServiceAccount then returns NotFound and Admit refuses the Pod.
  if (!sa && account !== 'default')
    return {
      refusal: `error looking up service account ${pod.metadata.namespace}/${account}: serviceaccount ${JSON.stringify(account)} not found`,
    };
  // The Pod's own automountServiceAccountToken wins over its account's; both absent mount the token.
  const own = rawSpec.automountServiceAccountToken;
  const mount = typeof own === 'boolean' ? own : (sa?.automountServiceAccountToken ?? true);
  const named: Obj = { ...rawSpec, serviceAccountName: account };
  // A Pod without imagePullSecrets gets its account's.
  const pullSecrets = Array.isArray(rawSpec.imagePullSecrets) && rawSpec.imagePullSecrets.length > 0;
  if (!pullSecrets && sa?.imagePullSecrets.length) named.imagePullSecrets = sa.imagePullSecrets;
  const { raw, volume } = mount
    ? mountToken(named, `${VOLUME_PREFIX}${randomSuffix(`${seed}@serviceaccount`)}`)
    : { raw: named, volume: undefined };
  const prioritized = withPriority(pod.spec, ctx);
  if ('refusal' in prioritized) return prioritized;
  const added = DEFAULT_TOLERATIONS.filter((t) => !tolerates(pod.spec.tolerations, t.key!));
  if (added.length)
    raw.tolerations = [...(Array.isArray(rawSpec.tolerations) ? (rawSpec.tolerations as unknown[]) : []), ...added];
  const spec = {
    ...prioritized.spec,
    tolerations: added.length ? [...pod.spec.tolerations, ...added] : pod.spec.tolerations,
    volumes: volume ? [...pod.spec.volumes, { name: volume }] : pod.spec.volumes,
  };
  return { spec, raw, ...(prioritized.missing ? { missingClass: prioritized.missing } : {}) };
}

// A PriorityClass the input lacks: for a workload's Pods, said of the workload.
function missingClassWarning(pod: Pod, name: string): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const ref = owner
    ? objectRef({ kind: owner.kind, metadata: { namespace: pod.metadata.namespace, name: owner.name } })
    : objectRef(pod);
  return `${ref}: no PriorityClass with name ${name} was found: a cluster without it refuses ${owner ? 'its Pods' : 'the Pod'}; add a PriorityClass manifest (apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata.name: ${name}, value) before it`;
}

/**
 * The Pod as the ServiceAccount, Priority and DefaultTolerationSeconds plugins leave it, with a warning
 * when it names a PriorityClass the input lacks (the same for every Pod of a workload); or the API
 * server's refusal.
 */
export function withAdmissionDefaults(
  pod: Pod,
  ctx: PodAdmissionContext,
): { pod: Pod; warning?: string } | { rejected: string } {
  const rawPod: Obj = pod.raw ?? {};
  const rawSpec: Obj = isObj(rawPod.spec) ? rawPod.spec : {};
  const owners = pod.metadata.ownerReferences;
  let done = admittedSpecs.get(pod.spec);
  if (!done || done.source !== rawSpec || done.owners !== owners) {
    done = { source: rawSpec, owners, ...admitSpec(pod, rawSpec, ctx) };
    admittedSpecs.set(pod.spec, done);
  }
  if ('refusal' in done) return { rejected: `pods "${createdName(pod)}" is forbidden: ${done.refusal}` };
  const admitted = { ...pod, spec: done.spec, raw: { ...rawPod, spec: done.raw } };
  return done.missingClass
    ? { pod: admitted, warning: missingClassWarning(pod, done.missingClass) }
    : { pod: admitted };
}
