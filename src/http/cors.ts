// Cross-origin calls from browser pages (a developer portal): allowed only from the origins listed
// in CORS_ORIGINS, none by default. GraphQL stays safe from cross-site requests either way: Apollo's
// CSRF prevention refuses the "simple" requests a page can send without a preflight.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** The origins of CORS_ORIGINS (comma-separated `scheme://host[:port]`); an entry that is not an origin is an error. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of entries) {
    let origin: string | undefined;
    try {
      origin = new URL(o).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== o)
      throw new Error(
        `CORS_ORIGINS: "${o}" is not an origin; write scheme://host[:port], e.g. https://portal.example.com`,
      );
  }
  return entries;
}

/** Answers preflights and adds the CORS headers for these origins; does nothing for none. */
export async function allowCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (!origins.length) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'Content-Type',
      'Authorization',
      'Accept',
      'Accept-Language',
      'X-Request-Id',
      'Apollo-Require-Preflight',
    ],
    // What a page needs to read: its request's id, when to retry, its rate limit, caching and links.
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'ETag',
      'Link',
      'Content-Language',
    ],
    maxAge: 600,
  });
}
