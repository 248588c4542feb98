// `npm run migrate`: applies pending migrations to the configured database.
// `npm run migrate -- new <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL that brings the migrations up to prisma/schema.prisma (computed on an in-memory PGlite).
import fs from 'node:fs';
import path from 'node:path';
import { databaseFromEnv, describeDatabase } from '../db/config';
import { openDatabase } from '../db/connect';
import { applyMigrations, pendingSchemaSql } from '../db/migrate';
import { PRISMA_DIR } from '../paths';
import { runCommand } from './command';

async function main(args: string[]): Promise<void> {
  if (args[0] === 'new') {
    const name = args[1];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run migrate -- new <name_in_snake_case>');
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      const sql = await pendingSchemaSql(db.factory);
      if (!sql) return console.log('schema.prisma and the migrations agree: nothing to write');
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const dir = path.join(PRISMA_DIR, 'migrations', `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
      console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    } finally {
      await db.close();
    }
    return;
  }
  const config = databaseFromEnv();
  const db = await openDatabase(config, {
    command: 'npm run migrate',
    instead:
      'If that is the server, it has applied the migrations itself when it started: restart it to apply new ones. Otherwise wait for it to end.',
  });
  try {
    const applied = await applyMigrations(db.factory);
    console.log(`${describeDatabase(config)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  } finally {
    await db.close();
  }
}

runCommand(main);
