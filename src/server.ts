// `npm start`: migrate, seed, serve. SIGTERM or SIGINT, at any moment, closes what is open, last
// opened first (the HTTP server once in-flight requests are done, the change listener, the
// database), logs "stopped" and exits 0. A PostgreSQL that does not answer yet is waited for.
// First: how the heap grows is set before the modules below allocate theirs.
import './heap';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { configFromEnv } from './config';
import { describeDatabase } from './db/config';
import type { PrismaClient } from './generated/prisma/client';
import { openDatabase } from './db/connect';
import { DirectoryInUse } from './db/lock';
import { isDatabaseUnavailable } from './db/failures';
import { loadInTurns } from './util/turns';

// The rest of start-up's modules, each loaded in a turn of the event loop of its own while the
// database opens: PGlite's WebAssembly is compiled on V8's threads meanwhile (src/db/connect.ts),
// where the event loop used to wait for it idle, after loading these (docs/performance.md).
const MODULES = [
  () => import('fastify'),
  () => import('./capabilities'),
  () => import('./knowledge/service'),
  () => import('./app'),
  () => import('./knowledge/seed'),
  () => import('./auth/keys'),
  () => import('./db/migrate'),
];

/** The file in a PGlite directory that keeps the search index's analysis between starts (knowledge/search/kept.ts). */
const KEPT_ANALYSIS_FILE = 'search-analysis.v8';

/** How long after listening the search index's deferred insertions are made, if no search made them. */
const FINISH_INDEX_DELAY_MS = 1000;

interface Shutdown {
  /** Something to close on a signal; closed in the reverse order of adding. */
  add(name: string, close: () => Promise<void>): void;
  readonly stopping: boolean;
}

// Installed before anything is opened, so a signal during start-up (waiting for the database, say)
// also ends cleanly. A second signal exits at once, for an operator who will not wait.
function closeOnSignal(log: Logger): Shutdown {
  const closers: { name: string; close: () => Promise<void> }[] = [];
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without finishing');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    void (async () => {
      let failed = false;
      for (const c of closers.reverse())
        await c.close().catch((err) => ((failed = true), log.error({ err }, `closing the ${c.name} failed`)));
      log.info('stopped');
      process.exit(failed ? 1 : 0);
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return {
    add: (name, close) => void closers.push({ name, close }),
    get stopping() {
      return stopping;
    },
  };
}

/** Runs a step of start-up, waiting while the database does not answer (whenDatabaseAnswers). */
type UntilAnswered = <T>(what: string, run: () => Promise<T>) => Promise<T>;

// The database and the API often start together (compose, an orchestrator): while PostgreSQL does
// not answer, start-up waits with back-off instead of exiting. Any other error ends the start.
async function whenDatabaseAnswers<T>(what: string, run: () => Promise<T>, log: Logger, s: Shutdown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      const { backoffDelay } = await import('./knowledge/sync');
      const retryInMs = backoffDelay(attempt, 500, 15_000, Math.random());
      log.warn(
        { err: String(err).split('\n').find(Boolean), retryInMs },
        `the database does not answer (${what}); waiting`,
      );
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
    // The signal handler is closing what is open and will exit; start-up goes no further.
    if (s.stopping) await new Promise(() => undefined);
  }
}

// Brings the store up to content/. Unchanged content (the same files, read by the same code) is not
// even read: reading and checking its YAML is most of a second of start-up.
async function seedIfChanged(prisma: PrismaClient, log: Logger, untilAnswered: UntilAnswered): Promise<void> {
  const { contentFingerprint, loadContent } = await import('./knowledge/content/load');
  const { isSeeded, seedContent } = await import('./knowledge/seed');
  if (await untilAnswered('seeding', () => isSeeded(prisma, contentFingerprint())))
    return log.info('content unchanged since the last seed');
  const content = loadContent();
  // A first seed takes tens of seconds between "migrated" and "listening": say so, or start-up looks hung.
  const started = Date.now();
  log.info({ concepts: content.concepts.length }, 'seeding content');
  const report = await untilAnswered('seeding', () => seedContent(prisma, content));
  const { created, updated, conflicts } = report;
  log.info(
    { created: created.length, updated: updated.length, unchanged: report.unchanged.length, ms: Date.now() - started },
    'content seeded',
  );
  for (const c of conflicts)
    log.warn(
      c,
      'content not applied: the concept was edited through the API (npm run seed -- --force overwrites; revisions keep both)',
    );
}

