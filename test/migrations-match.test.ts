// The committed migrations against prisma/schema.prisma, on a scratch PGlite of the test's own: it needs
// no tested database, so CI's PostgreSQL pass leaves it out (scripts/database-tests.js) instead of
// paying the schema engine's diff twice.
import { openDatabase } from '../src/db/connect';
import { pendingSchemaSql } from '../src/db/migrate';

test('the committed migrations match prisma/schema.prisma', async () => {
  const scratch = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    expect(await pendingSchemaSql(scratch.factory)).toBe('');
  } finally {
    await scratch.close();
  }
});
