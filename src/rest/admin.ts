// The admin API for keys, under /v1/admin/keys: list, create, revoke. Keys are rows of the database
// the server holds, so on PGlite this is how anything but the server makes them (`npm run apikey`
// calls it), and on PostgreSQL any replica's answer holds on every replica at once.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  authenticate,
  createApiKey,
  listApiKeys,
  MAX_KEYS_LISTED,
  requireScope,
  revokeApiKey,
  SCOPES,
} from '../auth/keys';
import { fail } from '../errors';
import type { Knowledge } from '../knowledge/service';
import { problemResponses } from './schemas';

const apiKey = {
  type: 'object',
  description: 'An API key as an administrator sees it: never its secret.',
  required: ['prefix', 'name', 'scopes', 'createdAt', 'revokedAt'],
  properties: {
    prefix: { type: 'string', description: 'The 8 hex digits after "kk_": how logs, revisions and revoke name it.' },
    name: { type: 'string', description: 'Who or what it is for.' },
    scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time', description: 'Null while the key works.' },
  },
} as const;

const ADMIN = { tags: ['admin'] };
// The services check their input (zod), so REST, GraphQL and the CLI refuse the same things alike.
const UNCHECKED = { validatorCompiler: () => () => true };
const refused = problemResponses(400, 401, 403);

/** The caller, who must hold the admin scope (UNAUTHENTICATED, FORBIDDEN). */
async function admin(req: FastifyRequest, knowledge: Knowledge) {
  return requireScope(await authenticate(knowledge.db.prisma, req.headers.authorization), 'admin');
}

/** Registers the key routes; each needs a key with the admin scope. */
export function adminRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  const prisma = knowledge.db.prisma;
  // Checked from the headers before the body is received and parsed: a caller without the scope
  // gets its 401 or 403 without a megabyte of JSON being read for it on the event loop first.
  const onRequest = async (req: FastifyRequest) => {
    await admin(req, knowledge);
  };
  app.get(
    '/v1/admin/keys',
    {
      ...UNCHECKED,
      onRequest,
      schema: {
        ...ADMIN,
        summary: 'List API keys',
        description: `The newest keys first, revoked ones too: \`limit\` of them (1-${MAX_KEYS_LISTED}, default 100). Needs the admin scope.`,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_KEYS_LISTED } },
        },
        response: {
          200: {
            description: 'The keys.',
            type: 'object',
            properties: { items: { type: 'array', items: apiKey }, total: { type: 'integer' } },
          },
          ...refused,
        },
      },
    },
    async (req) => {
      const limit = (req.query as { limit?: string }).limit;
      return listApiKeys(prisma, limit === undefined ? undefined : Number(limit));
    },
  );
  app.post(
    '/v1/admin/keys',
    {
      ...UNCHECKED,
      onRequest,
      schema: {
        ...ADMIN,
        summary: 'Create an API key',
        description:
          'Makes a key with a `name` and `scopes` (read, write, admin; default read). The answer holds the key itself, shown this once: only its hash is stored. Needs the admin scope.',
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 100 },
            scopes: { type: 'array', items: { type: 'string' } },
          },
        },
        response: {
          201: {
            description: 'The new key (`key`, shown once) and what is stored about it.',
            type: 'object',
            properties: { key: { type: 'string' }, apiKey },
          },
          ...refused,
        },
      },
    },
    async (req, reply) => {
      const body: unknown = req.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body))
        fail('BAD_USER_INPUT', 'the body must be a JSON object: { "name": …, "scopes": [ … ] }');
      const { name, scopes } = body as { name?: string; scopes?: string[] };
      const { key, apiKey: made } = await createApiKey(prisma, name, scopes);
      return reply.code(201).send({ key, apiKey: made });
    },
  );
  app.delete(
    '/v1/admin/keys/:prefix',
    {
      ...UNCHECKED,
      onRequest,
      schema: {
        ...ADMIN,
        summary: 'Revoke an API key',
        description:
          'Revokes the key with this prefix: it stops working at once, on every replica. The row stays, so the key is listed as revoked. Needs the admin scope.',
        params: { type: 'object', properties: { prefix: { type: 'string' } }, required: ['prefix'] },
        response: { 200: { ...apiKey, description: 'The key, now revoked.' }, ...refused, ...problemResponses(404) },
      },
    },
    async (req) => {
      return revokeApiKey(prisma, (req.params as { prefix: string }).prefix);
    },
  );
}
