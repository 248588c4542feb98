// A request's Content-Type, read once for every route of every transport: what media type the body is in,
// refused (415 UNSUPPORTED_MEDIA_TYPE at `headers.content-type`) when it is not one the route takes, when a
// parameter is given twice (`charset=UTF-8; charset=latin1`: which one is meant?) or when its charset is not
// UTF-8. The REST routes, POST /graphql and /mcp each had their own wording and path for the same refusal.
// Spec: https://httpwg.org/specs/rfc9110.html#media.type
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KubeknowError } from '../errors';

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

// UTF-8 and its subset ASCII, by their IANA names and aliases, in any case.
const UTF8 = ['utf-8', 'utf8', 'us-ascii'];

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
  if (charset !== undefined && !UTF8.includes(charset.toLowerCase()))
    throw refused(
      `charset ${JSON.stringify(charset)} is not supported: send the body in UTF-8 (charset=utf-8, or no charset)`,
    );
  return type;
}

// Methods whose body Fastify never reads, and OPTIONS, a CORS preflight's.
const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

const hasBody = (req: FastifyRequest): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The media types a request must be in, or null when its type is not checked: no route (a 404), a route
 * that reads no body, or a request with neither a body nor a type to a route that does not require one. */
function takesOf(req: FastifyRequest): readonly string[] | null {
  if (req.is404 || NO_BODY.has(req.method)) return null;
  const takes = req.routeOptions.config.takes;
  if (takes === null) return null;
  if (takes) return takes;
  return req.headers['content-type'] !== undefined || hasBody(req) ? JSON_ONLY : null;
}

/** Refuses, before any body is read, a Content-Type that mediaTypeOf refuses, and a body of a type its route
 * does not take (or none, on a route that requires one). */
export function mediaTypes(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const type = mediaTypeOf(req.headers['content-type']);
    const takes = takesOf(req);
    if (takes && !takes.includes(type)) throw unsupportedMediaType(type, takes);
    done();
  });
}
