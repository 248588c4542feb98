// The fields the API server fills in a Pod's spec and in every Pod template's spec that the kernel does
// not model (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, SetDefaults_Pod, SetDefaults_Container,
// SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume, SetDefaults_*VolumeSource,
// SetDefaults_ObjectFieldSelector, SetDefaults_ServiceAccountTokenProjection), and the deprecated
// `serviceAccount` the v1 conversion writes beside `serviceAccountName`. They are shown as
// `kubectl get -o yaml` shows them: laid under the object as given, so a given value always wins.
// The modelled defaults (dnsPolicy, probe thresholds, port protocols, …) are filled by the readers.
import { isObj, type Obj } from './read';

// v1.DefaultTerminationGracePeriodSeconds, v1.TerminationMessagePathDefault, and the mode 0644 that
// SecretVolumeSourceDefaultMode, ConfigMapVolumeSourceDefaultMode, … all are.
const GRACE_PERIOD_SECONDS = 30;
const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
const DEFAULT_MODE = 0o644;
const TOKEN_EXPIRATION_SECONDS = 3600;

// Where each kind holds its Pod template, by `apiVersion kind`.
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  'v1 PodTemplate': ['template'],
  'v1 ReplicationController': ['spec', 'template'],
  'apps/v1 Deployment': ['spec', 'template'],
  'apps/v1 ReplicaSet': ['spec', 'template'],
  'apps/v1 DaemonSet': ['spec', 'template'],
  'apps/v1 StatefulSet': ['spec', 'template'],
  'batch/v1 Job': ['spec', 'template'],
  'batch/v1 CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

const has = (o: Obj, key: string): boolean => o[key] !== undefined && o[key] !== null;

// The given map with each default it lacks (a given null or absent field is filled, as Go's nil is).
function under(o: Obj, defaults: Obj): Obj {
  const out: Obj = { ...o };
  for (const [k, v] of Object.entries(defaults)) if (!has(o, k)) out[k] = v;
  return out;
}

// Each element of a list that is a map, changed by `f`; anything else as given.
const each = (v: unknown, f: (o: Obj) => Obj): unknown =>
  Array.isArray(v) ? (v as unknown[]).map((x) => (isObj(x) ? f(x) : x)) : v;

// SetDefaults_Container's image pull policy: Always for the tag `latest`, and for an image with neither
// a tag nor a digest (parsers.ParseImageName reads it as :latest); else IfNotPresent.
export function imagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  return tag === 'latest' || (!tag && at < 0) ? 'Always' : 'IfNotPresent';
}

// SetDefaults_HTTPGetAction, for the handlers of probes and lifecycle hooks.
const handler = (h: Obj): Obj =>
  isObj(h.httpGet) ? { ...h, httpGet: under(h.httpGet, { path: '/', scheme: 'HTTP' }) } : h;

// SetDefaults_Probe (the handler's defaults too).
const probe = (p: Obj): Obj =>
  handler(under(p, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }));

const fieldRef = (o: Obj): Obj => (isObj(o.fieldRef) ? { ...o, fieldRef: under(o.fieldRef, { apiVersion: 'v1' }) } : o);

function container(c: Obj): Obj {
  const out = under(c, {
    imagePullPolicy: imagePullPolicy(typeof c.image === 'string' ? c.image : ''),
    terminationMessagePath: TERMINATION_MESSAGE_PATH,
    terminationMessagePolicy: 'File',
    resources: {},
  });
  out.ports = each(c.ports, (p) => under(p, { protocol: 'TCP' }));
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (isObj(c[key])) out[key] = probe(c[key]);
  if (isObj(c.lifecycle)) {
    const hooks: Obj = { ...c.lifecycle };
    for (const key of ['postStart', 'preStop']) if (isObj(hooks[key])) hooks[key] = handler(hooks[key]);
    out.lifecycle = hooks;
  }
  out.env = each(c.env, (e) => (isObj(e.valueFrom) ? { ...e, valueFrom: fieldRef(e.valueFrom) } : e));
  for (const key of ['ports', 'env']) if (out[key] === undefined) delete out[key];
  return out;
}

// A projected volume's sources: SetDefaults_ServiceAccountTokenProjection and the downward API's fieldRef.
const projection = (s: Obj): Obj => {
  const out: Obj = { ...s };
  if (isObj(s.serviceAccountToken))
    out.serviceAccountToken = under(s.serviceAccountToken, { expirationSeconds: TOKEN_EXPIRATION_SECONDS });
  if (isObj(s.downwardAPI)) out.downwardAPI = { ...s.downwardAPI, items: each(s.downwardAPI.items, fieldRef) };
  return out;
};

const SOURCES_WITH_MODE = ['secret', 'configMap', 'downwardAPI', 'projected'];

// SetDefaults_Volume (a volume without a source is an emptyDir) and each source's defaultMode.
function volume(v: Obj): Obj {
  const sources = Object.keys(v).filter((k) => k !== 'name' && has(v, k));
  if (!sources.length) return { ...v, emptyDir: {} };
  const out: Obj = { ...v };
  for (const key of SOURCES_WITH_MODE) {
    const s = v[key];
    if (!isObj(s)) continue;
    let filled = under(s, { defaultMode: DEFAULT_MODE });
    if (key === 'downwardAPI') filled = { ...filled, items: each(s.items, fieldRef) };
    if (key === 'projected') filled = { ...filled, sources: each(s.sources, projection) };
    out[key] = filled;
  }
  return out;
}

/** A Pod template's spec as the API server stores it (SetDefaults_PodSpec and the defaults of what it holds). */
export function templateSpecDefaults(spec: Obj): Obj {
  const out = under(spec, {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: GRACE_PERIOD_SECONDS,
  });
  // The v1 conversion keeps the deprecated serviceAccount equal to serviceAccountName.
  const account = spec.serviceAccountName || spec.serviceAccount;
  if (typeof account === 'string' && account)
    Object.assign(out, { serviceAccountName: account, serviceAccount: account });
  for (const key of ['containers', 'initContainers', 'ephemeralContainers'])
    if (Array.isArray(spec[key])) out[key] = each(spec[key], container);
  if (Array.isArray(spec.volumes)) out.volumes = each(spec.volumes, volume);
  return out;
}

/** A Pod's spec as the API server stores it: a template's defaults and SetDefaults_Pod's enableServiceLinks. */
export const podSpecDefaults = (spec: Obj): Obj => under(templateSpecDefaults(spec), { enableServiceLinks: true });

// The object with `f` applied to the map at `path` (a missing or non-map step leaves it as given).
function atPath(o: Obj, path: readonly string[], f: (v: Obj) => Obj): Obj {
  const [key, ...rest] = path;
  const v = o[key];
  if (!isObj(v)) return o;
  return { ...o, [key]: rest.length ? atPath(v, rest, f) : f(v) };
}

/** The raw object with the defaults of its Pod spec or Pod template's spec laid under it; other kinds as given. */
export function withPodDefaults(raw: Obj): Obj {
  if (raw.apiVersion === 'v1' && raw.kind === 'Pod') return atPath(raw, ['spec'], podSpecDefaults);
  const path = TEMPLATE_PATHS[`${String(raw.apiVersion)} ${String(raw.kind)}`];
  return path ? atPath(raw, [...path, 'spec'], templateSpecDefaults) : raw;
}
