// kubeknow as the bench loads it: the built app on an in-memory database, migrated and seeded with
// the repository's content, listening on a free port of 127.0.0.1. Run as a script, it says where it
// listens (bench/graphql.ts starts it in a process of its own, as it starts the anchors).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/connect';
import { applyMigrations } from '../src/db/migrate';
import { loadContent } from '../src/knowledge/content/load';
import { seedContent } from '../src/knowledge/seed';
import { Knowledge } from '../src/knowledge/service';
import { announce, benchPort } from './anchors/concepts';

/** Starts the app; `close` stops it and its database. */
export async function startKubeknow(): Promise<{ app: FastifyInstance; base: string; close(): Promise<void> }> {
  const db: Database = await openDatabase({ kind: 'pglite', dataDir: null });
  await applyMigrations(db.factory);
  await seedContent(db.prisma, loadContent());
  const knowledge = await Knowledge.open(db);
  const app = await buildApp({ knowledge });
  const base = await app.listen({ port: benchPort(), host: '127.0.0.1' });
  return {
    app,
    base,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

// As a process of its own it runs with the server's heap settings (src/heap.ts, which src/server.ts
// imports first), so that what the bench measures is how `npm start` serves; bench/run.ts, which
// imports startKubeknow into the bench's own process, keeps V8's defaults for its kernel figures.
if (require.main === module) void import('../src/heap').then(() => startKubeknow()).then(({ base }) => announce(base));
