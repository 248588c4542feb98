// Which test files can depend on the database under test (TEST_DATABASE_URL's PostgreSQL, else PGlite).
// CI runs the suite twice, on PGlite and on PostgreSQL; a file that never reaches the tested database (the
// pure kernel, servers on a PGlite directory or a PostgreSQL cluster of their own) gives the same result
// both times, so CI's second pass leaves it out (TEST_DATABASE_ONLY=1, jest.config.js) and the run says
// how many it left out (scripts/jest-skipped-reporter.js). A file uses the tested database when it, or a
// helper it imports (type-only imports aside), names one of the helpers that open it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const OPENS = /\b(freshDatabase|seededDatabase|onPostgres|startTestApp|TEST_DATABASE_URL)\b/;
// The module that defines those helpers (and seededDataDir, which is PGlite's only) is judged by its callers.
const DEFINES = new Set(['test/helpers/database.ts', 'test/helpers/run.ts', 'test/helpers/run-teardown.ts']);

function testFiles(root, dir, out = []) {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) testFiles(root, rel, out);
    else if (e.name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

/** The modules of the repository `file` imports at run time (not `import type`), as paths from `root`. */
function imports(root, file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const found = [];
  for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
    const base = path.join(path.dirname(file), m[1]);
    const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(path.join(root, p)));
    if (hit) found.push(hit);
  }
  return found;
}

function usesDatabase(root, file, seen = new Set()) {
  if (seen.has(file) || DEFINES.has(file)) return false;
  seen.add(file);
  // Only the test tree opens the tested database: src/ reads DATABASE_URL, never TEST_DATABASE_URL.
  if (!file.startsWith('test/')) return false;
  if (OPENS.test(fs.readFileSync(path.join(root, file), 'utf8'))) return true;
  return imports(root, file).some((f) => usesDatabase(root, f, seen));
}

/** The test files whose outcome cannot depend on the tested database, as paths from `root`. */
function databaseIndependent(root) {
  return ['src', 'test']
    .flatMap((d) => testFiles(root, d))
    .filter((f) => !usesDatabase(root, f))
    .sort();
}

module.exports = { databaseIndependent };

if (require.main === module) console.log(databaseIndependent(process.cwd()).join('\n'));
