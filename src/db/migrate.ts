// Applies prisma/migrations with Prisma's WebAssembly schema engine through the same driver
// adapter the app uses, so it works on PGlite and PostgreSQL and needs no native engine download.
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
  return withEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(), filters: FILTERS });
    return out.appliedMigrationNames;
  });
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
