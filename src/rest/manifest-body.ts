// The body of a POST. A route that computes from manifests takes JSON (`{ objects | manifests,
// …options }`, or one Kubernetes object or a `kind: List` as the body itself, as `kubectl get -o json`
// prints it) or the manifests as YAML, with the options in the query string; any other POST takes a
// JSON object of its input fields (and, when its binding says so, the same fields as YAML). Anything
// else is a 415 saying what to send (src/http/media-type.ts).
import type { FastifyRequest } from 'fastify';
import { fail, KubeknowError, type Problem } from '../errors';
import type { Arguments } from '../capabilities/args';
import { argumentsOf, givenTwice, refuseGivenTwice } from '../capabilities/args';
import type { Capability } from '../capabilities/capability';
import { BodyText, mayHavePrototypeKey, parseJsonBody, refusePrototypeKeys, utf8 } from '../http/json-body';
import { JSON_ONLY, mediaTypeOf, unsupportedMediaType } from '../http/media-type';
import { decodeText, DEFAULT_MANIFEST_LIMITS } from '../k8s/objects';

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

type Params = Record<string, unknown>;

const mediaType = (req: FastifyRequest): string => mediaTypeOf(req.headers['content-type']);

/** The media types a POST route reads its body in: JSON, and YAML for manifests or when its binding says so. */
export const bodyTypes = (rest: { manifests?: boolean; yaml?: boolean }): readonly string[] =>
  rest.manifests || rest.yaml ? ['application/json', ...YAML_TYPES] : JSON_ONLY;

// The preParsing hook refused any other type before the body was read (src/http/media-type.ts);
// these say the same if one comes here.
const unsupportedType = (type: string, takes: Takes) =>
  unsupportedMediaType(type, takes === 'json' ? JSON_ONLY : bodyTypes({ yaml: true }));

type Takes = 'manifests' | 'fields' | 'json';

// A Kubernetes object or List names its apiVersion and kind; a body of options does not (an option may be
// called `kind`, so both are needed).
const isKubeObject = (v: object): boolean =>
  typeof (v as Params).kind === 'string' && typeof (v as Params).apiVersion === 'string';

/** The capability's arguments: the query-string parameters, then the body's own. */
export function manifestArguments(req: FastifyRequest, params: Params): Params {
  return manifestsOf(mediaType(req), req.body, params);
}

function manifestsOf(type: string, body: unknown, params: Params): Params {
  if (YAML_TYPES.includes(type)) return withBody(params, { manifests: body });
  if (type !== 'application/json') throw unsupportedType(type, 'manifests');
  if (Array.isArray(body)) return withBody(params, { objects: body });
  if (typeof body !== 'object' || body === null) return fail('BAD_USER_INPUT', 'the request must be an object');
  return withBody(params, isKubeObject(body) ? { objects: body } : (body as Params));
}

/**
 * The query string's parameters and the body's fields together, the one place a POST merges them. A field
 * in both is refused at its name, as one given under two names is (shapedArguments): the body's value was
 * kept and the query string's dropped without a word (`?name=a.b.svc.cluster.local` beside `"name": "zzz…"`
 * answered zzz). `null` in the body is a value sent, as it is for every field.
 */
function withBody(params: Params, body: Params): Params {
  const twice = Object.keys(body).filter((key) => Object.hasOwn(params, key));
  if (twice.length) throw givenTwice(twice.map((name) => ({ name, where: 'in the query string and in the body' })));
  return { ...params, ...body };
}

/** The arguments of a POST that takes a JSON object of input fields (or, when `yaml`, the same as YAML
 * text, read within the manifests' limits): the query string's, then the body's. */
export function jsonArguments(req: FastifyRequest, params: Params, yaml = false): Params {
  return fieldsOf(mediaType(req), req.body, params, yaml);
}

// A YAML body's fields, refused at a prototype key's path as a JSON body's are (src/http/json-body.ts).
function yamlFields(text: string): unknown {
  const [fields] = decodeText(text, 'yaml', DEFAULT_MANIFEST_LIMITS);
  if (mayHavePrototypeKey(text)) refusePrototypeKeys(fields);
  return fields;
}

