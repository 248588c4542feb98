// A built server on a PGlite directory of its own, already listening: the common case of
// spawnServer (server-process.ts) for tests that start, stop and kill it.
import { spawnServer, type ServerProcess } from './server-process';

export { killServers, SERVER_ENTRY as SERVER, waitFor } from './server-process';

export interface Running extends ServerProcess {
  url: string;
}

/** Starts the server on a PGlite directory with extra environment; resolves once it listens. */
export async function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const s = spawnServer({ PGLITE_DIR: dataDir, DATABASE_URL: '', ...env });
  return { ...s, url: await s.listening };
}
