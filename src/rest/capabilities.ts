// A REST route for every capability with a REST binding, made from the registry: its OpenAPI
// schemas come from the capability's zod schemas, its parameters are the input's fields, and its
// answer is one of the capability's renderings (`?format=` or Accept). Parse, call, shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate } from '../auth/keys';
import { refuseUnknown, type Arguments } from '../capabilities/args';
import type { Capability, CapabilityContext, Rendering, RestBinding } from '../capabilities/capability';
import { invoke, invokeRendered, type BodyArguments } from '../capabilities/invoke';
import { inAnyCase } from '../capabilities/any-case';
import { schemaAtPath, unwrap } from '../capabilities/schema-walk';
import { KubeknowError } from '../errors';
import { AnswerCache } from '../http/cache';
import { formatOf, preferredLanguage } from '../http/negotiate';
import { publicBase, publicPrefix } from '../http/public-url';
import type { Knowledge } from '../knowledge/service';
import { isLocale, LOCALES, type Locale } from '../knowledge/types';
import {
  bodyForWorker,
  bodyTypes,
  jsonArguments,
  manifestArguments,
  refuseBodyFirst,
  shapedArguments,
} from './manifest-body';
import { routeArguments, routeSchema } from './openapi';

type Params = Record<string, unknown>;

/**
 * Query-string values as the input's fields read them: numbers and booleans from their text. Enum values
 * are read in any ASCII case where every transport's are, in parseInput (any-case.ts).
 */
function coerced(params: Params, route: Route): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    const s = route.fields.get(key);
    if (typeof value === 'string' && s instanceof z.ZodNumber && /^-?\d+(\.\d+)?$/.test(value))
      out[key] = Number(value);
    else if (typeof value === 'string' && s instanceof z.ZodBoolean && /^(true|false)$/.test(value))
      out[key] = value === 'true';
    else out[key] = value;
  }
  return out;
}

/** The format asked for, its name in any ASCII case (`format=TEXT`), as every enum-like value is read
 * (any-case.ts). formatOf reads it from the query, so the name it stands for is written there. */
function formatAsked({ rest, formats }: Route, req: FastifyRequest): string {
  const param = rest.formatParam ?? 'format';
  const query = req.query as Params;
  if (typeof query[param] === 'string') query[param] = inAnyCase(formats, query[param]);
  return formatOf(req, formats, rest.formatParam);
}

/** What a request to a capability's route reads of its binding and input, worked out once per route. */
interface Route {
  cap: Capability;
  rest: RestBinding<unknown, unknown>;
  /** Its formats' names, the default first. */
  formats: readonly string[];
  /** The query parameters it takes: its input's fields under their REST names (path parameters
   * aside), its format, and `lang`, which every route takes (see languageParam). */
  accepted: readonly string[];
  /** The query parameters that are not the input's fields: the format, those the binding omits, and
   * `lang` when it is the reader's language rather than a field. */
  transport: readonly string[];
  /** Whether the input has a `lang` of its own. */
  ownLang: boolean;
  /** The (unwrapped) schema of the field each accepted parameter fills, for coercion. */
  fields: ReadonlyMap<string, z.ZodType | undefined>;
}

function routeOf(cap: Capability): Route {
  const rest = cap.rest!;
  const inQuery = routeArguments(cap, rest).inQuery.map((a) => a.name);
  const accepted = [...new Set([...inQuery, rest.formatParam ?? 'format', 'lang'])];
  const ownLang = !!schemaAtPath(cap.input, 'lang');
  const transport = [rest.formatParam ?? 'format', ...(rest.omit ?? []), ...(ownLang ? [] : ['lang'])];
  const renames = rest.params ?? {};
  const fields = new Map(
    accepted.map((key) => {
      const field = schemaAtPath(cap.input, renames[key] ?? key);
      return [key, field && unwrap(field)];
    }),
  );
  return { cap, rest, formats: Object.keys(rest.formats), accepted, transport, ownLang, fields };
}

/** A refusal of every query parameter the route does not take, listing those it does, and of one given
 * more than once where it is not a list (`?pod=a&pod=b`: which one was meant?); checked before the call,
 * so that a write with a misspelt parameter changes nothing. */
