// Security headers on every answer (@fastify/helmet): no MIME sniffing, no framing, no referrer,
// HSTS for when a TLS proxy fronts the server. API answers are data, never a page, so their content
// security policy lets nothing load or frame them; the HTML pages (GraphiQL, Swagger UI) send a
// policy of their own (src/rest/assets.ts), which replaces this one.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Registers the headers for every route. */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    // The host's other names are not ours to pin to HTTPS.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
}
