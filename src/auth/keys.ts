// API keys: `kk_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored; the key is shown once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { z } from 'zod';
import { fail } from '../errors';
import { parseInput } from '../knowledge/inputs';

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  name: string; // for revisions and logs: "apikey:<prefix> (<name>)"
  scopes: Scope[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The name that marks the key a PGlite server makes for commands on its machine (see localAdminKey). */
export const LOCAL_KEY_NAME = 'local:';

/** The input of createApiKey, as every transport and the CLI check it. */
export const createApiKeyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .refine((n) => !n.startsWith(LOCAL_KEY_NAME), `must not start with "${LOCAL_KEY_NAME}" (the server's own keys do)`)
    .default('unnamed'),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, `needs at least one of ${SCOPES.join(', ')}`)
    .max(SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a scope')
    .default(['read']),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** A key's prefix, the 8 hex digits after "kk_", as revokeApiKey takes it. */
export const keyPrefix = z.string().regex(/^[0-9a-f]{8}$/, 'must be the 8 hex digits after "kk_" in the key');

/** What an administrator sees of a key: never its secret or its hash. */
export interface ApiKeyView {
  prefix: string;
  name: string;
  scopes: Scope[];
  createdAt: Date;
  revokedAt: Date | null;
}

const view = (row: ApiKeyView): ApiKeyView => ({
  prefix: row.prefix,
  name: row.name,
  scopes: row.scopes,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/** Creates a key; returns the key itself, which is never stored, and its view. BAD_USER_INPUT names the bad field. */
export async function createApiKey(
  prisma: PrismaClient,
  name: string | undefined,
  scopes: readonly string[] | undefined,
): Promise<{ key: string; prefix: string; apiKey: ApiKeyView }> {
  const input = parseInput(createApiKeyInput, { name, scopes });
  return insertKey(prisma, input.name, input.scopes);
}

async function insertKey(prisma: PrismaClient, name: string, scopes: Scope[]) {
  const prefix = randomBytes(4).toString('hex');
  const key = `kk_${prefix}_${randomBytes(24).toString('base64url')}`;
  const row = await prisma.apiKey.create({ data: { prefix, hash: sha256(key), name, scopes } });
  return { key, prefix, apiKey: view({ ...row, scopes: row.scopes as Scope[] }) };
}

/** Revokes a key by its prefix; it stops working at once, on every replica (keys are read per request, never cached). */
export async function revokeApiKey(prisma: PrismaClient, prefix: string): Promise<ApiKeyView> {
  const p = parseInput(z.object({ prefix: keyPrefix }), { prefix }).prefix;
  const out = await prisma.apiKey.updateMany({
    where: { prefix: p, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (out.count === 0) fail('NOT_FOUND', `no active API key has the prefix ${p}`, 'prefix');
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { prefix: p } });
  return view({ ...row, scopes: row.scopes as Scope[] });
}

/** The most keys one list returns. */
export const MAX_KEYS_LISTED = 500;

/** The newest `limit` keys, revoked ones included, and how many there are. */
export async function listApiKeys(prisma: PrismaClient, limit = 100): Promise<{ items: ApiKeyView[]; total: number }> {
  const take = parseInput(z.object({ limit: z.int().min(1).max(MAX_KEYS_LISTED) }), { limit }).limit;
  const [rows, total] = await Promise.all([
    prisma.apiKey.findMany({ orderBy: { id: 'desc' }, take }),
    prisma.apiKey.count(),
  ]);
  return { items: rows.map((r) => view({ ...r, scopes: r.scopes as Scope[] })), total };
}

/**
 * A key with the admin scope for the commands of the machine a PGlite server runs on (`npm run
 * apikey`), which the server writes into its lock file: whoever can read that file can open the
 * database files anyway. Keys left by an earlier server (killed before it could delete its own)
 * are deleted first; only one server holds a PGlite directory, so none of them is in use.
 */
export async function localAdminKey(prisma: PrismaClient, pid: number): Promise<string> {
  await deleteLocalKeys(prisma);
  return (await insertKey(prisma, `${LOCAL_KEY_NAME}server pid ${pid}`, ['admin'])).key;
}

/** Deletes the local keys (a stopping server's own). */
export async function deleteLocalKeys(prisma: PrismaClient): Promise<void> {
  await prisma.apiKey.deleteMany({ where: { name: { startsWith: LOCAL_KEY_NAME } } });
}

/** The credentials of a "Bearer" Authorization header, else null: HTTP auth schemes are case-insensitive (RFC 9110 §11.1). */
function bearerToken(header: string): string | null {
  const m = /^(\S+)\s+(\S+)$/.exec(header.trim());
  return m && m[1].toLowerCase() === 'bearer' ? m[2] : null;
}

/** The principal of an `Authorization` header, null when there is none; UNAUTHENTICATED when it is bad. */
export async function authenticate(prisma: PrismaClient, header: string | undefined): Promise<Principal | null> {
  if (!header) return null;
  const m = /^(kk_([0-9a-f]{8})_[A-Za-z0-9_-]+)$/.exec(bearerToken(header) ?? '');
  if (!m)
    fail(
      'UNAUTHENTICATED',
      'the Authorization header must be "Bearer <key>" with a key as `npm run apikey -- create` prints it: kk_, 8 hex digits, _, then the secret',
    );
  const row = await prisma.apiKey.findUnique({ where: { prefix: m[2] } });
  const ok = row && !row.revokedAt && timingSafeEqual(Buffer.from(row.hash), Buffer.from(sha256(m[1])));
  if (!ok)
    fail(
      'UNAUTHENTICATED',
      "this API key is unknown or revoked (keys belong to one database: a key made with another PGLITE_DIR or DATABASE_URL than the server's is unknown here)",
    );
  return { name: `apikey:${row.prefix} (${row.name})`, scopes: row.scopes as Scope[] };
}

/** The prefix (the public id) of the API key an `Authorization` header sends when it is a valid key; else null, never an error. */
export async function apiKeyId(prisma: PrismaClient, header: string | undefined): Promise<string | null> {
  const prefix = header && /^kk_([0-9a-f]{8})_/.exec(bearerToken(header) ?? '')?.[1];
  if (!prefix) return null;
  return (await authenticate(prisma, header).catch(() => null)) ? prefix : null;
}

/** Throws unless the principal holds the scope (admin holds every scope). */
export function requireScope(principal: Principal | null, scope: Scope): Principal {
  if (!principal)
    fail(
      'UNAUTHENTICATED',
      `this needs an API key with the "${scope}" scope: send "Authorization: Bearer <key>" ` +
        `(make one with \`npm run apikey -- create --scope ${scope}\`, run with the server's PGLITE_DIR or DATABASE_URL; see docs/operations.md#keys)`,
    );
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    fail('FORBIDDEN', `this API key lacks the "${scope}" scope (it has: ${principal.scopes.join(', ')})`);
  }
  return principal;
}