function refuseUnknownParams({ cap, rest, accepted, fields }: Route, req: FastifyRequest): void {
  const query = req.query as Params;
  // The input's own name of a field REST renames (`query`, as GraphQL and MCP call it, for `q`).
  const restName = (key: string) => Object.entries(rest.params ?? {}).find(([, field]) => field === key)?.[0] ?? key;
  refuseUnknown(cap, Object.keys(query), accepted, 'query parameter', restName);
  const repeated = Object.keys(query).filter((k) => Array.isArray(query[k]) && !(fields.get(k) instanceof z.ZodArray));
  if (repeated.length)
    throw new KubeknowError(
      repeated.map((key) => ({
        // As the route's other bad values are: 422 for a computation, 400 for a lookup or an edit.
        code: cap.values === 'fields' ? 'FIELD_INVALID' : 'BAD_USER_INPUT',
        path: key,
        message: `given ${(query[key] as unknown[]).length} times in the query string; give it once`,
      })),
    );
}

/**
 * `?lang=` on a route whose input has no language of its own (the computations): the language of the
 * reader, as Accept-Language gives it, in any case; their Korean is used where their answer has some,
 * and the rest answers in English. A route whose input has `lang` reads it as its field instead.
 */
function languageParam({ cap, ownLang }: Route, req: FastifyRequest): Locale | undefined {
  const value = (req.query as Params).lang;
  if (value === undefined || ownLang) return undefined;
  const lang = inAnyCase(LOCALES, value);
  if (typeof lang === 'string' && isLocale(lang)) return lang;
  throw new KubeknowError([
    {
      code: cap.values === 'fields' ? 'FIELD_NOT_SUPPORTED' : 'BAD_USER_INPUT',
      path: 'lang',
      message: `must be one of ${LOCALES.join(', ')}`,
      value,
    },
  ]);
}

/** The capability's arguments from the path, the query string and (for manifests) the body. */
function argumentsFrom(route: Route, req: FastifyRequest, format: string): Arguments | BodyArguments {
  const { cap, rest } = route;
  const query = { ...(req.query as Params) };
  for (const name of route.transport) delete query[name];
  const params = { ...coerced(query, route), ...(req.params as Params) };
  // A large body of a computation is read, with the rest, in a worker thread (invoke.ts).
  const takes = rest.manifests ? 'manifests' : rest.yaml ? 'yaml-fields' : 'fields';
  const body = cap.computes && rest.method === 'POST' ? bodyForWorker(req, takes, params, format) : null;
  if (body) return { raw: {}, reportAs: new Map(), body };
  const given = rest.manifests
    ? manifestArguments(req, params)
    : rest.method === 'POST'
      ? jsonArguments(req, params, rest.yaml)
      : params;
  return shapedArguments(cap, given, format);
}

async function contextOf(
  cap: Capability,
  req: FastifyRequest,
  knowledge: Knowledge,
  lang: Locale | undefined,
): Promise<CapabilityContext> {
  // Reads are open on REST; a key is read only for a capability that needs one.
  const needsKey = cap.scope === 'write' || cap.scope === 'admin';
  return {
    knowledge,
    principal: needsKey ? await authenticate(knowledge.db.prisma, req.headers.authorization) : null,
    requireKeyForRead: false,
    acceptLanguage: lang ?? preferredLanguage(req.headers['accept-language']),
    linkFor: (slug, lang) => `${publicPrefix()}/v1/concepts/${slug}?lang=${lang}`,
    baseUrl: publicBase(req),
    log: req.log,
    budget: req.budget,
  };
}

/** The call's context and arguments; a problem of the query string is reported after any of the body
 * (refuseBodyFirst), as it is when the body was parsed before the route ran. */
async function requestOf(route: Route, knowledge: Knowledge, req: FastifyRequest, format: string) {
  try {
    refuseUnknownParams(route, req);
    const ctx = await contextOf(route.cap, req, knowledge, languageParam(route, req));
    return { ctx, args: argumentsFrom(route, req, format) };
  } catch (err) {
    if (err instanceof KubeknowError) await refuseBodyFirst(req);
    throw err;
  }
}

