// Applies prisma/migrations with Prisma's WebAssembly schema engine through the same driver
// adapter the app uses, so it works on PGlite and PostgreSQL and needs no native engine download.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PRISMA_DIR } from '../paths';
import { schemaEngineBindings, useEngine } from './engine';

const FILTERS = { externalTables: [], externalEnums: [] };
const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');

/** The migrations folder in the shape the schema engine reads. */
export function migrationsList(dir = path.join(PRISMA_DIR, 'migrations')) {
  const lock = path.join(dir, 'migration_lock.toml');
  const migrationDirectories = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    }));
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: fs.readFileSync(lock, 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

// A schema engine on prisma/schema.prisma for one run, freed after it; `run` gets the schema text too.
async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: Engine, schema: string) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await schemaEngineBindings();
  const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
  return useEngine(async () => {
    const engine = await SchemaEngine.new(
      { datamodels: [[SCHEMA_PATH, schema]] } as never,
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await run(engine, schema);
    } finally {
      engine.free();
    }
  });
}
type Engine = Awaited<ReturnType<Awaited<ReturnType<typeof schemaEngineBindings>>['SchemaEngine']['new']>>;

/** Applies the migrations the database has not seen yet; returns their names (none on a re-run). */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const list = migrationsList();
  // Starting the schema engine takes about half a second; on a restart there is nothing for it to do.
  if (await allApplied(factory, list)) return [];
  return withEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: list, filters: FILTERS });
    return out.appliedMigrationNames;
  });
}

/** Whether the database has applied, and finished, exactly these migrations with these scripts (Prisma's
 * checksum is the sha256 of the script): one query, where the engine would compare the same. Any doubt
 * (no table yet, a failed or rolled-back migration, one changed, missing or unknown here) leaves it to the engine. */
async function allApplied(
  factory: SqlMigrationAwareDriverAdapterFactory,
  list: ReturnType<typeof migrationsList>,
): Promise<boolean> {
  const adapter = await factory.connect();
  try {
    const { rows } = await adapter.queryRaw({
      sql: 'SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL FROM _prisma_migrations',
      args: [],
      argTypes: [],
    });
    const applied = new Map(rows.map(([name, checksum, done]) => [name, done === true ? checksum : null]));
    return (
      applied.size === list.migrationDirectories.length &&
      list.migrationDirectories.every(
        (m) => applied.get(m.path) === createHash('sha256').update(m.migrationFile.content.value).digest('hex'),
      )
    );
  } catch {
    return false;
  } finally {
    await adapter.dispose();
  }
}

/** The SQL that brings the migrations up to prisma/schema.prisma ('' when they already match). */
export async function pendingSchemaSql(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(factory, async (engine, schema) => {
    const out = await engine.diff({
      from: { tag: 'migrations', ...migrationsList() },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    } as never);
    const sql = out.stdout ?? '';
    return sql.includes('empty migration') ? '' : sql;
  });
}
