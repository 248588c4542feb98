// The environment a container's process sees, as the kubelet builds it (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables): envFrom first, then env (valueFrom resolved against the cluster's
// ConfigMaps, Secrets and the Pod's own fields, $(VAR) expanded), then the service links
// (pkg/kubelet/envvars FromServices) for every name not already set. Service links cover the Services
// of the Pod's namespace that have a cluster IP unless enableServiceLinks is false; the `kubernetes`
// Service of `default` is always linked, so KUBERNETES_SERVICE_HOST is always there.
import { fail } from '../../errors';
import type { Text } from '../explanation';
import { isObj, quantitiesOf, type Obj, type OtherObject, type Pod, type Service } from '../objects';
import { parseQuantity, resourceFieldRefValue } from '../quantity';
import type { Cluster } from '../objects';

export interface EnvVar {
  name: string;
  value: string;
  /** Where the value comes from: `env`, `configMap cfg key x`, `service link web`, … */
  source: string;
}

export interface ContainerEnv {
  name: string;
  env: EnvVar[];
}

export interface EnvironmentResult {
  containers: ContainerEnv[];
  warnings: string[];
  notes: Text[];
}

const envName = (s: string): string => s.toUpperCase().replace(/-/g, '_');
// A string field of a raw object, or the fallback.
const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const hasIP = (s: Service): boolean => s.spec.clusterIP !== '' && s.spec.clusterIP !== 'None';

