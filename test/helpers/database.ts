// A fresh database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server of TEST_DATABASE_URL (dropped afterwards), so runs never see each other's data.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/db/config';

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

/** A new empty database for one test file. */
export async function freshDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { config: { kind: 'pglite', dataDir: null }, drop: () => Promise.resolve() };
  const name = `kk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(server, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** `describe` and `test` for what needs PostgreSQL (replicas, other processes on one database): skipped
 * without TEST_DATABASE_URL, and then named in the run's summary (scripts/jest-skipped-reporter.js). */
export const onPostgres = process.env.TEST_DATABASE_URL
  ? { describe, test }
  : { describe: describe.skip, test: test.skip };
