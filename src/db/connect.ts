// Opens the database chosen by DatabaseConfig and hands out one driver-adapter factory, used both
// by the Prisma client and by the schema engine that applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';
import type { DatabaseConfig } from './config';

export interface Database {
  config: DatabaseConfig;
  prisma: PrismaClient;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Disconnects Prisma and closes PGlite (an open PGlite keeps the process alive). */
  close(): Promise<void>;
}

/** Opens (and for PGlite, creates) the database; nothing is migrated here. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const factory = new PrismaPg({ connectionString: config.url, max: 10 });
    const prisma = new PrismaClient({ adapter: factory });
    return { config, prisma, factory, close: () => prisma.$disconnect() };
  }
  // PGlite makes its own folder but not the ones above it (./data on a fresh clone).
  if (config.dataDir) fs.mkdirSync(path.dirname(config.dataDir), { recursive: true });
  const pglite = config.dataDir ? await PGlite.create({ dataDir: config.dataDir }) : await PGlite.create();
  const factory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    config,
    prisma,
    factory,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
