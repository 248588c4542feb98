// API keys: `kk_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored; the key is shown once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  name: string; // for revisions and logs: "apikey:<prefix> (<name>)"
  scopes: Scope[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a key with the given scopes; returns the key itself, which is never stored. */
export async function createApiKey(
  prisma: PrismaClient,
  name: string,
  scopes: Scope[],
): Promise<{ key: string; prefix: string }> {
  const bad = scopes.filter((s) => !SCOPES.includes(s));
  if (bad.length || !scopes.length) fail('BAD_USER_INPUT', `scopes must be some of ${SCOPES.join(', ')}`, 'scope');
  const prefix = randomBytes(4).toString('hex');
  const key = `kk_${prefix}_${randomBytes(24).toString('base64url')}`;
  await prisma.apiKey.create({ data: { prefix, hash: sha256(key), name, scopes } });
  return { key, prefix };
}

/** Revokes a key by its prefix; it stops working at once. */
export async function revokeApiKey(prisma: PrismaClient, prefix: string): Promise<boolean> {
  const out = await prisma.apiKey.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } });
  return out.count > 0;
}

/** The principal of an `Authorization` header, null when there is none; UNAUTHENTICATED when it is bad. */
export async function authenticate(prisma: PrismaClient, header: string | undefined): Promise<Principal | null> {
  if (!header) return null;
  const m = /^Bearer\s+(kk_([0-9a-f]{8})_[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m)
    fail(
      'UNAUTHENTICATED',
      'the Authorization header must be "Bearer kk_…" with an API key from `npm run apikey -- create`',
    );
  const row = await prisma.apiKey.findUnique({ where: { prefix: m[2] } });
  const ok = row && !row.revokedAt && timingSafeEqual(Buffer.from(row.hash), Buffer.from(sha256(m[1])));
  if (!ok) fail('UNAUTHENTICATED', 'this API key is unknown or revoked');
  return { name: `apikey:${row.prefix} (${row.name})`, scopes: row.scopes as Scope[] };
}

/** Throws unless the principal holds the scope (admin holds every scope). */
export function requireScope(principal: Principal | null, scope: Scope): Principal {
  if (!principal)
    fail('UNAUTHENTICATED', `this needs an API key with the "${scope}" scope: send "Authorization: Bearer <key>"`);
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    fail('FORBIDDEN', `this API key lacks the "${scope}" scope (it has: ${principal.scopes.join(', ')})`);
  }
  return principal;
}
