// Opens the database chosen by DatabaseConfig and hands out one driver-adapter factory, used both
// by the Prisma client and by the schema engine that applies migrations.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
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
// itself; the adapter it returns names the pool, so the factory notes it for metrics.
class ObservedPg extends PrismaPg {
  pool: Pool | null = null;
  override async connect() {
    const adapter = await super.connect();
    this.pool = adapter.underlyingDriver();
    return adapter;
  }
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
  if (config.kind === 'postgres') {
    const factory = new ObservedPg({ connectionString: config.url, max: POOL_MAX });
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
    const pglite = config.dataDir ? await PGlite.create({ dataDir: config.dataDir }) : await PGlite.create();
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
