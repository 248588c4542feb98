// Opens the database chosen by DatabaseConfig and hands out one driver-adapter factory, used both
// by the Prisma client and by the schema engine that applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';
import type { DatabaseConfig } from './config';
import { lockDirectory, type DirectoryLock } from './lock';

export interface Database {
  config: DatabaseConfig;
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The lock this process holds on a PGlite directory (src/db/lock.ts); null otherwise. */
  lock: DirectoryLock | null;
  /** The PostgreSQL connection pool's counts, once Prisma has opened it; null on PGlite (one embedded connection, no pool). */
  pool(): PoolStats | null;
  /** Disconnects Prisma, closes PGlite (an open PGlite keeps the process alive) and releases the lock. */
  close(): Promise<void>;
}

export interface PoolStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

const POOL_MAX = 10;

// Prisma's pg adapter opens its pool on first use (and again after a disconnect) and keeps it to
// itself; the adapter it returns names the pool, so the factory notes it for metrics. Loaded only
// here: pg and its adapter are a tenth of a second of start-up that PGlite never uses.
async function observedPg(url: string) {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  class ObservedPg extends PrismaPg {
    pool: Pool | null = null;
    override async connect() {
      const adapter = await super.connect();
      this.pool = adapter.underlyingDriver();
      return adapter;
    }
  }
  return new ObservedPg({ connectionString: url, max: POOL_MAX });
}

/** Who opens a PGlite directory, for the lock: its name, and what to do instead when it is held. */
export interface Opener {
  command: string;
  instead: string;
}

const DEFAULT_OPENER: Opener = {
  command: `node ${path.basename(process.argv[1] ?? 'node')}`,
  instead: 'Stop that process first, or set DATABASE_URL to a PostgreSQL database, which many processes share.',
};

/**
 * Opens (and for PGlite, creates) the database; nothing is migrated here. A PGlite directory is
 * locked first: a directory another live process holds throws DirectoryInUse before PGlite opens it.
 */
export async function openDatabase(config: DatabaseConfig, opener: Opener = DEFAULT_OPENER): Promise<Database> {
  // V8 compiles the hot functions of WebAssembly a second time with TurboFan. For PGlite's postgres
  // and Prisma's query compiler (both compiled after this) that code and its compile memory were
  // 80 MB of RSS and a second of CPU at start (50 MB on PostgreSQL, the compiler alone): more than
  // they are worth here, where queries run ~20% slower without it and reads come from the snapshot.
  // The flag holds for every module compiled later in the process (docs/performance.md).
  v8.setFlagsFromString('--liftoff-only');
  if (config.kind === 'postgres') {
    const factory = await observedPg(config.url);
    const prisma = new PrismaClient({ adapter: factory });
    const pool = (): PoolStats | null => {
      const p = factory.pool;
      return p && { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount, max: POOL_MAX };
    };
    return { config, prisma, factory, lock: null, pool, close: () => prisma.$disconnect() };
  }
  // The lock makes the directory and its parents (PGlite makes only its own: ./data on a fresh clone).
  const lock = config.dataDir ? lockDirectory(config.dataDir, opener.command, opener.instead) : null;
  try {
    const pglite = await openPGlite(config.dataDir);
    const factory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: factory });
    return {
      config,
      prisma,
      factory,
      lock,
      pool: () => null,
      close: async () => {
        try {
          await prisma.$disconnect();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

// PostgreSQL's settings for the embedded database, whose whole graph is read once into the snapshot
// (src/knowledge/snapshot.ts) and is a few megabytes: initdb's default of 128 MB of shared buffers
// sits in PGlite's WebAssembly memory, which postgres writes at start, so all of it counted in RSS.
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

// PGlite's postgres, compiled once per process. The compile runs on V8's threads; started here, at
// once, it runs while the event loop loads the server's modules (src/server.ts), where PGlite itself
// would read and compile the file only some turns of the event loop later, after those modules.
const POSTGRES_WASM = path.join(path.dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
// @types/node does not declare the WebAssembly global (as in ./engine.ts); this is the one call made on it.
const { WebAssembly } = globalThis as unknown as { WebAssembly: { compile(bytes: Buffer): Promise<object> } };
let postgres: Promise<object> | undefined;
const compiledPostgres = () => (postgres ??= WebAssembly.compile(fs.readFileSync(POSTGRES_WASM)));

/**
 * PGlite on dataDir (null: in memory), tuned for RSS (docs/performance.md). A directory without a
 * database is made (initdb) and then opened again: the instance that ran initdb keeps about 400 MB
 * of initdb's memory for as long as it lives.
 */
async function openPGlite(dataDir: string | null): Promise<PGlite> {
  const options = {
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
    pgliteWasmModule: await compiledPostgres(),
  };
  if (!dataDir) return PGlite.create(options);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await (await PGlite.create({ dataDir, ...options })).close();
  return PGlite.create({ dataDir, ...options });
}
