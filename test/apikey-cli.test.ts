// `npm run apikey -- list` as a new user reads it: a header row naming the columns, then one aligned
// row per key (the built CLI, on its own PGlite directory, as the README runs it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths';

const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kk-apikey-')), 'pglite');
const apikeyIn = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/apikey.js'), ...args], {
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
const apikey = (...args: string[]) => apikeyIn(dataDir, ...args);
afterAll(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

test('a directory with no database is refused, nothing is created there, and --init creates it', () => {
  const missing = apikey('create', '--scope', 'write', '--name', 'ci');
  expect(missing.status).toBe(1);
  expect(missing.stdout).toBe('');
  expect(missing.stderr).toContain(`no database at ${dataDir}: the server keeps its data where PGLITE_DIR`);
  expect(missing.stderr).toContain('add --init');
  expect(fs.existsSync(dataDir)).toBe(false);
  const init = apikey('create', '--scope', 'write', '--name', 'ci', '--init');
  expect(init.status).toBe(0);
  expect(init.stdout).toMatch(/^kk_[0-9a-f]{8}_/);
  expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
});

test('PGLITE_DIR=memory is refused: a key made in the command’s own database would work on no server', () => {
  const made = apikeyIn('memory', 'create', '--scope', 'read', '--name', 'x');
  expect(made.status).toBe(1);
  expect(made.stdout).toBe('');
  expect(made.stderr).toContain('PGLITE_DIR=memory keeps a database inside one process only');
});

test('list prints a header row, then each key in aligned columns', () => {
  expect(apikey('create', '--name', 'a longer name').status).toBe(0);
  const list = apikey('list');
  expect(list.status).toBe(0);
  const [header, ...rows] = list.stdout.trimEnd().split('\n');
  expect(header.split(/\s{2,}/)).toEqual(['PREFIX', 'NAME', 'SCOPES', 'STATUS']);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toMatch(/^[0-9a-f]{8} /);
    // Each column starts under its header.
    for (const title of ['NAME', 'SCOPES', 'STATUS']) expect(row[header.indexOf(title) - 1]).toBe(' ');
  }
  expect(rows.map((r) => r.slice(header.indexOf('NAME'), header.indexOf('SCOPES')).trim())).toEqual([
    'ci',
    'a longer name',
  ]);
});

test('an option the verb does not take is refused with the one it looks like, and no key is made', () => {
  const before = apikey('list').stdout;
  const typo = apikey('create', '--scopes', 'write');
  expect(typo.status).not.toBe(0);
  expect(typo.stderr).toContain('create takes no option --scopes. Did you mean "--scope"?');
  expect(apikey('list', '--name', 'x').stderr).toContain('list takes no option --name');
  expect(apikey('revoke').stderr).toContain('usage: npm run apikey');
  expect(apikey('list').stdout).toBe(before);
});
