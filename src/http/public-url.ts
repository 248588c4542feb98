// Absolute links, for answers read far from this server (exports, the index page).
import type { FastifyRequest } from 'fastify';

/** The base of absolute links: PUBLIC_URL when set (see README), else this request's scheme and host. */
export function publicBase(req: FastifyRequest): string {
  return publicPrefix() || `${req.protocol}://${req.host}`;
}

// PUBLIC_URL as last read, and the prefix it gives.
let prefixOf: { given: string | undefined; prefix: string } = { given: undefined, prefix: '' };

/** What concept links start with: PUBLIC_URL when set, so answers read elsewhere (a chatbot's prompt) still lead here; else nothing (relative links). */
export function publicPrefix(): string {
  // Read for every request (a kept answer's key holds it): the variable's text is trimmed once per
  // value it takes, not per request (tests set it while the app runs).
  const given = process.env.PUBLIC_URL;
  if (given !== prefixOf.given) prefixOf = { given, prefix: given?.trim().replace(/\/+$/, '') ?? '' };
  return prefixOf.prefix;
}