async function handle(
  route: Route,
  knowledge: Knowledge,
  cache: AnswerCache,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const { cap, rest } = route;
  // Taken before the call: an answer made while an edit lands is kept under the older snapshot, which
  // is no longer served, never under the newer one.
  const snapshot = knowledge.snapshot;
  const spelling = rest.cached && spellingOf(req);
  const hit = spelling && cache.spelled(snapshot, spelling);
  if (hit) return cache.send(snapshot, hit, req, reply);
  const format = formatAsked(route, req);
  const { ctx, args } = await requestOf(route, knowledge, req, format);
  // Headers spelled anew that choose a format and language already answered get that answer.
  const key = spelling && answerKey(format, ctx, req);
  if (spelling && key) {
    cache.spell(snapshot, spelling, key);
    const made = cache.get(snapshot, key);
    if (made) return cache.send(snapshot, made, req, reply);
  }
  const rendering = rest.formats[format];
  const query = req.query as Params;
  // A computation's answer that needs nothing of the request but its format is written where it ran:
  // a large one would otherwise be rebuilt and serialized here, holding every other request up.
  if (cap.computes && !key && !rest.redirect && !rest.headers) {
    const done = await invokeRendered(cap, args, ctx, { format, query, base: ctx.baseUrl });
    if ('rendered' in done) {
      const { buffer, byteOffset, byteLength } = done.rendered;
      return reply.type(typeOf(rendering)).send(Buffer.from(buffer, byteOffset, byteLength));
    }
    return sendRendered(reply, rendering, rendering.render({ ...done, query, base: ctx.baseUrl, format, ctx }));
  }
  const { input, output } = await invoke(cap, args, ctx);
  const view = { input, output, query, base: ctx.baseUrl, format, ctx };
  const location = rest.redirect?.(view);
  if (location) return reply.redirect(location, 302);
  const headers = rest.headers?.(view) ?? {};
  const body = rendering.render(view);
  if (key) {
    // JSON as the route's own serializer for its 200 writes it (the one a send would use), so the
    // bytes are those an uncached answer had. (It returns text; Fastify types it wider for custom ones.)
    const json = () => reply.serializeInput(body as Params, '200', rendering.type.split(';')[0]) as string;
    const bytes = Buffer.from(typeof body === 'string' ? body : json());
    const type = typeof body === 'string' ? rendering.type : `${rendering.type}; charset=utf-8`;
    return cache.send(snapshot, cache.put(snapshot, key, bytes, type, headers), req, reply);
  }
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return sendRendered(reply, rendering, body);
}

/** A rendering's text as it is; a value, as JSON through the route's serializer. */
const sendRendered = (reply: FastifyReply, rendering: Rendering<unknown, unknown>, body: unknown) =>
  typeof body === 'string' ? reply.type(rendering.type).send(body) : body;

/** The Content-Type of an answer written in a worker thread: JSON comes as text too. */
const typeOf = (rendering: Rendering<unknown, unknown>) =>
  rendering.type === 'application/json' ? 'application/json; charset=utf-8' : rendering.type;

/**
 * A request as sent, to find its cached answer with: the URL (path and query), the headers that choose
 * its format and language as sent, and the base of absolute links. The headers are not parsed for a
 * hit (that is work for every hit, as GraphQL's kept answers found): the same client sends the same
 * headers. Joined by newlines, which neither a header value, a link base nor a request target holds.
 */
const spellingOf = (req: FastifyRequest) =>
  `${req.headers.accept ?? ''}\n${req.headers['accept-language'] ?? ''}\n${publicBase(req)}\n${req.url}`;

/** What a cached answer depends on besides the snapshot: its format and language as chosen, the base
 * of absolute links and the URL. */
const answerKey = (format: string, ctx: CapabilityContext, req: FastifyRequest) =>
  `${format}\n${ctx.acceptLanguage}\n${ctx.baseUrl}\n${req.url}`;

/** Registers the route of every capability that has a REST binding. */
export function capabilityRoutes(app: FastifyInstance, caps: readonly Capability[], knowledge: Knowledge): void {
  const cache = new AnswerCache();
  for (const cap of caps.filter((c) => c.rest)) {
    const r = routeOf(cap);
    app.route({
      method: r.rest.method,
      url: r.rest.path,
      schema: routeSchema(cap, r.rest),
      // The capability checks its input (zod), so every transport refuses the same things alike.
      validatorCompiler: () => () => true,
      // Any other media type gets the same 415, saying what to send, without its body being read.
      config: { bodyInWorker: !!cap.computes, ...(r.rest.method === 'POST' ? { takes: bodyTypes(r.rest) } : {}) },
      handler: (req, reply) => handle(r, knowledge, cache, req, reply),
    });
  }
}
