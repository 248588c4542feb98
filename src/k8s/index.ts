// The kernel's one door for transports (REST, GraphQL, MCP): a request is plain data, as a client
// sent it, and so is the result. A request is checked whole before anything is computed: its shape,
// its options, its question and its manifests, with every problem reported at once at its field path
// (`query.type`, `objects[1].spec.ports[0].port`), so a transport only parses, calls and shapes.
import { FieldPath, KubeknowError, type Problem } from '../errors';
import {
  answer,
  buildIndex,
  dnsOptions,
  question,
  recordsFor,
  resolveWithIndex,
  type DnsAnswer,
  type DnsOptions,
  type DnsRecord,
  type Question,
  type ResolveResult,
} from './dns';
import { endpointSlicesFor, endpointsFor } from './endpoints';
import { didYouMean } from '../util/suggest';
import { parseManifests, parseObjects, toPlainJson, type Cluster } from './objects';

export { zoneFile, zoneLine, QUERY_TYPES, POD_MODES } from './dns';
export type { DnsAnswer, DnsRecord, ResolveResult } from './dns';

/** The manifests a request computes from: decoded objects, or text. Exactly one of the two. */
export interface ManifestInput {
  /** Kubernetes objects as JSON values: a list of objects and Lists (`kubectl get -o json` output), or one of them. */
  objects?: unknown;
  /** Manifest text as `kubectl get -o yaml|json` prints it: YAML (documents separated by ---) or JSON. */
  manifests?: unknown;
}

/** The options of CoreDNS's `kubernetes` plugin and the kubelet (src/k8s/dns/options.ts). */
export interface DnsOptionFields {
  clusterDomain?: unknown;
  podMode?: unknown;
  ttl?: unknown;
}

export interface DnsQueryRequest extends ManifestInput, DnsOptionFields {
  /** The question: `{ name, type }`, type A unless given. */
  query?: unknown;
}

export type DnsRecordsRequest = ManifestInput & DnsOptionFields;

export interface DnsResolveRequest extends ManifestInput, DnsOptionFields {
  /** The name as a program in the Pod asks for it: `web`, `web.shop`, or a full name. */
  name?: unknown;
  type?: unknown;
  /** The asking Pod, `namespace/name`, which must be among the objects. */
  fromPod?: unknown;
  /** Without fromPod: a ClusterFirst Pod in this namespace asks. */
  fromNamespace?: unknown;
}

export interface EndpointSlicesRequest extends ManifestInput {
  /** kube-controller-manager's --max-endpoints-per-slice: 1–1000, default 100. */
  maxEndpointsPerSlice?: unknown;
}

export interface EndpointSlicesResult {
  /** Every EndpointSlice of the cluster, as `kubectl get endpointslices -o json` would show it. */
  endpointSlices: Record<string, unknown>[];
  /** The legacy Endpoints objects, given and derived. */
  endpoints: Record<string, unknown>[];
}

const INPUT_FIELDS = ['objects', 'manifests'] as const;
const DNS_FIELDS = [...INPUT_FIELDS, 'clusterDomain', 'podMode', 'ttl'] as const;

/** The answer CoreDNS would give to one question about the cluster the manifests describe. */
export function dnsQuery(request: DnsQueryRequest): DnsAnswer {
  const { cluster, value } = checked(request, [...DNS_FIELDS, 'query'], (r, problems) => ({
    options: optionsOf(r, problems),
    question: queryOf(r.query, problems),
  }));
  return answer(buildIndex(cluster, value.options), value.question!);
}

/** Every record cluster DNS serves for the manifests, each with its source object and rule. */
export function dnsRecords(request: DnsRecordsRequest): DnsRecord[] {
  const { cluster, value } = checked(request, DNS_FIELDS, optionsOf);
  return recordsFor(cluster, value);
}

/** How a name resolves from inside a Pod: its resolv.conf, the names tried in order, and the answer. */
export function dnsResolve(request: DnsResolveRequest): ResolveResult {
  const fields = [...DNS_FIELDS, 'name', 'type', 'fromPod', 'fromNamespace'];
  const { cluster, value } = checked(request, fields, (r, problems) => {
    const options = optionsOf(r, problems);
    const q = collect(problems, () => question({ name: r.name, type: r.type }));
    if (r.fromPod !== undefined && typeof r.fromPod !== 'string')
      invalid(problems, 'fromPod', 'must be a string, "namespace/name"', r.fromPod);
    if (r.fromNamespace !== undefined && typeof r.fromNamespace !== 'string')
      invalid(problems, 'fromNamespace', 'must be a string', r.fromNamespace);
    if (!r.fromPod && !r.fromNamespace) {
      problems.push({
        code: 'FIELD_REQUIRED',
        path: 'fromPod',
        message:
          'give fromPod ("namespace/name") or fromNamespace: the search path depends on the asking Pod\'s namespace',
      });
    }
    return { options, type: q?.type };
  });
  const { name, fromPod, fromNamespace } = request as Record<string, string | undefined>;
  return resolveWithIndex(buildIndex(cluster, value.options), {
    name: name!,
    type: value.type,
    fromPod,
    fromNamespace,
  });
}

