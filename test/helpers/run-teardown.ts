// Jest's global tear-down (jest.config.js): drops the run's template database, if one was made on
// TEST_DATABASE_URL's server, and removes the run's folder with the PGlite template and its copies.
import fs from 'node:fs';
import { Client } from 'pg';
import { TEMPLATE_ENV, templateDatabaseName } from './run';

export default async function teardown(): Promise<void> {
  const dir = process.env[TEMPLATE_ENV];
  if (!dir) return;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const c = new Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${templateDatabaseName(dir)} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
