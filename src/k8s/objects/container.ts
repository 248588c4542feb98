// Containers of a Pod spec: ports, resources and probes, with the API server's defaults
// (SetDefaults_Probe, SetDefaults_ContainerPort) and validation (validateContainers, validateProbe).
import type { FieldPath } from '../../errors';
import { parseQuantity, QuantityError, type Quantity } from '../quantity';
import type { Container, ContainerPort, Probe, ResourceList } from './types';
import { isDNS1123Label, isRelaxedEnvVarName, isValidPortName } from './names';
import type { Obj, Reader } from './read';
import { isIP } from './ip';
import { INVALID_IP, PROTOCOLS } from './service';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function containerPorts(r: Reader, v: unknown, path: FieldPath): ContainerPort[] {
  const names = new Set<string>();
  return r.list(v, path).flatMap((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return [];
    const containerPort = r.port(o.containerPort, p.child('containerPort'));
    if (o.containerPort === undefined || o.containerPort === null) r.required(p.child('containerPort'));
    const port: ContainerPort = {
      containerPort: containerPort ?? 0,
      protocol: r.oneOf(o.protocol, p.child('protocol'), PROTOCOLS, 'TCP'),
    };
    const name = r.str(o.name, p.child('name'));
    if (name) {
      r.check(p.child('name'), name, isValidPortName(name));
      if (names.has(name)) r.duplicate(p.child('name'), name);
      names.add(name);
      port.name = name;
    }
    const hostPort = o.hostPort === 0 ? undefined : r.port(o.hostPort, p.child('hostPort'));
    if (hostPort !== undefined) port.hostPort = hostPort;
    const hostIP = r.str(o.hostIP, p.child('hostIP'));
    if (hostIP && !isIP(hostIP)) r.invalid(p.child('hostIP'), INVALID_IP, hostIP);
    if (hostIP) port.hostIP = hostIP;
    return [port];
  });
}

// The quantities resourceList read, kept beside the lists it returned. A ResourceList stays plain text
// (JSON-safe, as written, comparable in tests, what output shows), and parsing a quantity again costs
// microseconds, so the kernel keeps no second copy in the model; a memo keyed by the list object spares
// the scheduler and admission re-reading the same requests once per Node or per LimitRange. The memo is
// not state a result depends on: quantitiesOf returns the same map with or without it. An empty list,
// the commonest (a container without requests or limits), is not kept: a weak map's entries are work
// for every garbage collection, and there is nothing to parse again.
const parsedLists = new WeakMap<ResourceList, ReadonlyMap<string, Quantity>>();
const NO_QUANTITIES: ReadonlyMap<string, Quantity> = new Map();

/** The parsed quantity of every entry of a resource list (requests, limits, allocatable), by resource name. */
export function quantitiesOf(list: ResourceList): ReadonlyMap<string, Quantity> {
  const known = parsedLists.get(list);
  if (known) return known;
  // A list built by hand (not by resourceList) is read here; an unparsable entry throws QuantityError.
  const entries = Object.entries(list);
  return entries.length ? new Map(entries.map(([name, text]) => [name, parseQuantity(text)])) : NO_QUANTITIES;
}

/** A map of resource quantities (requests, limits, allocatable); numbers are read as the quantities they spell. */
export function resourceList(r: Reader, v: unknown, path: FieldPath): ResourceList {
  const out: ResourceList = {};
  const parsed = new Map<string, Quantity>();
  for (const [name, q] of Object.entries(r.obj(v, path) ?? {})) {
    // YAML reads `cpu: 1` as a number; the API server reads the same quantity from it.
    const written = typeof q === 'number' ? String(q) : r.str(q, path.key(name));
    if (written === undefined) continue;
    // Quantity.UnmarshalJSON trims white space (strings.TrimSpace) before ParseQuantity, which refuses it.
    const text = trimGoSpace(written);
    try {
      parsed.set(name, parseQuantity(text));
      out[name] = text;
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      r.invalid(path.key(name), e.message, q);
    }
  }
  if (parsed.size) parsedLists.set(out, parsed);
  return out;
}

// Go's unicode.IsSpace, which strings.TrimSpace uses: unlike String.prototype.trim it takes U+0085 and
// leaves U+FEFF. Trimmed by index, not by a /\s+$/-style pattern, which is quadratic on long inner runs.
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function trimGoSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && GO_SPACE.test(text[start])) start++;
  while (end > start && GO_SPACE.test(text[end - 1])) end--;
  return text.slice(start, end);
}

