// A PostgreSQL cluster of a test's own (initdb in a temporary folder, its own port), so a test may
// stop and start it mid-run without touching the machine's server. Needs PostgreSQL's binaries.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine has the binaries startCluster needs. */
export const canRunCluster = (): boolean => fs.existsSync(path.join(BIN, 'initdb'));

export interface Cluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): void;
  /** Stops the server, closing every connection (`pg_ctl stop -m fast`). */
  stop(): void;
  /** Stops it and deletes its folder. */
  destroy(): void;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Creates and starts a new cluster; PostgreSQL refuses to run as root, so as root it runs as `postgres`. */
export async function startCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(BIN, cmd),
      asRoot ? ['-u', 'postgres', '--', path.join(BIN, cmd), ...args] : args,
      {
        stdio: 'pipe',
      },
    );
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const cluster: Cluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => void run('pg_ctl', ['start', '-D', data, '-w', '-l', path.join(dir, 'log'), '-o', options]),
    stop: () => void run('pg_ctl', ['stop', '-D', data, '-w', '-m', 'fast']),
    destroy: () => {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
