// A signal ends the built server cleanly, as an orchestrator sends it: everything open is closed,
// "stopped" is logged, the exit code is 0, and the database is left closed (PGlite's folder opens
// again; PostgreSQL keeps no connection of ours). Start-up waits for a PostgreSQL that is down.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/db/connect';
import { seededDataDir } from '../helpers/database';
import { canRunCluster, startCluster, type Cluster } from '../helpers/pg-cluster';
import { killServers, spawnServer, waitFor } from '../helpers/server-process';

afterEach(killServers);

const messages = (logs: Record<string, unknown>[]) => logs.map((l) => String(l.msg));

describe('on PGlite', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-shutdown-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  // Copies of the run's seeded database (the first copy may make it: a hook's time, not the test's).
  beforeAll(() => Promise.all(['SIGTERM', 'SIGINT'].map((signal) => seededDataDir(path.join(root, signal)))));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} closes the database, logs "stopped" and exits 0; the folder opens again`, async () => {
      const dataDir = path.join(root, signal);
      const s = spawnServer({ PGLITE_DIR: dataDir, DATABASE_URL: '' });
      const url = await s.listening;
      expect((await fetch(`${url}/v1/concepts/pod`)).status).toBe(200);
      s.child.kill(signal);
      expect(await s.exited).toBe(0);
      const said = messages(s.logs);
      expect(said).toContain('stopped');
      expect(said.indexOf('stopped')).toBeGreaterThan(said.findIndex((m) => m.startsWith('shutting down')));

      const db = await openDatabase({ kind: 'pglite', dataDir });
      try {
        expect(await db.prisma.concept.count()).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    }, 60_000);
  }
});

const withCluster = canRunCluster() ? describe : describe.skip;

withCluster('on a PostgreSQL of the test’s own', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(() => cluster?.destroy());

  // Connections to the cluster other than the asking one: the server's pool and its listener.
  async function otherConnections(): Promise<number> {
    const c = new Client({ connectionString: cluster.url });
    await c.connect();
    try {
      const r = await c.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
      );
      return r.rows[0].n as number;
    } finally {
      await c.end();
    }
  }

  test('SIGTERM closes the change listener and the pool, logs "stopped" and exits 0', async () => {
    const s = spawnServer({ DATABASE_URL: cluster.url });
    const url = await s.listening;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await otherConnections()).toBeGreaterThan(0);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(messages(s.logs)).toContain('stopped');
    expect(await otherConnections()).toBe(0);
  }, 90_000);

  test('a server started while the database is down waits for it, then serves; SIGTERM while waiting exits 0', async () => {
    cluster.stop();
    const waiting = spawnServer({ DATABASE_URL: cluster.url });
    await waitFor(() => waiting.logs.some((l) => String(l.msg).startsWith('the database does not answer')), 20_000);
    expect(waiting.child.exitCode).toBeNull();
    waiting.child.kill('SIGTERM');
    expect(await waiting.exited).toBe(0);
    expect(messages(waiting.logs)).toContain('stopped');

    const s = spawnServer({ DATABASE_URL: cluster.url });
    await waitFor(() => s.logs.some((l) => String(l.msg).startsWith('the database does not answer')), 20_000);
    cluster.start();
    const url = await s.listening;
    expect((await fetch(`${url}/v1/concepts/pod`)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});
