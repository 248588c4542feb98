// Which database the process uses: PostgreSQL when DATABASE_URL says so, the embedded PGlite otherwise.
import path from 'node:path';

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null }; // null: in memory (tests)

/** The database named by the environment: DATABASE_URL, else PGLITE_DIR (default ./data/pglite). */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url)
    throw new Error(
      `DATABASE_URL must start with postgresql:// (got "${url.split(':')[0]}:…"); unset it to use the embedded database`,
    );
  const dir = env.PGLITE_DIR?.trim() || './data/pglite';
  return { kind: 'pglite', dataDir: dir === 'memory' ? null : path.resolve(dir) };
}

/** A loggable description of the database, without credentials. */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.kind === 'pglite') return db.dataDir ? `PGlite at ${db.dataDir}` : 'PGlite in memory';
  const u = new URL(db.url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
