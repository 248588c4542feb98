// Absolute links, for answers read far from this server (exports, the index page).
import type { FastifyRequest } from 'fastify';

/** The base of absolute links: PUBLIC_URL when set (see README), else this request's scheme and host. */
export function publicBase(req: FastifyRequest): string {
  return process.env.PUBLIC_URL?.trim().replace(/\/+$/, '') || `${req.protocol}://${req.host}`;
}
