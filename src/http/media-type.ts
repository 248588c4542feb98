// A request's Content-Type, read once for every route of every transport: what media type the body is in,
// refused (415 UNSUPPORTED_MEDIA_TYPE at `headers.content-type`) when it is not one the route takes, when a
// parameter is given twice (`charset=UTF-8; charset=latin1`: which one is meant?) or when its charset is not
// UTF-8; and a Content-Encoding other than identity (at `headers.content-encoding`). Only a request with a
// body is checked, once its route, its method and its guards have let it through: a 404, 405 or 403 comes
// first. The REST routes, POST /graphql and /mcp each had their own wording and path for the same refusal.
// Spec: https://httpwg.org/specs/rfc9110.html#media.type
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KubeknowError } from '../errors';
import { noRoute } from './problem';

/** Where a problem of the Content-Type header is reported, as other headers are (`headers.host`). */
export const CONTENT_TYPE_PATH = 'headers.content-type';

/** What a route takes when it says nothing: a JSON body. */
export const JSON_ONLY: readonly string[] = ['application/json'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The media types the route reads its body in, lower case: a request without one of them is refused,
     * one without a body too. A route that does not say takes JSON when a body is sent; null: it reads no
     * body, and nothing is checked (a route that only refuses its method). */
    takes?: readonly string[] | null;
  }
}

