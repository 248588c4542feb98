// Security headers on every answer: no MIME sniffing, no framing, no referrer, no cross-origin
// embedding, and HSTS on an answer that came over HTTPS (TLS here, or a trusted proxy's
// X-Forwarded-Proto: https, TRUST_PROXY). API answers are data, never a page, so their
// content security policy lets nothing load or frame them; the HTML pages (GraphiQL, Swagger UI, the
// index page) add the headers that only a document reads, and the UIs send a policy of their own
// (src/rest/assets.ts), which replaces this one.
// The values are @fastify/helmet's for this configuration, written out once: helmet built its
// middleware and policy string again on every request, 9% of a cached GraphQL answer's CPU.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What every answer carries. */
export const ANSWER_HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
} as const;

/** HSTS, sent only over HTTPS: RFC 6797 §7.2 says a host must not send it over plain HTTP (an attacker
 * there could send or strip it anyway). The host's other names are not ours to pin: no includeSubDomains. */
export const HSTS = { 'strict-transport-security': 'max-age=15552000' } as const;

/** Whether the request came over HTTPS: Fastify's protocol is the socket's, or a trusted proxy's
 * X-Forwarded-Proto (only when TRUST_PROXY trusts the peer; anyone else's header is ignored). */
const overHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

/** What only a browser's document reads (a JSON answer is never one): helmet's other defaults. */
const DOCUMENT_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  // The old browsers' XSS auditor leaked what it blocked; off is the safe value.
  'x-xss-protection': '0',
} as const;

/** Registers the headers for every route. */
export function securityHeaders(app: FastifyInstance): void {
  // A callback hook: no promise per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(ANSWER_HEADERS);
    if (overHttps(req)) reply.headers(HSTS);
    done();
  });
}

/** Adds the headers every answer carries to this one: for an answer made before the hooks run
 * (a path the router cannot read, src/http/requests.ts' frameworkError). */
export function answerHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers(overHttps(reply.request) ? { ...ANSWER_HEADERS, ...HSTS } : ANSWER_HEADERS);
}

/**
 * Sets the headers given to this reply so far (the security headers, X-Request-Id, CORS and rate
 * limits) on its raw response, for a route that hijacks it and writes the response itself (MCP's
 * transport): Fastify sends a reply's headers only when it sends the reply.
 */
export function hijackWithHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) reply.raw.setHeader(name, value);
  reply.hijack();
}

/** Adds the headers of an HTML page to this answer. */
export function documentHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers(DOCUMENT_HEADERS);
}