/** The service link variables of one Service (envvars.FromServices). */
export function serviceLinks(s: Service): EnvVar[] {
  const name = envName(s.metadata.name);
  const ip = s.spec.clusterIP;
  const source = `service link ${s.metadata.name}`;
  const v = (n: string, value: string) => ({ name: n, value, source });
  const out: EnvVar[] = [v(`${name}_SERVICE_HOST`, ip)];
  const [first] = s.spec.ports;
  if (!first) return out;
  out.push(v(`${name}_SERVICE_PORT`, String(first.port)));
  for (const p of s.spec.ports) if (p.name) out.push(v(`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)));
  // Docker links' variables, which the kubelet still writes for compatibility.
  out.push(v(`${name}_PORT`, `${first.protocol.toLowerCase()}://${ip}:${first.port}`));
  for (const p of s.spec.ports) {
    const prefix = `${name}_PORT_${p.port}_${p.protocol}`;
    out.push(v(prefix, `${p.protocol.toLowerCase()}://${ip}:${p.port}`));
    out.push(v(`${prefix}_PROTO`, p.protocol.toLowerCase()));
    out.push(v(`${prefix}_PORT`, String(p.port)));
    out.push(v(`${prefix}_ADDR`, ip));
  }
  return out;
}

/** The Services whose links the Pod gets (getServiceEnvVarMap), in name order. */
function linkedServices(pod: Pod, services: readonly Service[]): Service[] {
  const links = (pod.raw?.spec as Obj | undefined)?.enableServiceLinks !== false;
  return services
    .filter(hasIP)
    .filter(
      (s) =>
        (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes') ||
        (links && s.metadata.namespace === pod.metadata.namespace),
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/**
 * The most bytes (UTF-8) the `$(VAR)`-expanded env values of one Pod's containers hold together. Each
 * value may repeat the one before many times, so a 3 KB Pod would otherwise expand exponentially; the
 * kubelet has no such bound, but an answer must have one. Values read as they are (envFrom, valueFrom)
 * are bounded by the body and are not counted.
 */
export const MAX_EXPANDED_ENV_BYTES = 1024 * 1024;

/** What is left of a Pod's expansion budget, shared by its containers. */
interface Budget {
  left: number;
}

// $(VAR) is replaced by VAR's value when defined, $$ escapes, anything else stays (third_party/forked/golang/expansion).
// Built piece by piece, counting bytes, so that it stops (undefined) as soon as the budget is spent,
// having done work proportional to the budget only.
function expand(text: string, defined: ReadonlyMap<string, string>, budget: Budget): string | undefined {
  const pieces: string[] = [];
  const put = (piece: string): boolean => {
    budget.left -= Buffer.byteLength(piece);
    pieces.push(piece);
    return budget.left >= 0;
  };
  let from = 0;
  for (const m of text.matchAll(/\$\$|\$\(([^)]*)\)/g)) {
    const name = m[1];
    const piece = m[0] === '$$' ? '$' : name !== undefined && defined.has(name) ? defined.get(name)! : m[0];
    if (!put(text.slice(from, m.index)) || !put(piece)) return undefined;
    from = m.index + m[0].length;
  }
  return put(text.slice(from)) ? pieces.join('') : undefined;
}

function dataOf(o: OtherObject): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = o.raw;
  const put = (v: unknown, decode: boolean) => {
    if (!isObj(v)) return;
    for (const [k, x] of Object.entries(v))
      if (typeof x === 'string') out[k] = decode ? Buffer.from(x, 'base64').toString('utf8') : x;
  };
  put(raw.data, o.kind === 'Secret');
  // The API server writes stringData into data on create; it wins over data.
  if (o.kind === 'Secret') put(raw.stringData, false);
  return out;
}

interface Context {
  pod: Pod;
  container: Obj;
  cluster: Cluster;
  warnings: string[];
  where: string;
  budget: Budget;
  /** The container's place in spec.containers, for the path of a failure. */
  index: number;
}

function source(ctx: Context, kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined {
  const o = ctx.cluster.others.find(
    (x) => x.kind === kind && x.metadata.namespace === ctx.pod.metadata.namespace && x.metadata.name === name,
  );
  return o && dataOf(o);
}

const fieldPaths: Record<string, (p: Pod) => string | undefined> = {
  'metadata.name': (p) => p.metadata.name,
  'metadata.namespace': (p) => p.metadata.namespace,
  'metadata.uid': (p) => p.metadata.uid,
  'spec.nodeName': (p) => p.spec.nodeName,
  'spec.serviceAccountName': (p) => text((p.raw?.spec as Obj | undefined)?.serviceAccountName, 'default'),
  'status.hostIP': (p) => p.status.hostIP,
  'status.hostIPs': (p) => p.status.hostIP,
  'status.podIP': (p) => p.status.podIP,
  'status.podIPs': (p) => p.status.podIPs.join(','),
};

function fieldRef(ctx: Context, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return ctx.pod.metadata[m[1] as 'labels' | 'annotations'][m[2]] ?? '';
  return fieldPaths[path]?.(ctx.pod);
}

function resourceRef(ctx: Context, ref: Obj): string {
  const name = String(ref.containerName ?? ctx.container.name);
  const c = ctx.pod.spec.containers.find((x) => x.name === name);
  const [kind, resource] = text(ref.resource, '').split('.') as ['limits' | 'requests', string];
  const list = c?.resources[kind] ?? {};
  // Without a limit the kubelet uses the Node's allocatable (cpu, memory); here the made-up Node's.
  const q = quantitiesOf(list).get(resource) ?? parseQuantity(resource === 'cpu' ? '4' : '16Gi');
  return resourceFieldRefValue(
    resource,
    q,
    parseQuantity(typeof ref.divisor === 'number' ? String(ref.divisor) : text(ref.divisor, '1')),
  );
}

function valueFrom(ctx: Context, name: string, from: Obj): { value: string; source: string } | undefined {
  const keyRef = (kind: 'ConfigMap' | 'Secret', ref: Obj) => {
    const data = source(ctx, kind, String(ref.name));
    const key = String(ref.key);
    if (data?.[key] !== undefined)
      return { value: data[key], source: `${kind.toLowerCase()} ${String(ref.name)} key ${key}` };
    if (ref.optional !== true)
      ctx.warnings.push(
        `${ctx.where}: ${name}: ${data ? `couldn't find key ${key} in ${kind} ${ctx.pod.metadata.namespace}/${String(ref.name)}` : `${kind.toLowerCase()} "${String(ref.name)}" not found`}: the container would not start (CreateContainerConfigError)`,
      );
    return undefined;
  };
  if (isObj(from.configMapKeyRef)) return keyRef('ConfigMap', from.configMapKeyRef);
  if (isObj(from.secretKeyRef)) return keyRef('Secret', from.secretKeyRef);
  if (isObj(from.fieldRef)) {
    const path = String(from.fieldRef.fieldPath);
    return { value: fieldRef(ctx, path) ?? '', source: `fieldRef ${path}` };
  }
  if (isObj(from.resourceFieldRef))
    return {
      value: resourceRef(ctx, from.resourceFieldRef),
      source: `resourceFieldRef ${String(from.resourceFieldRef.resource)}`,
    };
  return undefined;
}

function envFrom(ctx: Context, env: Map<string, EnvVar>): void {
  for (const item of Array.isArray(ctx.container.envFrom) ? ctx.container.envFrom : []) {
    if (!isObj(item)) continue;
    const kind = isObj(item.configMapRef) ? 'ConfigMap' : 'Secret';
    const ref = (isObj(item.configMapRef) ? item.configMapRef : item.secretRef) as Obj | undefined;
    if (!ref) continue;
    const data = source(ctx, kind, String(ref.name));
    if (!data) {
      if (ref.optional !== true)
        ctx.warnings.push(
          `${ctx.where}: envFrom ${kind.toLowerCase()} "${String(ref.name)}" not found: the container would not start (CreateContainerConfigError)`,
        );
      continue;
    }
    const prefix = typeof item.prefix === 'string' ? item.prefix : '';
    for (const [k, value] of Object.entries(data))
      env.set(prefix + k, { name: prefix + k, value, source: `envFrom ${kind.toLowerCase()} ${String(ref.name)}` });
  }
}

// The value of env[i], expanded; PAYLOAD_TOO_LARGE at its path (from the Pod) once the Pod's budget is spent.
function expandedValue(ctx: Context, i: number, item: Obj, defined: ReadonlyMap<string, string>): string {
  const value = expand(typeof item.value === 'string' ? item.value : '', defined, ctx.budget);
  if (value !== undefined) return value;
  return fail(
    'PAYLOAD_TOO_LARGE',
    `${ctx.where}: env ${String(item.name)}: $(VAR) expansion grows past ${MAX_EXPANDED_ENV_BYTES} bytes, the most a Pod's expanded env values may hold together: each value repeats the ones before it`,
    `spec.containers[${ctx.index}].env[${i}].value`,
  );
}

function containerEnv(ctx: Context, links: readonly EnvVar[]): EnvVar[] {
  const env = new Map<string, EnvVar>();
  envFrom(ctx, env);
  // What $(VAR) may name: the service links, then what envFrom and the items before set, kept as the
  // items go (made anew for each item, it was quadratic in the env's length).
  const defined = new Map(links.map((l) => [l.name, l.value]));
  for (const e of env.values()) defined.set(e.name, e.value);
  for (const [i, item] of (Array.isArray(ctx.container.env) ? ctx.container.env : []).entries()) {
    if (!isObj(item) || typeof item.name !== 'string') continue;
    const resolved = isObj(item.valueFrom)
      ? valueFrom(ctx, item.name, item.valueFrom)
      : { value: expandedValue(ctx, i, item, defined), source: 'env' };
    if (!resolved) continue;
    env.set(item.name, { name: item.name, ...resolved });
    defined.set(item.name, resolved.value);
  }
  // Service links fill only what env and envFrom did not set.
  for (const l of links) if (!env.has(l.name)) env.set(l.name, l);
  return [...env.values()];
}

// A value is printed as it is unless a reader could take it for something else: a control character
// (a newline would start a line of its own, `LD_PRELOAD=…` under another variable), a Unicode line
// separator, or a leading `"`. Those are printed as a JSON string (double-quoted, `\n`, `\u001b`), so
// a value starting with `"` is always quoted and every line is one variable. JSON.stringify leaves
// DEL, the C1 controls and U+2028/U+2029 as they are: they are escaped too.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNESCAPED = /[\u007f-\u009f\u2028\u2029]/g;

const quoted = (value: string): string =>
  JSON.stringify(value).replace(UNESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One `NAME=value` line of `?format=env`: a value with a control character or a leading `"` as a JSON string. */
export const envLine = (e: { name: string; value: string }): string =>
  `${e.name}=${e.value.startsWith('"') || CONTROL.test(e.value) ? quoted(e.value) : e.value}`;

/** Each container's environment, as the kubelet would start it. */
export function podEnvironment(pod: Pod, cluster: Cluster): EnvironmentResult {
  const warnings: string[] = [];
  const services = linkedServices(pod, cluster.services);
  const links = services.flatMap(serviceLinks);
  const rawSpec = (pod.raw?.spec ?? {}) as Obj;
  const budget = { left: MAX_EXPANDED_ENV_BYTES };
  const containers = (Array.isArray(rawSpec.containers) ? rawSpec.containers : []).flatMap((container, index) => {
    if (!isObj(container)) return [];
    const where = `Pod/${pod.metadata.namespace}/${pod.metadata.name} container ${String(container.name)}`;
    const ctx = { pod, container, cluster, warnings, where, budget, index };
    return [{ name: String(container.name), env: containerEnv(ctx, links) }];
  });
  const off = rawSpec.enableServiceLinks === false;
  return {
    containers,
    warnings,
    notes: [
      {
        en: `Service links for ${services.map((s) => s.metadata.name).join(', ') || 'no Service'}${off ? ' (enableServiceLinks is false: only the kubernetes Service)' : ''}; explicit env and envFrom win over them. The kubelet passes the variables in no fixed order; they are listed as they were set.`,
        ko: `${services.map((s) => s.metadata.name).join(', ') || '없음'} 서비스의 링크 변수${off ? ' (enableServiceLinks가 false라 kubernetes 서비스만)' : ''}. 명시한 env와 envFrom이 우선한다. kubelet은 변수를 정해진 순서 없이 넘기며, 여기서는 설정된 순서로 나열한다.`,
      },
    ],
  };
}
