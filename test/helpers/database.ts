// A fresh database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server of TEST_DATABASE_URL (dropped afterwards), so runs never see each other's data.
// A file that wants the repository's content gets a copy of a database the run migrated and seeded
// once (test/helpers/run.ts makes the place for it): migrating and seeding PGlite costs about twelve
// seconds of CPU, which thirty-odd files paid each. The copy still goes through the start-up path
// (migration check, seed check) that `npm start` takes on an existing database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/db/config';
import { openDatabase } from '../../src/db/connect';
import { applyMigrations } from '../../src/db/migrate';
import { loadContent, type ContentSet } from '../../src/knowledge/content/load';
import { seedContent } from '../../src/knowledge/seed';
import { TEMPLATE_ENV, templateDatabaseName } from './run';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function admin<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

let content: ContentSet | undefined;
/** The repository's content, loaded once per test file. */
export const repoContent = (): ContentSet => (content ??= loadContent());

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** A database on TEST_DATABASE_URL's server, made by `create` (a statement for the new name). */
async function serverDatabase(server: string, create: (name: string) => string): Promise<TestDatabase> {
  const name = uniqueName('kk_test');
  await admin(server, (c) => c.query(create(name)));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A new empty database for one test file. */
export async function freshDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { config: { kind: 'pglite', dataDir: null }, drop: () => Promise.resolve() };
  return serverDatabase(server, (name) => `CREATE DATABASE ${name}`);
}

async function migrateAndSeed(config: DatabaseConfig, content: ContentSet): Promise<void> {
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.factory);
    await seedContent(db.prisma, content);
  } finally {
    await db.close();
  }
}

/**
 * The run's template, made by the first file that asks: a PGlite directory, or a database on the
 * PostgreSQL server. Made under a name of its own and then renamed, so that of two files making it at
 * once (two jest workers) one wins and the other's is dropped.
 */
function template(dir: string, server: string | undefined): Promise<string> {
  const key = `${dir} ${server ?? ''}`;
  let made = templates.get(key);
  if (!made) templates.set(key, (made = makeTemplate(dir, server)));
  return made;
}
// This process's templates by run folder and server, so that copies asked for at once wait for one.
const templates = new Map<string, Promise<string>>();

async function makeTemplate(dir: string, server: string | undefined): Promise<string> {
  if (server) {
    const name = templateDatabaseName(dir);
    const exists = () => admin(server, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
    if ((await exists()).rowCount) return name;
    const building = await serverDatabase(server, (n) => `CREATE DATABASE ${n}`);
    await migrateAndSeed(building.config, repoContent());
    const built = new URL((building.config as { url: string }).url).pathname.slice(1);
    try {
      // Prisma's pool may not have closed its connections yet: a database in use cannot be renamed.
      await admin(server, async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [built]);
        await c.query(`ALTER DATABASE ${built} RENAME TO ${name}`);
      });
    } catch (err) {
      await building.drop();
      if (!(await exists()).rowCount) throw err;
    }
    return name;
  }
  const made = path.join(dir, 'template');
  if (fs.existsSync(path.join(made, 'PG_VERSION'))) return made;
  const building = path.join(dir, uniqueName('building'));
  await migrateAndSeed({ kind: 'pglite', dataDir: building }, repoContent());
  try {
    fs.renameSync(building, made);
  } catch (err) {
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(path.join(made, 'PG_VERSION'))) throw err;
  }
  return made;
}

/**
 * A new database for one test file holding the repository's content migrated and seeded: a copy of the run's
 * template (then opened like any existing database), or, outside a jest run that made a place for
 * the template, a fresh one that the caller migrates and seeds.
 */
export async function seededDatabase(): Promise<TestDatabase> {
  const dir = process.env[TEMPLATE_ENV];
  if (!dir) return freshDatabase();
  const server = process.env.TEST_DATABASE_URL;
  const made = await template(dir, server);
  if (server) return serverDatabase(server, (name) => `CREATE DATABASE ${name} TEMPLATE ${made}`);
  const copy = path.join(dir, uniqueName('copy'));
  fs.cpSync(made, copy, { recursive: true });
  return {
    config: { kind: 'pglite', dataDir: copy },
    drop: () => Promise.resolve(fs.rmSync(copy, { recursive: true, force: true })),
  };
}

/**
 * A PGlite directory at `dataDir` holding the repository's content migrated and seeded, for a server process whose
 * test is not about a first start (test/server.test.ts is): a copy of the run's PGlite template, or
 * nothing outside a jest run that made a place for it (the server then makes it).
 */
export async function seededDataDir(dataDir: string): Promise<string> {
  const dir = process.env[TEMPLATE_ENV];
  if (dir) fs.cpSync(await template(dir, undefined), dataDir, { recursive: true });
  return dataDir;
}

/** `describe` and `test` for what needs PostgreSQL (replicas, other processes on one database): skipped
 * without TEST_DATABASE_URL, and then named in the run's summary (scripts/jest-skipped-reporter.js). */
export const onPostgres = process.env.TEST_DATABASE_URL
  ? { describe, test }
  : { describe: describe.skip, test: test.skip };
