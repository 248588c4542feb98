// POST /v1/dns/query, /v1/dns/records, /v1/dns/resolve and /v1/endpointslices: parse, call, shape.
// A JSON body carries the objects and the options; a YAML body is the manifests themselves, with the
// options in the query string. Everything else is decided by the kernel (src/k8s/index.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'yaml';
import { KubeknowError } from '../errors';
import { dnsQuery, dnsRecords, dnsResolve, endpointSlices, zoneFile } from '../k8s';
import { problemResponses } from './schemas';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
type Params = Record<string, unknown>;

const mediaType = (req: FastifyRequest): string => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
const unsupported = (type: string) =>
  new KubeknowError({ code: 'UNSUPPORTED_MEDIA_TYPE', path: '', message: `send application/json ({ "objects": [...] }) or the manifests as ${YAML_TYPES.join(', ')}; got ${type || 'no content type'}` });

/** The kernel request: the JSON body over the query string, or the YAML body as `manifests`. */
function requestOf(req: FastifyRequest): Params {
  const { format: _format, ...params } = req.query as Params;
  const type = mediaType(req);
  if (type === 'application/json') return { ...params, ...(req.body as Params) };
  if (YAML_TYPES.includes(type)) return { ...params, manifests: req.body };
  throw unsupported(type);
}

/** `?name=&type=` as the question, unless the body asks one itself. */
function withQuestion({ name, type, ...rest }: Params): Params {
  return name === undefined && type === undefined ? rest : { query: { name, type }, ...rest };
}

const str = (description: string) => ({ type: 'string', description }) as const;
const int = (description: string) => ({ type: 'integer', description }) as const;
const options = {
  clusterDomain: str('The cluster domain (kubelet --cluster-domain). Default "cluster.local".'),
  podMode: str('CoreDNS\'s `pods` setting: "insecure" (default, as kubeadm\'s Corefile), "verified" or "disabled".'),
  ttl: int('TTL of the records in seconds, 0–3600. Default 5, as CoreDNS.'),
};
const objects = {
  type: 'array',
  description: 'Kubernetes objects (Services, Pods, EndpointSlices, Namespaces, Lists…) describing the whole cluster: what is not here does not exist.',
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

/** Request bodies: JSON with `objects`, or the manifests as YAML with the options in the query string. */
function bodyOf(properties: object) {
  const yaml = { schema: { type: 'string', description: 'Manifests as `kubectl get -o yaml` prints them (documents separated by ---; JSON works too).' } };
  return { content: { 'application/json': { schema: { type: 'object', required: ['objects'], properties: { objects, ...properties } } }, ...Object.fromEntries(YAML_TYPES.map((t) => [t, yaml])) } };
}

const record = {
  type: 'object',
  required: ['name', 'type', 'ttl', 'data'],
  properties: {
    name: str('Lower-case, absolute: web.shop.svc.cluster.local.'),
    type: str('A, AAAA, CNAME, SRV, PTR, TXT, SOA or NS.'),
    ttl: { type: 'integer' },
    class: str('IN.'),
    data: str('As a zone file writes it: an address; a name with a trailing dot; "priority weight port target." for SRV; the text for TXT.'),
    source: { type: 'object', description: 'The object (kind, namespace, name) and field path the record comes from.' },
    rule: str('Why the record exists, citing the DNS specification or CoreDNS.'),
  },
};
const records = { type: 'array', items: record };
const explanation = { type: 'object', properties: { summary: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } } } };
const dnsAnswer = {
  type: 'object',
  required: ['rcode', 'answer', 'additional', 'explanation'],
  properties: { question: { type: 'object' }, rcode: str('NOERROR, NXDOMAIN or REFUSED.'), authoritative: { type: 'boolean' }, answer: records, additional: records, authority: records, explanation },
};
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  ...problemResponses(400, 500),
  ...Object.fromEntries(
    [
      [413, 'The body is over 1 MiB, has too many objects, or a YAML alias bomb (PAYLOAD_TOO_LARGE).'],
      [415, 'Neither JSON nor YAML (UNSUPPORTED_MEDIA_TYPE).'],
      [422, 'Invalid manifests or options: every problem at its field path, e.g. objects[1].spec.ports[0].port.'],
    ].map(([status, description]) => [status, { description, content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } }]),
  ),
};
const HOW = ' Send `{ "objects": [...] }` as JSON, or the manifests themselves as YAML (`Content-Type: application/yaml`) with the options in the query string.';

