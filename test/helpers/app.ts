// The real app on a real database of its own, migrated and seeded, for supertest.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { buildApp, type AppOptions } from '../../src/app';
import { createApiKey, type Scope } from '../../src/auth/keys';
import { openDatabase, type Database } from '../../src/db/connect';
import { applyMigrations } from '../../src/db/migrate';
import { seedContent } from '../../src/knowledge/seed';
import { Knowledge } from '../../src/knowledge/service';
import { freshDatabase, repoContent, seededDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  http: ReturnType<typeof supertest>;
  knowledge: Knowledge;
  db: Database;
  /** A new API key with these scopes, as the header value "Bearer …". */
  bearer(...scopes: Scope[]): Promise<string>;
  close(): Promise<void>;
}

export { repoContent } from './database';

/** Starts the app on a database of its own: a copy of the run's seeded one, or empty with `seed: false`. */
export async function startTestApp(
  opts: { seed?: boolean } & Pick<AppOptions, 'limits' | 'logger' | 'corsOrigins' | 'budgets'> = {},
): Promise<TestApp> {
  const seed = opts.seed !== false;
  const fresh = seed ? await seededDatabase() : await freshDatabase();
  const db = await openDatabase(fresh.config);
  // On a copy of the run's seeded template both find nothing to do, as `npm start` on an existing database.
  await applyMigrations(db.factory);
  if (seed) await seedContent(db.prisma, repoContent());
  const knowledge = await Knowledge.open(db);
  const app = await buildApp({
    knowledge,
    limits: opts.limits,
    logger: opts.logger,
    corsOrigins: opts.corsOrigins,
    budgets: opts.budgets,
  });
  await app.ready();
  return {
    app,
    http: supertest(app.server),
    knowledge,
    db,
    bearer: async (...scopes) => `Bearer ${(await createApiKey(db.prisma, 'test', scopes)).key}`,
    close: async () => {
      await app.close();
      await db.close();
      await fresh.drop();
    },
  };
}

/** Makes the test app listen on a free port of 127.0.0.1 (for tests that need real sockets); returns its base URL. */
export async function listeningBase(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}