function probe(r: Reader, v: unknown, path: FieldPath, mustSucceedOnce: boolean): Probe | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const handlers = HANDLERS.filter((h) => o[h] !== undefined && o[h] !== null);
  if (handlers.length === 0) r.required(path, 'must specify a handler type');
  if (handlers.length > 1) r.invalid(path.child(handlers[1]), 'may not specify more than 1 handler type');
  const p: Probe = {
    raw: o,
    initialDelaySeconds: r.count(o.initialDelaySeconds, path.child('initialDelaySeconds'), 0, 0),
    periodSeconds: r.count(o.periodSeconds, path.child('periodSeconds'), 1, 10),
    timeoutSeconds: r.count(o.timeoutSeconds, path.child('timeoutSeconds'), 1, 1),
    successThreshold: r.count(o.successThreshold, path.child('successThreshold'), 1, 1),
    failureThreshold: r.count(o.failureThreshold, path.child('failureThreshold'), 1, 3),
  };
  // A liveness or startup probe ends at its first success, so Kubernetes only accepts a threshold of 1.
  if (mustSucceedOnce && p.successThreshold !== 1)
    r.invalid(path.child('successThreshold'), 'must be 1', p.successThreshold);
  return p;
}

function probes(r: Reader, o: Obj, path: FieldPath, sidecarOrMain: boolean): Partial<Container> {
  const out: Partial<Container> = {};
  for (const [key, once] of [
    ['livenessProbe', true],
    ['readinessProbe', false],
    ['startupProbe', true],
  ] as const) {
    if (o[key] === undefined || o[key] === null) continue;
    // Init containers run to completion before the Pod starts, so only sidecars may be probed.
    if (!sidecarOrMain) {
      r.invalid(path.child(key), 'may not be set for init containers without restartPolicy=Always');
      continue;
    }
    const p = probe(r, o[key], path.child(key), once);
    if (p) out[key] = p;
  }
  return out;
}

// A string field of an env entry. YAML reads `value: 1` as a number, which the API server cannot decode
// into the string field ("json: cannot unmarshal number into Go struct field EnvVar…value of type
// string"), so the whole object is refused; here it is a problem at its path, saying to quote it.
function envString(r: Reader, v: unknown, path: FieldPath, goField: string): string | undefined {
  if (typeof v !== 'number') return r.str(v, path);
  r.invalid(
    path,
    `must be a string, not a number: the API server refuses the object (cannot unmarshal number into Go struct field ${goField} of type string); quote it: ${JSON.stringify(String(v))}`,
    v,
  );
  return undefined;
}

// ValidateEnv (pkg/apis/core/validation/validation.go): a name is required, and since
// RelaxedEnvironmentVariableValidation it is printable ASCII other than '=' (IsRelaxedEnvVarName).
// A name with a newline or '=' would break the environment block the runtime passes to the process.
function env(r: Reader, v: unknown, path: FieldPath): void {
  r.list(v, path).forEach((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return;
    const name = envString(r, o.name, p.child('name'), 'EnvVar.name');
    if (!name) r.required(p.child('name'));
    else r.check(p.child('name'), name, isRelaxedEnvVarName(name));
    envString(r, o.value, p.child('value'), 'EnvVar.value');
  });
}

// ValidateEnvFrom: a prefix, when given, is checked as a name (IsRelaxedEnvVarName); the keys it is put
// before are ConfigMap or Secret keys, which the API server already holds to IsConfigMapKey, so a
// prefixed key is always a valid name and the kubelet takes every one (makeEnvironmentVariables).
function envFrom(r: Reader, v: unknown, path: FieldPath): void {
  r.list(v, path).forEach((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    const prefix = o && envString(r, o.prefix, p.child('prefix'), 'EnvFromSource.prefix');
    if (prefix) r.check(p.child('prefix'), prefix, isRelaxedEnvVarName(prefix));
  });
}

function container(r: Reader, v: unknown, path: FieldPath, init: boolean): Container | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const name = r.reqStr(o.name, path.child('name')) ?? '';
  if (name) r.check(path.child('name'), name, isDNS1123Label(name));
  const resources = r.obj(o.resources, path.child('resources')) ?? {};
  const restartPolicy = init ? r.oneOf(o.restartPolicy, path.child('restartPolicy'), ['Always'] as const) : undefined;
  env(r, o.env, path.child('env'));
  envFrom(r, o.envFrom, path.child('envFrom'));
  return {
    name,
    image: r.reqStr(o.image, path.child('image')) ?? '',
    ports: containerPorts(r, o.ports, path.child('ports')),
    resources: {
      requests: resourceList(r, resources.requests, path.child('resources').child('requests')),
      limits: resourceList(r, resources.limits, path.child('resources').child('limits')),
    },
    ...probes(r, o, path, !init || restartPolicy === 'Always'),
    ...(restartPolicy ? { restartPolicy } : {}),
  };
}

/** The containers (or init containers) of a Pod spec; container names must be unique across both lists. */
export function readContainers(r: Reader, v: unknown, path: FieldPath, init: boolean, seen: Set<string>): Container[] {
  return r.list(v, path).flatMap((item, i) => {
    const c = container(r, item, path.index(i), init);
    if (!c) return [];
    if (c.name && seen.has(c.name)) r.duplicate(path.index(i).child('name'), c.name);
    seen.add(c.name);
    return [c];
  });
}
