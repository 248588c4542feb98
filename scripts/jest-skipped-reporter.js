// A jest reporter that names every test that did not run, at the end of the run, so that a skipped
// test is never silent: on a PGlite-only run (no TEST_DATABASE_URL) these are the PostgreSQL-only tests
// (test/helpers/database.ts: onPostgres), which CI's second run covers.
'use strict';
const { databaseIndependent } = require('./database-tests');

class SkippedReporter {
  onRunComplete(_contexts, results) {
    const root = process.cwd() + '/';
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo')
        .map((t) => `  ${file.testFilePath.replace(root, '')} › ${t.fullName}`),
    );
    if (process.env.TEST_DATABASE_ONLY) {
      const left = databaseIndependent(process.cwd()).length;
      process.stderr.write(
        `\nLEFT OUT: ${left} test file(s) that never reach the tested database (TEST_DATABASE_ONLY is set;` +
          ' they give the same result on any database, and CI ran them on PGlite; node scripts/database-tests.js lists them).\n',
      );
    }
    if (!skipped.length) return;
    const why = process.env.TEST_DATABASE_URL
      ? ''
      : ' TEST_DATABASE_URL is not set, so the tests that need PostgreSQL did not run;' +
        ' run them with TEST_DATABASE_URL=postgresql://user@host:5432/db npm test (each test file makes and drops a database of its own there).';
    process.stderr.write(`\nDID NOT RUN: ${skipped.length} test(s).${why}\n${skipped.join('\n')}\n\n`);
  }
}

module.exports = SkippedReporter;