function route(tag: string, summary: string, description: string, body: object, querystring: object, ok: object) {
  return { schema: { summary, description: description + HOW, tags: [tag], body: bodyOf(body), querystring: { type: 'object', properties: querystring }, response: { 200: ok, ...errors } } };
}

/** Registers the DNS and EndpointSlice routes. */
export function dnsRoutes(parent: FastifyInstance): void {
  parent.register(async (app) => routes(app));
}

function routes(app: FastifyInstance): void {
  // Any other media type gets the same 415, saying what to send, without its body being read.
  app.addContentTypeParser('*', (req, _body, done) => done(unsupported(mediaType(req)), undefined));
  const format = (values: string[]) => ({ type: 'string', enum: values, description: `Output format: ${values.join(' or ')} (default json).` });

  app.post(
    '/v1/dns/query',
    route('dns', 'Ask cluster DNS one question', 'The answer CoreDNS\'s kubernetes plugin gives to one question about the cluster the objects describe, with the reasons. The question is `query: { name, type }` in JSON, or `?name=&type=`.',
      { query: { type: 'object', properties: asking }, ...options }, { ...asking, ...options }, json('The answer.', dnsAnswer)),
    async (req) => dnsQuery(withQuestion(requestOf(req))),
  );

  app.post(
    '/v1/dns/records',
    route('dns', 'Every DNS record of a cluster', 'Every record cluster DNS serves for the objects, each with its source and rule; `?format=zone` gives a zone file (text/plain), sorted as dig lists a zone.',
      options, { ...options, format: format(['json', 'zone']) },
      { description: 'The records.', content: { 'application/json': { schema: { type: 'object', properties: { count: { type: 'integer' }, records } } }, 'text/plain': { schema: { type: 'string' } } } }),
    async (req, reply) => {
      const found = dnsRecords(requestOf(req));
      if ((req.query as Params).format === 'zone') return reply.type('text/plain; charset=utf-8').send(zoneFile(found));
      return { count: found.length, records: found };
    },
  );

  app.post(
    '/v1/dns/resolve',
    route('dns', 'Resolve a name from inside a Pod', 'How a process in a Pod resolves a short name: its resolv.conf, each name tried in search-list order with its status, and the first answer with records.',
      { ...asking, ...resolving, ...options }, { ...asking, ...resolving, ...options },
      json('The resolution.', { type: 'object', required: ['tried', 'answer'], properties: { from: { type: 'object' }, resolvConf: { type: 'object' }, tried: { type: 'array', items: { type: 'object' } }, answer: { ...dnsAnswer, type: ['object', 'null'] }, explanation } })),
    async (req) => dnsResolve(requestOf(req)),
  );

  app.post(
    '/v1/endpointslices',
    route('endpointslices', 'EndpointSlices of a cluster', 'The EndpointSlices (and legacy Endpoints) the control plane would hold: given ones as they are, the others as the EndpointSlice and mirroring controllers write them; `?format=yaml` gives YAML documents.',
      { maxEndpointsPerSlice }, { maxEndpointsPerSlice, format: format(['json', 'yaml']) },
      { description: 'The objects.', content: { 'application/json': { schema: { type: 'object', properties: { endpointSlices: { type: 'array', items: { type: 'object' } }, endpoints: { type: 'array', items: { type: 'object' } } } } }, 'application/yaml': { schema: { type: 'string' } } } }),
    async (req, reply) => {
      const result = endpointSlices(requestOf(req));
      if ((req.query as Params).format !== 'yaml') return result;
      const docs = [...result.endpointSlices, ...result.endpoints].map((o) => stringify(o));
      return reply.type('application/yaml; charset=utf-8').send(docs.join('---\n'));
    },
  );
}
