// Absolute links, for answers read far from this server (exports, the index page).
import type { FastifyRequest } from 'fastify';

/** The base of absolute links: PUBLIC_URL when set (see README), else this request's scheme and host. */
export function publicBase(req: FastifyRequest): string {
  return publicPrefix() || `${req.protocol}://${req.host}`;
}

/** What concept links start with: PUBLIC_URL when set, so answers read elsewhere (a chatbot's prompt) still lead here; else nothing (relative links). */
export function publicPrefix(): string {
  return process.env.PUBLIC_URL?.trim().replace(/\/+$/, '') ?? '';
}
