// Jest's global set-up for one run (jest.config.js): a temporary folder where test/helpers/database.ts
// keeps the run's seeded template, a PGlite directory or the name of a PostgreSQL template database;
// test/helpers/run-teardown.ts removes both. Nothing is made here, so a run of files that need no
// database pays nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The environment variable that names the run's folder (workers inherit it from jest's process). */
export const TEMPLATE_ENV = 'KUBEKNOW_TEST_RUN_DIR';

/** The name of the run's template database on TEST_DATABASE_URL's server. */
export const templateDatabaseName = (dir: string) =>
  `kk_template_${path.basename(dir).replace(/\W/g, '_')}`.toLowerCase();

export default function setup(): void {
  process.env[TEMPLATE_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-test-run-'));
}
