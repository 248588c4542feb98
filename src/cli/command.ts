// What the `npm run <command>` entry points share: a migrated database to work on, and errors
// printed as one line with exit code 1 (a stack trace says nothing to someone running a command).
import { databaseFromEnv } from '../db/config';
import { openDatabase, type Database, type Opener } from '../db/connect';
import { applyMigrations } from '../db/migrate';

/** Runs the command with the process's arguments; an error prints its message and sets exit code 1. */
export function runCommand(main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

/**
 * Opens the configured database, applies pending migrations, runs `use` on it and closes it. A
 * PGlite directory another process holds is refused before it is opened (src/db/lock.ts).
 */
export async function withMigratedDatabase<T>(opener: Opener, use: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseFromEnv(), opener);
  try {
    await applyMigrations(db.factory);
    return await use(db);
  } finally {
    await db.close();
  }
}