// RFC 9110's token and parameter, as Fastify's own parser reads them (fastify/lib/content-type.js).
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;
// A parameter may be empty (RFC 9110 §5.6.6: `;` with nothing after it, as in `application/json;`).
const PARAMETER = /;\s*(?:([\w!#$%&'*+.^`|~-]+)=("(?:[^"\\]|\\.)*"|[\w!#$%&'*+.^`|~-]+)\s*)?/y;

// UTF-8 and its subset ASCII, by every name and alias IANA registers for them, in any case, and `utf8`, a
// spelling IANA does not register that libraries and the WHATWG Encoding Standard read as UTF-8.
// Spec: https://www.iana.org/assignments/character-sets/character-sets.xhtml (UTF-8, MIBenum 106; US-ASCII, 3)
const UTF8 = new Set(
  [
    ...['UTF-8', 'csUTF8', 'utf8'],
    ...['US-ASCII', 'iso-ir-6', 'ANSI_X3.4-1968', 'ANSI_X3.4-1986', 'ISO_646.irv:1991', 'ISO646-US', 'us'],
    ...['IBM367', 'cp367', 'csASCII', 'ASCII'],
  ].map((name) => name.toLowerCase()),
);

const refused = (message: string) =>
  new KubeknowError({ code: 'UNSUPPORTED_MEDIA_TYPE', path: CONTENT_TYPE_PATH, message });

/** The refusal of a body in a media type the route does not take: what it takes, and what was sent. */
export const unsupportedMediaType = (type: string, takes: readonly string[]): KubeknowError =>
  refused(`send ${takes.join(', ')}; got ${type || 'no content type'}`);

/**
 * The media type of a Content-Type header (`type/subtype`, lower case; '' when there is none), or the
 * refusal of a header that is not one, names a parameter twice, or gives a charset other than UTF-8.
 */
export function mediaTypeOf(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return '';
  const semicolon = header.indexOf(';');
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const [main, sub, ...more] = type.split('/');
  if (more.length || !TOKEN.test(main ?? '') || !TOKEN.test(sub ?? ''))
    throw refused(`${JSON.stringify(header)} is not a media type: send type/subtype, e.g. application/json`);
  const given = new Map<string, string>();
  const params = semicolon < 0 ? '' : header.slice(semicolon).trimEnd();
  PARAMETER.lastIndex = 0;
  while (PARAMETER.lastIndex < params.length) {
    const at = PARAMETER.lastIndex;
    const match = PARAMETER.exec(params);
    if (!match)
      throw refused(
        `${JSON.stringify(params.slice(at))} is not a parameter: write ; name=value, e.g. application/json; charset=utf-8`,
      );
    if (match[1] === undefined) continue;
    const name = match[1].toLowerCase();
    if (given.has(name)) throw refused(`the ${name} parameter is given twice; give it once`);
    given.set(name, match[2].replace(/^"(.*)"$/s, '$1').replace(/\\(.)/gs, '$1'));
  }
  // Bodies are read as UTF-8: one in another charset would be read as text it is not (hostile review: a
  // JSON body marked utf-16 was read as UTF-8).
  const charset = given.get('charset');
  if (charset !== undefined && !UTF8.has(charset.toLowerCase()))
    throw refused(
      `charset ${JSON.stringify(charset)} is not supported: send the body in UTF-8 (charset=utf-8, or no charset)`,
    );
  return type;
}

// Methods whose body Fastify never reads, and OPTIONS, a CORS preflight's.
const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

// A request has content when its framing says so (RFC 9112 §6.3): a Transfer-Encoding, or a Content-Length
// above 0. Content-Type and Content-Encoding describe content (RFC 9110 §8.3, §8.4), so without any they
// say nothing, and a stray one on a probe or a GET is no reason to refuse it.
const hasBody = (req: FastifyRequest): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

// No body coding is decoded: a "gzip" body read as plain text would be taken for what it is not
// (RFC 9110 §8.4.1: 415, and Accept-Encoding says what is taken, RFC 7694).
function checkEncoding(req: FastifyRequest, reply: FastifyReply): void {
  const coding = req.headers['content-encoding'];
  if (!coding || coding.trim().toLowerCase() === 'identity') return;
  reply.header('accept-encoding', 'identity');
  throw new KubeknowError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: 'headers.content-encoding',
    message: `Content-Encoding ${JSON.stringify(coding)} is not supported: send the body uncompressed, without Content-Encoding`,
  });
}

/** The refusal of a request without a body on a route that requires one, whatever type it names. */
const bodyRequired = (req: FastifyRequest, takes: readonly string[]) =>
  req.headers['content-type'] === undefined
    ? unsupportedMediaType('', takes)
    : refused(`send a body in ${takes.join(', ')}; got none`);

/**
 * Refuses a body whose Content-Type mediaTypeOf refuses, whose Content-Encoding is not identity, or whose
 * type its route does not take, and a request without a body on a route that requires one (it declares
 * `takes`). A request without a body is otherwise never refused for these headers. A route that reads no
 * body (`takes: null`, a GET) and a path with no route are not checked at all.
 */
function checkBody(req: FastifyRequest, reply: FastifyReply): void {
  // Answered before Fastify reads a body for the not-found route: its parsers would refuse the body's type
  // (a 415 for POST /nope) or QUERY's missing one (a 400) before the 404 was made.
  if (req.is404) throw noRoute(req);
  if (NO_BODY.has(req.method)) return;
  const takes = req.routeOptions.config.takes;
  if (takes === null) return;
  if (!hasBody(req)) {
    if (takes) throw bodyRequired(req, takes);
    // Fastify would parse the empty content by the type named (a 415 for a type it has no parser for, a
    // 400 for empty JSON): a request without content is read as one without a type.
    delete req.headers['content-type'];
    return;
  }
  checkEncoding(req, reply);
  const type = mediaTypeOf(req.headers['content-type']);
  if (!(takes ?? JSON_ONLY).includes(type)) throw unsupportedMediaType(type, takes ?? JSON_ONLY);
}

/** Checks every request's body headers as checkBody says: after routing, the route's method refusal and its
 * guards (onRequest hooks: a 404, a 405 or a 403 is the answer, whatever the type), before the body is read. */
export function mediaTypes(app: FastifyInstance): void {
  app.addHook('preParsing', (req, reply, payload, done) => {
    try {
      checkBody(req, reply);
    } catch (err) {
      return done(err as Error);
    }
    done(null, payload);
  });
}
