// `npm start`: migrate, seed, serve; on SIGTERM finish in-flight requests and close the database.
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { deleteLocalKeys, localAdminKey } from './auth/keys';
import { configFromEnv } from './config';
import { describeDatabase } from './db/config';
import { openDatabase } from './db/connect';
import { DirectoryInUse } from './db/lock';
import { applyMigrations } from './db/migrate';
import { loadContent } from './knowledge/content/load';
import { seedContent } from './knowledge/seed';
import { Knowledge } from './knowledge/service';
import { listenForChanges } from './knowledge/sync';

async function main(): Promise<void> {
  const config = configFromEnv();
  const log = pino({ level: config.logLevel });
  const db = await openDatabase(config.database, {
    command: 'the kubeknow server (npm start)',
    instead:
      'Two servers cannot share one embedded database: give this one its own PGLITE_DIR, or set DATABASE_URL to a PostgreSQL database, which any number of replicas share.',
  });
  const applied = await applyMigrations(db.factory);
  log.info(
    { database: describeDatabase(config.database), applied },
    applied.length ? 'migrated' : 'database schema up to date',
  );
  if (config.seedOnStart) {
    const report = await seedContent(db.prisma, loadContent());
    const { created, updated, conflicts } = report;
    log.info(
      { created: created.length, updated: updated.length, unchanged: report.unchanged.length },
      'content seeded',
    );
    for (const c of conflicts)
      log.warn(
        c,
        'content not applied: the concept was edited through the API (npm run seed -- --force overwrites; revisions keep both)',
      );
  }
  const knowledge = await Knowledge.open(db);
  const listener =
    config.database.kind === 'postgres'
      ? await listenForChanges(config.database.url, () => knowledge.refresh(), log)
      : null;
  let ready = true;
  const app = await buildApp({ knowledge, logger: log, ready: () => ready });
  await app.listen({ port: config.port, host: config.host });
  if (db.lock) {
    // `npm run apikey` on this machine finds the server and a key to call its admin API in the lock.
    db.lock.update({
      url: localUrl(app.server.address(), config.host),
      adminKey: await localAdminKey(db.prisma, process.pid),
    });
  }

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    ready = false;
    await app.close();
    await listener?.close();
    if (db.lock) await deleteLocalKeys(db.prisma);
    await db.close();
    log.info('stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (err) => (log.error({ err }, 'shutdown failed'), process.exit(1)),
      );
    });
  }
}

// The address a command on this machine reaches the server at (a wildcard host listens on loopback too).
function localUrl(address: AddressInfo | string | null, host: string): string {
  const port = typeof address === 'object' && address ? address.port : 0;
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

main().catch((err) => {
  // A held directory is an answer for people, not a bug: its message says what to do.
  console.error(err instanceof DirectoryInUse ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