// Finishes in-flight requests, but no longer than ms: then their connections are closed.
async function drain(app: FastifyInstance, ms: number, log: Logger): Promise<void> {
  const deadline = setTimeout(() => {
    log.warn({ ms }, 'in-flight requests did not finish in time; closing their connections');
    app.server.closeAllConnections();
  }, ms);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}

async function main(): Promise<void> {
  const config = configFromEnv();
  const log = pino({ level: config.logLevel });
  const shutdown = closeOnSignal(log);
  const untilAnswered: UntilAnswered = (what, run) => whenDatabaseAnswers(what, run, log, shutdown);
  const opening = openDatabase(config.database, {
    command: 'the kubeknow server (npm start)',
    instead:
      'Two servers cannot share one embedded database: give this one its own PGLITE_DIR, or set DATABASE_URL to a PostgreSQL database, which any number of replicas share.',
  }).then((db) => (shutdown.add('database', () => db.close()), db));
  const [db] = await Promise.all([opening, loadInTurns(MODULES)]);
  const [{ applyMigrations }, { Knowledge }, { buildApp }] = await Promise.all([
    import('./db/migrate'),
    import('./knowledge/service'),
    import('./app'),
  ]);
  const applied = await untilAnswered('migrating', () => applyMigrations(db.factory));
  log.info(
    { database: describeDatabase(config.database), applied },
    applied.length ? 'migrated' : 'database schema up to date',
  );
  if (config.seedOnStart) await seedIfChanged(db.prisma, log, untilAnswered);
  // The embedded database's directory also keeps the search index's analysis for the next start.
  const dir = config.database.kind === 'pglite' ? config.database.dataDir : null;
  const keptAnalysis = dir ? { file: path.join(dir, KEPT_ANALYSIS_FILE), log } : undefined;
  const knowledge = await untilAnswered('loading the snapshot', () => Knowledge.open(db, { keptAnalysis }));
  // Each step logs a line: bench/start.ts times start-up's phases by them.
  log.info('snapshot loaded');
  // Loaded only for PostgreSQL: the listener's module brings in pg, which PGlite never uses.
  const listener =
    config.database.kind === 'postgres'
      ? await (
          await import('./knowledge/sync')
        ).listenForChanges(config.database.url, (subjects) => knowledge.refresh(subjects), log)
      : null;
  if (listener) shutdown.add('change listener', () => listener.close());
  let draining = false;
  const app = await buildApp({
    knowledge,
    logger: log,
    limits: config.limits,
    corsOrigins: config.corsOrigins,
    notReady: () => (draining ? 'shutting down' : (listener?.staleBecause() ?? null)),
  });
  shutdown.add('HTTP server', () => {
    draining = true;
    return drain(app, config.shutdownTimeoutMs, log);
  });
  await app.listen({ port: config.port, host: config.host });
  // The search index's last insertions wait, as GraphQL's build does (src/graphql/route.ts), until
  // the first requests of a starting server are answered; a search before then makes them itself.
  // A few rows a turn, so that requests are answered between them.
  setTimeout(
    () => void knowledge.finishIndex().catch((err) => log.error({ err }, 'search index insertions failed')),
    FINISH_INDEX_DELAY_MS,
  ).unref();
  if (db.lock) {
    // `npm run apikey` on this machine finds the server and a key to call its admin API in the lock.
    const { deleteLocalKeys, localAdminKey } = await import('./auth/keys');
    db.lock.update({
      url: localUrl(app.server.address(), config.host),
      adminKey: await localAdminKey(db.prisma, process.pid),
    });
    // Closed before the database (closers run last added first): the local key dies with this server.
    shutdown.add('local admin key', () => deleteLocalKeys(db.prisma));
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
