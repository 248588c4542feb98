// A probe timeline request read: the Pod (given, or made around a bare container), the container whose
// probes run, and the Service whose EndpointSlice shows the Pod. Every problem comes at once.
import { KubeknowError, type Problem } from '../../errors';
import {
  decodeManifests,
  decodeText,
  DEFAULT_MANIFEST_LIMITS,
  flattenObjects,
  NOT_A_LIST,
  parseObjects,
} from '../objects';
import type { Pod, Probe, Service } from '../objects';
import { readScenario, type ProbeType, type Scenario } from './scenario';
import type { ProbedContainer, ProbeSpec } from './types';

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const FIELDS = [
  'pod',
  'manifests',
  'service',
  'container',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'containerName',
  'scenario',
];
const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];
const KEYS: Record<ProbeType, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> = {
  startup: 'startupProbe',
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
};

export interface TimelineInput {
  pod: Pod;
  service?: Service;
  container: ProbedContainer;
  scenario: Scenario;
}

function requestObject(request: unknown): Fields {
  const value = typeof request === 'string' ? decodeText(request, undefined, DEFAULT_MANIFEST_LIMITS)[0] : request;
  if (!isObject(value))
    throw new KubeknowError({
      code: 'BAD_USER_INPUT',
      path: '',
      message: 'the request must be an object (JSON or YAML)',
    });
  return value;
}

// The Pod manifest: as given, or a Pod around the bare container with the Pod-level fields given beside it.
function podManifest(r: Fields, problems: Problem[]): { manifest: Fields; prefix: string } | undefined {
  if (r.pod !== undefined && r.container !== undefined) {
    problems.push({ code: 'FIELD_INVALID', path: 'container', message: 'give a pod or a container, not both' });
    return undefined;
  }
  if (isObject(r.pod)) return { manifest: r.pod, prefix: 'pod' };
  if (isObject(r.container)) {
    const spec: Fields = { containers: [r.container] };
    if (r.restartPolicy !== undefined) spec.restartPolicy = r.restartPolicy;
    if (r.terminationGracePeriodSeconds !== undefined)
      spec.terminationGracePeriodSeconds = r.terminationGracePeriodSeconds;
    return {
      manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', labels: { app: 'app' } }, spec },
      prefix: 'container',
    };
  }
  problems.push({ code: 'FIELD_REQUIRED', path: 'pod', message: 'required: a Pod (or a container) with probes' });
  return undefined;
}

function parsed<T>(problems: Problem[], rename: (p: string) => string, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    problems.push(...e.problems.map((p) => ({ ...p, path: rename(p.path) })));
    return undefined;
  }
}

// terminationGracePeriodSeconds is an int64: past 2^63 - 1 the API server cannot decode the number.
const INT64_MAX = 2 ** 63 - 1;

function graceOf(raw: unknown, path: string, problems: Problem[]): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw <= 0) {
    problems.push({ code: 'FIELD_INVALID', path, message: 'must be greater than 0', value: raw });
    return undefined;
  }
  if (raw > INT64_MAX) {
    problems.push({
      code: 'FIELD_INVALID',
      path,
      message: 'must be less than or equal to 9223372036854775807 (an int64)',
      value: raw,
    });
    return undefined;
  }
  return raw;
}

