// JSON schemas of the DNS and EndpointSlice routes (src/rest/dns.ts): fastify validates requests with
// them and the OpenAPI document is generated from them. Value checks that deserve a field path and a
// suggestion (podMode, ttl ranges, the question) are left to the kernel, so only types are checked here.
import { problemResponses } from './schemas';

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

const str = (description: string) => ({ type: 'string', description }) as const;
const int = (description: string) => ({ type: 'integer', description }) as const;
const options = {
  clusterDomain: str('The cluster domain (kubelet --cluster-domain). Default "cluster.local".'),
  podMode: str('CoreDNS\'s `pods` setting: "insecure" (default, as kubeadm\'s Corefile), "verified" or "disabled".'),
  ttl: int('TTL of the records in seconds, 0–3600. Default 5, as CoreDNS.'),
};
const objects = {
  type: 'array',
  description:
    'Kubernetes objects (Services, Pods, EndpointSlices, Namespaces, Lists…) describing the whole cluster: what is not here does not exist.',
  items: { description: 'A Kubernetes object as `kubectl get -o json` prints it, or a List of them.' },
};
const asking = {
  name: str('The name to look up, e.g. "web.shop.svc.cluster.local" (a trailing dot is optional).'),
  type: str('The query type: A (default), AAAA, SRV, PTR, CNAME, TXT, NS, SOA, ANY, MX, …'),
};
const resolving = {
  fromPod: str('The asking Pod as "namespace/name"; its dnsPolicy and dnsConfig apply.'),
  fromNamespace: str('Without fromPod: a ClusterFirst Pod in this namespace asks.'),
};
const maxEndpointsPerSlice = int('kube-controller-manager --max-endpoints-per-slice, 1–1000. Default 100.');
const format = (values: string[]) => ({
  type: 'string',
  enum: values,
  description: `Output format: ${values.join(' or ')} (default json).`,
});

/** Request bodies: JSON with `objects`, or the manifests as YAML with the options in the query string. */
function bodyOf(properties: object) {
  const yaml = {
    schema: {
      type: 'string',
      description: 'Manifests as `kubectl get -o yaml` prints them (documents separated by ---; JSON works too).',
    },
  };
  return {
    content: {
      'application/json': { schema: { type: 'object', required: ['objects'], properties: { objects, ...properties } } },
      ...Object.fromEntries(YAML_TYPES.map((t) => [t, yaml])),
    },
  };
}

const record = {
  type: 'object',
  required: ['name', 'type', 'ttl', 'data'],
  properties: {
    name: str('Lower-case, absolute: web.shop.svc.cluster.local.'),
    type: str('A, AAAA, CNAME, SRV, PTR, TXT, SOA or NS.'),
    ttl: { type: 'integer' },
    class: str('IN.'),
    data: str(
      'As a zone file writes it: an address; a name with a trailing dot; "priority weight port target." for SRV; the text for TXT.',
    ),
    source: { type: 'object', description: 'The object (kind, namespace, name) and field path the record comes from.' },
    rule: str('Why the record exists, citing the DNS specification or CoreDNS.'),
  },
};
const records = { type: 'array', items: record };
const explanation = {
  type: 'object',
  properties: { summary: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } } },
};
const dnsAnswer = {
  type: 'object',
  required: ['rcode', 'answer', 'additional', 'explanation'],
  properties: {
    question: { type: 'object' },
    rcode: str('NOERROR, NXDOMAIN or REFUSED.'),
    authoritative: { type: 'boolean' },
    answer: records,
    additional: records,
    authority: records,
    explanation,
  },
};
const errors = {
  ...problemResponses(400, 500),
  ...Object.fromEntries(
    [
      [413, 'The body is over 1 MiB, has too many objects, or a YAML alias bomb (PAYLOAD_TOO_LARGE).'],
      [415, 'Neither JSON nor YAML (UNSUPPORTED_MEDIA_TYPE).'],
      [422, 'Invalid manifests or options: every problem at its field path, e.g. objects[1].spec.ports[0].port.'],
    ].map(([status, description]) => [
      status,
      { description, content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } },
    ]),
  ),
};
const HOW =
  ' Send `{ "objects": [...] }` as JSON, or the manifests themselves as YAML (`Content-Type: application/yaml`) with the options in the query string.';

function route(tag: string, summary: string, description: string, body: object, querystring: object, ok: object) {
  return {
    schema: {
      summary,
      description: description + HOW,
      tags: [tag],
      body: bodyOf(body),
      querystring: { type: 'object', properties: querystring },
      response: { 200: ok, ...errors },
    },
  };
}

const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const text = (type: string) => ({ [type]: { schema: { type: 'string' } } });

export const queryRoute = route(
  'dns',
  'Ask cluster DNS one question',
  "The answer CoreDNS's kubernetes plugin gives to one question about the cluster the objects describe, with the reasons. The question is `query: { name, type }` in JSON, or `?name=&type=`.",
  { query: { type: 'object', properties: asking }, ...options },
  { ...asking, ...options },
  json('The answer.', dnsAnswer),
);

export const recordsRoute = route(
  'dns',
  'Every DNS record of a cluster',
  'Every record cluster DNS serves for the objects, each with its source and rule; `?format=zone` gives a zone file (text/plain), sorted as dig lists a zone.',
  options,
  { ...options, format: format(['json', 'zone']) },
  {
    description: 'The records.',
    content: {
      'application/json': { schema: { type: 'object', properties: { count: { type: 'integer' }, records } } },
      ...text('text/plain'),
    },
  },
);

export const resolveRoute = route(
  'dns',
  'Resolve a name from inside a Pod',
  'How a process in a Pod resolves a short name: its resolv.conf, each name tried in search-list order with its status, and the first answer with records.',
  { ...asking, ...resolving, ...options },
  { ...asking, ...resolving, ...options },
  json('The resolution.', {
    type: 'object',
    required: ['tried', 'answer'],
    properties: {
      from: { type: 'object' },
      resolvConf: { type: 'object' },
      tried: { type: 'array', items: { type: 'object' } },
      answer: { ...dnsAnswer, type: ['object', 'null'] },
      explanation,
    },
  }),
);

const kubeObjects = { type: 'array', items: { type: 'object' } };
export const endpointSlicesRoute = route(
  'endpointslices',
  'EndpointSlices of a cluster',
  'The EndpointSlices (and legacy Endpoints) the control plane would hold: given ones as they are, the others as the EndpointSlice and mirroring controllers write them; `?format=yaml` gives YAML documents.',
  { maxEndpointsPerSlice },
  { maxEndpointsPerSlice, format: format(['json', 'yaml']) },
  {
    description: 'The objects.',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { endpointSlices: kubeObjects, endpoints: kubeObjects } },
      },
      ...text('application/yaml'),
    },
  },
);
