// The body of a POST. A route that computes from manifests takes JSON (`{ objects | manifests,
// …options }`, or one Kubernetes object or a `kind: List` as the body itself, as `kubectl get -o json`
// prints it) or the manifests as YAML, with the options in the query string; any other POST takes a
// JSON object of its input fields (and, when its binding says so, the same fields as YAML). Anything
// else is a 415 saying what to send.
import type { FastifyRequest } from 'fastify';
import { fail, KubeknowError } from '../errors';
import { decodeText, DEFAULT_MANIFEST_LIMITS } from '../k8s/objects';

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

type Params = Record<string, unknown>;

const mediaType = (req: FastifyRequest): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

const WHAT_TO_SEND = {
  manifests: `send application/json ({ "objects": [...] }) or the manifests as ${YAML_TYPES.join(', ')}`,
  fields: `send application/json, or the same fields as ${YAML_TYPES.join(', ')}`,
  json: 'send application/json',
};

/** The 415 for a body of a type the route does not take, saying what to send. */
export const unsupported = (req: FastifyRequest, takes: keyof typeof WHAT_TO_SEND = 'manifests') =>
  new KubeknowError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: '',
    message: `${WHAT_TO_SEND[takes]}; got ${mediaType(req) || 'no content type'}`,
  });

// A Kubernetes object or List names its apiVersion and kind; a body of options does not (an option may be
// called `kind`, so both are needed).
const isKubeObject = (v: object): boolean =>
  typeof (v as Params).kind === 'string' && typeof (v as Params).apiVersion === 'string';

/** The capability's arguments: the query-string parameters, then the body's own. */
export function manifestArguments(req: FastifyRequest, params: Params): Params {
  const type = mediaType(req);
  const body: unknown = req.body;
  if (YAML_TYPES.includes(type)) return { ...params, manifests: body };
  if (type !== 'application/json') throw unsupported(req);
  if (Array.isArray(body)) return { ...params, objects: body };
  if (typeof body !== 'object' || body === null) return fail('BAD_USER_INPUT', 'the request must be an object');
  return isKubeObject(body) ? { ...params, objects: body } : { ...params, ...(body as Params) };
}

/** The arguments of a POST that takes a JSON object of input fields (or, when `yaml`, the same as YAML
 * text, read within the manifests' limits): the query string's, then the body's. */
export function jsonArguments(req: FastifyRequest, params: Params, yaml = false): Params {
  const type = mediaType(req);
  const isYaml = yaml && YAML_TYPES.includes(type);
  if (type !== 'application/json' && !isYaml) throw unsupported(req, yaml ? 'fields' : 'json');
  const body: unknown = isYaml ? decodeText(String(req.body), 'yaml', DEFAULT_MANIFEST_LIMITS)[0] : req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('BAD_USER_INPUT', `the request must be ${isYaml ? 'a YAML mapping' : 'a JSON object'}`);
  return { ...params, ...(body as Params) };
}