function probeSpec(type: ProbeType, p: Probe, path: string, problems: Problem[]): ProbeSpec {
  const handler = HANDLERS.find((h) => p.raw[h] !== undefined) ?? 'exec';
  const grace = graceOf(p.raw.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`, problems);
  // validateReadinessProbe: a readiness failure never kills, so it has no grace period of its own.
  if (type === 'readiness' && p.raw.terminationGracePeriodSeconds !== undefined)
    problems.push({
      code: 'FIELD_INVALID',
      path: `${path}.terminationGracePeriodSeconds`,
      message: 'must not be set for readinessProbes',
    });
  const { initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold } = p;
  return {
    type,
    handler,
    handlerValue: p.raw[handler],
    path,
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds,
    successThreshold,
    failureThreshold,
    ...(grace !== undefined && type !== 'readiness' ? { terminationGracePeriodSeconds: grace } : {}),
  };
}

function containerOf(pod: Pod, name: unknown, prefix: string, problems: Problem[]): ProbedContainer | undefined {
  const index = typeof name === 'string' ? pod.spec.containers.findIndex((c) => c.name === name) : 0;
  if (index < 0) {
    problems.push({
      code: 'FIELD_INVALID',
      path: 'containerName',
      message: `no container named "${String(name)}" in the Pod`,
    });
    return undefined;
  }
  const c = pod.spec.containers[index];
  const containerPath = prefix === 'container' ? 'container' : `pod.spec.containers[${index}]`;
  const probes: ProbedContainer['probes'] = {};
  for (const type of ['startup', 'liveness', 'readiness'] as const) {
    const p = c[KEYS[type]];
    if (p) probes[type] = probeSpec(type, p, `${containerPath}.${KEYS[type]}`, problems);
  }
  const podSpec = (pod.raw?.spec ?? {}) as Fields;
  const grace = graceOf(
    podSpec.terminationGracePeriodSeconds,
    prefix === 'container' ? 'terminationGracePeriodSeconds' : 'pod.spec.terminationGracePeriodSeconds',
    problems,
  );
  return {
    name: c.name,
    probes,
    restartPolicy: pod.spec.restartPolicy,
    terminationGracePeriodSeconds: grace ?? 30,
    containerPath,
  };
}

// Manifest text (a concept's example, `kubectl get -o yaml`): its last Pod, and its first Service unless
// one is given. Problems of that Pod are reported under `pod`, as if it had been given so.
function fromManifests(r: Fields, problems: Problem[]): Fields {
  const { manifests, ...rest } = r;
  if (manifests === undefined) return r;
  if (typeof manifests !== 'string') {
    problems.push({ code: 'FIELD_INVALID', path: 'manifests', message: 'must be text: YAML or JSON manifests' });
    return rest;
  }
  if (r.pod !== undefined || r.container !== undefined) {
    problems.push({
      code: 'FIELD_INVALID',
      path: 'manifests',
      message: 'give manifests, a pod or a container, one of them',
    });
    return rest;
  }
  const limits = DEFAULT_MANIFEST_LIMITS;
  const values = flattenObjects(decodeManifests(manifests, undefined, limits), limits);
  // A list among the objects is refused as every route refuses it, not passed over as other values are.
  const list = values.findIndex(Array.isArray);
  if (list >= 0) {
    problems.push({ code: 'FIELD_INVALID', path: 'manifests', message: `its object at index ${list} ${NOT_A_LIST}` });
    return rest;
  }
  const objects = values.filter(isObject);
  const pod = objects.filter((o) => o.kind === 'Pod').at(-1);
  if (!pod) {
    problems.push({
      code: 'FIELD_REQUIRED',
      path: 'manifests',
      message: 'required: a Pod (the last one is simulated)',
    });
    return rest;
  }
  const service = r.service ?? objects.find((o) => o.kind === 'Service');
  return { ...rest, pod, ...(service !== undefined ? { service } : {}) };
}

/** The request, read and checked; throws every problem at once. */
export function readTimelineRequest(request: unknown): TimelineInput {
  const problems: Problem[] = [];
  const r = fromManifests(requestObject(request), problems);
  for (const k of Object.keys(r))
    if (r[k] !== undefined && !FIELDS.includes(k))
      problems.push({
        code: 'FIELD_NOT_SUPPORTED',
        path: k,
        message: `unknown field; supported: ${FIELDS.join(', ')}`,
      });
  const scenario = readScenario(r.scenario, problems);
  // Manifests without a Pod are one problem, not also a missing pod.
  const m = problems.some((p) => p.path === 'manifests') ? undefined : podManifest(r, problems);
  const rename = (p: string) => {
    const inPod = p.replace(/^objects\[0\]/, 'pod');
    return m?.prefix === 'container' ? inPod.replace(/^pod\.spec\.containers\[0\]/, 'container') : inPod;
  };
  const pod = m && parsed(problems, rename, () => parseObjects([m.manifest]).pods[0]);
  if (m && !pod && !problems.length)
    problems.push({ code: 'FIELD_INVALID', path: m.prefix, message: 'must be a Pod (kind: Pod)' });
  const service = isObject(r.service)
    ? parsed(
        problems,
        (p) => p.replace(/^objects\[0\]/, 'service'),
        () => parseObjects([r.service]).services[0],
      )
    : undefined;
  const container = pod && containerOf(pod, r.containerName, m.prefix, problems);
  if (problems.length) throw new KubeknowError(problems);
  return { pod: pod!, ...(service ? { service } : {}), container: container!, scenario };
}
