// POST /v1/dns/query, /v1/dns/records, /v1/dns/resolve and /v1/endpointslices: parse, call, shape.
// A JSON body carries the objects and the options; a YAML body is the manifests themselves, with the
// options in the query string. Everything else is decided by the kernel (src/k8s/index.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'yaml';
import { KubeknowError } from '../errors';
import { dnsQuery, dnsRecords, dnsResolve, endpointSlices, zoneFile } from '../k8s';
import { endpointSlicesRoute, queryRoute, recordsRoute, resolveRoute, YAML_TYPES } from './dns-schemas';

type Params = Record<string, unknown>;

const mediaType = (req: FastifyRequest): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
const unsupported = (type: string) =>
  new KubeknowError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: '',
    message: `send application/json ({ "objects": [...] }) or the manifests as ${YAML_TYPES.join(', ')}; got ${type || 'no content type'}`,
  });

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

const formatOf = (req: FastifyRequest) => (req.query as Params).format;

/** Registers the DNS and EndpointSlice routes. */
export function dnsRoutes(parent: FastifyInstance): void {
  parent.register(async (app) => routes(app));
}

function routes(app: FastifyInstance): void {
  // Any other media type gets the same 415, saying what to send, without its body being read.
  app.addContentTypeParser('*', (req, _body, done) => done(unsupported(mediaType(req)), undefined));

  app.post('/v1/dns/query', queryRoute, async (req) => dnsQuery(withQuestion(requestOf(req))));

  app.post('/v1/dns/records', recordsRoute, async (req, reply) => {
    const records = dnsRecords(requestOf(req));
    if (formatOf(req) === 'zone') return reply.type('text/plain; charset=utf-8').send(zoneFile(records));
    return { count: records.length, records };
  });

  app.post('/v1/dns/resolve', resolveRoute, async (req) => dnsResolve(requestOf(req)));

  app.post('/v1/endpointslices', endpointSlicesRoute, async (req, reply) => {
    const result = endpointSlices(requestOf(req));
    if (formatOf(req) !== 'yaml') return result;
    const docs = [...result.endpointSlices, ...result.endpoints].map((o) => stringify(o));
    return reply.type('application/yaml; charset=utf-8').send(docs.join('---\n'));
  });
}