function fieldsOf(type: string, given: unknown, params: Params, yaml: boolean): Params {
  const isYaml = yaml && YAML_TYPES.includes(type);
  if (type !== 'application/json' && !isYaml) throw unsupportedType(type, yaml ? 'fields' : 'json');
  const body: unknown = isYaml ? yamlFields(String(given)) : given;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('BAD_USER_INPUT', `the request must be ${isYaml ? 'a YAML mapping' : 'a JSON object'}`);
  return withBody(params, body as Params);
}

// ——— Large bodies are read in a worker thread (issue 10) ———

/** A body and what the route makes of it, as plain data for a worker thread. */
export interface RawBody {
  /** The body's bytes: JSON or YAML text in UTF-8. */
  bytes: Uint8Array;
  /** Its media type, lower case, without parameters. */
  type: string;
  /** The route reads manifests (`manifests`), input fields, or input fields that may be YAML. */
  takes: 'manifests' | 'fields' | 'yaml-fields';
  /** The query string's and the path's parameters, coerced. */
  params: Params;
  /** The format chosen, for the route's `prepare`. */
  format: string;
  /** The most keys one of its JSON objects may have (MAX_OBJECT_KEYS). */
  maxKeys: number;
}

/**
 * The body of a computing route's request, to be read in a worker thread, when it is large (the body
 * parser left it as bytes) and there is a pool; null otherwise. A large body without a pool is read
 * here, as the body parser would have.
 */
export function bodyForWorker(
  req: FastifyRequest,
  takes: RawBody['takes'],
  params: Params,
  format: string,
): RawBody | null {
  const body = req.body;
  if (!(body instanceof BodyText)) return null;
  const type = mediaType(req);
  const maxKeys = req.budget.limits.maxObjectKeys;
  if (req.budget.pool) return { bytes: body.bytes, type, takes, params, format, maxKeys };
  req.body = type === 'application/json' ? parseJsonBody(utf8(body.bytes), maxKeys) : utf8(body.bytes);
  return null;
}

/** What the JSON body parser refuses in a body (not JSON, too many keys or levels, a prototype key):
 * the problems, or null when the body reads. For a worker thread (worker.ts' `readBody`). */
export function bodyRefusal(
  bytes: Uint8Array,
  maxKeys: number,
): { problems: Problem[]; details?: Record<string, unknown> } | null {
  try {
    parseJsonBody(utf8(bytes), maxKeys);
    return null;
  } catch (err) {
    if (!(err instanceof KubeknowError)) throw err;
    return { problems: [...err.problems], details: err.details };
  }
}

/**
 * Throws the refusal of a large JSON body left unread for a worker thread, if it has one, else nothing:
 * called with a problem of the request's own (its query string) found before the body was read. A small
 * body is parsed before the route runs, so its problems come first; a large one's must too, or the same
 * request would be refused for another reason when spaced out past BODY_IN_WORKER_BYTES (issue 10).
 */
export async function refuseBodyFirst(req: FastifyRequest): Promise<void> {
  const body = req.body;
  if (!(body instanceof BodyText) || mediaType(req) !== 'application/json') return;
  const { pool, limits } = req.budget;
  const refusal = pool
    ? await pool.readBody(body.bytes, limits.maxObjectKeys)
    : bodyRefusal(body.bytes, limits.maxObjectKeys);
  if (refusal) throw new KubeknowError(refusal.problems, refusal.details);
}

/** The arguments a body makes, as the event loop would make them: decoded, parsed, then shaped (in a worker thread). */
export function bodyArguments(body: RawBody): Params {
  const text = utf8(body.bytes);
  const value = body.type === 'application/json' ? parseJsonBody(text, body.maxKeys) : text;
  return body.takes === 'manifests'
    ? manifestsOf(body.type, value, body.params)
    : fieldsOf(body.type, value, body.params, body.takes === 'yaml-fields');
}

/** The capability's arguments from what the route made of the request (query, path and body): its
 * REST names mapped to the input's, then its `prepare`. */
export function shapedArguments(cap: Capability, given: Params, format: string): Arguments {
  const rest = cap.rest!;
  refuseGivenTwice(given, rest.params ?? {}, (_, path) => `in the query string and in the body as ${path}`);
  const args = argumentsOf(given, rest.params);
  if (!rest.prepare) return args;
  return { raw: rest.prepare(args.raw, format), reportAs: args.reportAs };
}

/** The arguments of a body read in a worker thread, as the route would have made them on the event loop. */
export const bodyArgumentsOf = (cap: Capability, body: RawBody): Arguments =>
  shapedArguments(cap, bodyArguments(body), body.format);
