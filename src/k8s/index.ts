// The kernel's one door for transports (REST, GraphQL, MCP): a request is plain data, as a client
// sent it, and so is the result. A request is checked whole before anything is computed: its shape,
// its options, its question and its manifests, with every problem reported at once at its field path
// (`query.type`, `objects[1].spec.ports[0].port`), so a transport only parses, calls and shapes.
import { FieldPath, type Problem } from '../errors';
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
import { toPlainJson } from './objects';
import {
  badRequest,
  checked,
  collect,
  INPUT_FIELDS,
  invalid,
  unknownFields,
  type Fields,
  type ManifestInput,
} from './request';

export { zoneFile, zoneLine, QUERY_TYPES, POD_MODES } from './dns';
export type { DnsAnswer, DnsRecord, ResolveResult } from './dns';
export type { ManifestInput } from './request';
export { schedulingEvaluate, type SchedulingRequest, type SchedulingResult } from './scheduling';

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
