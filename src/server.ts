// `npm start`: migrate, seed, serve; on SIGTERM finish in-flight requests and close the database.
import pino from 'pino';
import { buildApp } from './app';
import { configFromEnv } from './config';
import { describeDatabase } from './db/config';
import { openDatabase } from './db/connect';
import { applyMigrations } from './db/migrate';
import { loadContent } from './knowledge/content/load';
import { seedContent } from './knowledge/seed';
import { Knowledge } from './knowledge/service';
import { listenForChanges } from './knowledge/sync';

async function main(): Promise<void> {
  const config = configFromEnv();
  const log = pino({ level: config.logLevel });
  const db = await openDatabase(config.database);
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

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    ready = false;
    await app.close();
    await listener?.close();
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

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