/** The EndpointSlices and Endpoints the control plane would hold: given ones as they are, the rest derived. */
export function endpointSlices(request: EndpointSlicesRequest): EndpointSlicesResult {
  const { cluster, value } = checked(request, [...INPUT_FIELDS, 'maxEndpointsPerSlice'], (r, problems) => {
    const max = r.maxEndpointsPerSlice;
    if (max === undefined) return undefined;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000) {
      invalid(problems, 'maxEndpointsPerSlice', 'must be a whole number between 1 and 1000', max);
      return undefined;
    }
    return max;
  });
  return {
    endpointSlices: endpointSlicesFor(cluster, { maxEndpointsPerSlice: value }).map(toPlainJson),
    endpoints: endpointsFor(cluster).map(toPlainJson),
  };
}

type Fields = Record<string, unknown>;

/**
 * The cluster and the checked fields of a request, or every problem with it at once. Problems with
 * the request's shape (400) come first, so they set the status; a manifest that cannot be read at all
 * (bad YAML, too large) is reported alone, since nothing else about it can be said.
 */
function checked<T>(
  request: unknown,
  fields: readonly string[],
  read: (r: Fields, problems: Problem[]) => T,
): { cluster: Cluster; value: T } {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new KubeknowError({ code: 'BAD_USER_INPUT', path: '', message: 'the request must be an object' });
  }
  const r = request as Fields;
  const problems: Problem[] = [];
  unknownFields(r, fields, '', problems);
  const value = read(r, problems);
  const cluster = collect(
    problems,
    () => clusterFrom(r, problems),
    (e) => e.problems.every((p) => p.code.startsWith('FIELD_')),
  );
  if (problems.length)
    throw new KubeknowError(
      problems.sort((a, b) => Number(b.code === 'BAD_USER_INPUT') - Number(a.code === 'BAD_USER_INPUT')),
    );
  return { cluster: cluster!, value };
}

function clusterFrom(r: Fields, problems: Problem[]): Cluster | undefined {
  const { objects, manifests } = r;
  if (objects !== undefined && manifests !== undefined) {
    return badRequest(problems, 'manifests', 'give the objects or the manifests text, not both');
  }
  if (manifests !== undefined) {
    if (typeof manifests === 'string') return parseManifests(manifests);
    problems.push({ code: 'FIELD_INVALID', path: 'manifests', message: 'must be text: YAML or JSON manifests' });
    return undefined;
  }
  if (objects === undefined || objects === null) {
    return badRequest(
      problems,
      'objects',
      'required: the Kubernetes objects of the cluster (an empty list is an empty cluster)',
    );
  }
  if (typeof objects !== 'object') {
    invalid(problems, 'objects', 'must be a list of Kubernetes objects', objects);
    return undefined;
  }
  return parseObjects(Array.isArray(objects) ? objects : [objects]);
}

function optionsOf(r: Fields, problems: Problem[]): DnsOptions | undefined {
  return collect(problems, () =>
    dnsOptions({ clusterDomain: r.clusterDomain, podMode: r.podMode, ttl: r.ttl } as Parameters<typeof dnsOptions>[0]),
  );
}

function queryOf(query: unknown, problems: Problem[]): Question | undefined {
  if (query === undefined || query === null) {
    return badRequest(
      problems,
      'query',
      'required: the question, such as { "name": "web.shop.svc.cluster.local", "type": "A" }',
    );
  }
  if (typeof query !== 'object' || Array.isArray(query)) {
    invalid(problems, 'query', 'must be an object: { "name": "…", "type": "A" }', query);
    return undefined;
  }
  unknownFields(query as Fields, ['name', 'type'], 'query.', problems);
  return collect(problems, () => question(query as Fields, FieldPath.root('query')));
}

/** The value `run` returns, or undefined with its problems added to `problems` when it throws ours. */
function collect<T>(
  problems: Problem[],
  run: () => T | undefined,
  mergeable: (e: KubeknowError) => boolean = () => true,
): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KubeknowError) || !mergeable(e)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

/** FIELD_NOT_SUPPORTED for each given field not in `supported`, with the likeliest one it stands for. */
function unknownFields(given: Fields, supported: readonly string[], prefix: string, problems: Problem[]): void {
  for (const key of Object.keys(given)) {
    if (given[key] === undefined || supported.includes(key)) continue;
    const hint = didYouMean(key, supported);
    const list = supported.map((f) => `"${f}"`).join(', ');
    problems.push({
      code: 'FIELD_NOT_SUPPORTED',
      path: `${prefix}${key}`,
      message: `unknown field; supported: ${list}${hint ? `. Did you mean "${hint}"?` : ''}`,
    });
  }
}

/** A problem with the request's shape rather than a value: a 400, reported before the others. */
function badRequest(problems: Problem[], path: string, message: string): undefined {
  problems.push({ code: 'BAD_USER_INPUT', path, message });
  return undefined;
}

function invalid(problems: Problem[], path: string, message: string, value: unknown): void {
  problems.push({ code: 'FIELD_INVALID', path, message, value });
}
