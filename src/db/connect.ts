// Opens the database chosen by DatabaseConfig and hands out one driver-adapter factory, used both
// by the Prisma client and by the schema engine that applies migrations.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
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
  /** Disconnects Prisma, closes PGlite (an open PGlite keeps the process alive) and releases the lock. */
  close(): Promise<void>;
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
    const factory = new PrismaPg({ connectionString: config.url, max: 10 });
    const prisma = new PrismaClient({ adapter: factory });
    return { config, prisma, factory, lock: null, close: () => prisma.$disconnect() };
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
