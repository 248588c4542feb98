// One process per embedded database, as users meet it: the built server holds its PGlite directory;
// a second server and the commands refuse it before opening it; `npm run apikey` goes through the
// running server's admin API; a server killed with SIGKILL mid-write starts again with every write
// it acknowledged. On PostgreSQL (TEST_DATABASE_URL), a key the CLI writes works on a running server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE } from '../../src/db/lock';
import { ROOT } from '../../src/paths';
import { freshDatabase, onPostgres, seededDataDir } from '../helpers/database';
import { killServers, SERVER, startServer, type Running } from '../helpers/server';

afterEach(killServers);

/** A row of `apikey list`: its columns in order, aligned with spaces. */
const row = (...cells: string[]) => new RegExp(`^${cells.join(' +')} *$`, 'm');
// Each test starts servers and commands, each a node process that loads the whole app: on a busy
// machine that takes a while (a time limit, not a measurement).
jest.setTimeout(180_000);

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built script to its end without blocking the event loop (a server's output keeps draining). */
function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
const cli = (name: string, args: string[], env: NodeJS.ProcessEnv) =>
  runNode(path.join(ROOT, `dist/src/cli/${name}.js`), args, env);

async function graphql(url: string, query: string, variables: object = {}, key?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] };
}

const CREATE = `mutation($slug: String!) { createConcept(input: { slug: $slug, kind: MECHANISM, category: "config",
  texts: [{ locale: EN, title: $slug, summary: "A concept written by a test." }] }) { concept { slug } } }`;
const READ = 'query($slug: String!) { concept(slug: $slug) { slug } }';

describe('one process per PGlite directory', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-process-'));
  const dataDir = path.join(root, 'pglite');
  const env = { PGLITE_DIR: dataDir, DATABASE_URL: '' };
  // Seeding is server.test.ts's subject; here it would only make each start slower.
  const start = () => startServer(dataDir, { SEED_ON_START: 'false' });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a second server, seed and migrate refuse a held directory before opening it, naming its holder', async () => {
    const a = await start();
    const holder = `pid ${a.child.pid} on host ${os.hostname()}`;
    const second = await runNode(SERVER, [], { ...env, PORT: '0', SEED_ON_START: 'false' });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain(`${dataDir} is in use by the kubeknow server (npm start) (${holder}`);
    expect(second.stderr).toContain(`serving ${a.url}`);
    expect(second.stderr).toContain('give this one its own PGLITE_DIR, or set DATABASE_URL');
    const advice = { seed: 'it seeds content/ itself when it starts', migrate: 'restart it to apply new ones' };
    for (const [name, says] of Object.entries(advice)) {
      const ran = await cli(name, [], env);
      expect({ name, status: ran.status }).toEqual({ name, status: 1 });
      expect(ran.stderr).toContain(holder);
      expect(ran.stderr).toContain(says);
    }
    // The holder never noticed: it still serves, and its lock still names it.
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: a.child.pid });
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  test('the first admin key is made with the CLI (--init) while no server runs, and the server then takes it', async () => {
    const first = fs.mkdtempSync(path.join(root, 'first-'));
    const args = ['create', '--scope', 'admin', '--name', 'first', '--init'];
    const made = await cli('apikey', args, { ...env, PGLITE_DIR: first });
    expect(made.status).toBe(0);
    expect(made.stderr).not.toContain('asking its admin API');
    const key = made.stdout.trim();
    expect(key).toMatch(/^kk_[0-9a-f]{8}_/);
    const a = await startServer(first, { SEED_ON_START: 'false' });
    const listed = await fetch(`${a.url}/v1/admin/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { name: string }[] }).items.map((k) => k.name)).toContain('first');
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
  });

  test('a key the CLI makes while the server runs works at once; list and revoke go through the server', async () => {
    const a = await start();
    const made = await cli('apikey', ['create', '--scope', 'write', '--name', 'portal'], env);
    expect(made.status).toBe(0);
    expect(made.stderr).toContain('holds the database: asking its admin API');
    const key = made.stdout.trim();
    expect(key).toMatch(/^kk_[0-9a-f]{8}_/);
    expect((await graphql(a.url, CREATE, { slug: 'made-with-a-cli-key' }, key)).errors).toBeUndefined();

    const prefix = key.slice(3, 11);
    expect((await cli('apikey', ['list'], env)).stdout).toMatch(row(prefix, 'portal', 'write', 'active'));
    // --url asks a named server, with an admin key from the environment.
    const adminKey = (await cli('apikey', ['create', '--scope', 'admin', '--name', 'ops'], env)).stdout.trim();
    const revoked = await cli('apikey', ['revoke', prefix, '--url', a.url], { KUBEKNOW_ADMIN_KEY: adminKey });
    expect(revoked).toMatchObject({ status: 0, stdout: `revoked ${prefix}\n` });
    const refused = await graphql(a.url, CREATE, { slug: 'made-with-a-revoked-key' }, key);
    expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrongKey = await cli('apikey', ['list', '--url', a.url], { KUBEKNOW_ADMIN_KEY: key });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('answered 401');
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    // Without a server the command opens the directory itself; the server's own key went with it.
    const listed = await cli('apikey', ['list'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(row(prefix, 'portal', 'write', 'revoked'));
    expect(listed.stdout).not.toContain('local:');
  });

  test('killed with SIGKILL in the middle of a stream of writes, it starts again with every acknowledged write', async () => {
    const a = await start();
    const key = (await cli('apikey', ['create', '--scope', 'write'], env)).stdout.trim();
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    // Two writers, so that writes are in flight when the kill comes.
    const writer = async () => {
      while (!killed) {
        const slug = `crash-${next++}`;
        const out = await graphql(a.url, CREATE, { slug }, key).catch(() => null);
        // Acknowledged: the server answered the concept it wrote (not an error, a 429 or a 503).
        const wrote = out?.data?.createConcept as { concept?: { slug?: string } } | undefined;
        if (wrote?.concept?.slug === slug) acknowledged.push(slug);
        if (acknowledged.length >= 12 && !killed) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer()]);
    await a.exited;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true); // left behind: nobody removed it

    const b: Running = await start();
    for (const slug of acknowledged)
      expect({ slug, found: (await graphql(b.url, READ, { slug })).data?.concept }).toEqual({ slug, found: { slug } });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: b.child.pid });
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });
});

onPostgres.test('on PostgreSQL, a key the CLI writes works on a running server at once', async () => {
  const fresh = await freshDatabase();
  const env = { DATABASE_URL: (fresh.config as { url: string }).url };
  try {
    const a = await startServer('', { ...env, SEED_ON_START: 'false' });
    const made = await cli('apikey', ['create', '--scope', 'write'], env);
    expect(made.status).toBe(0);
    expect((await graphql(a.url, CREATE, { slug: 'made-on-postgres' }, made.stdout.trim())).errors).toBeUndefined();
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
  } finally {
    await fresh.drop();
  }
});

test('SIGTERM to `npm start` reaches the server: it stops cleanly and no process is left behind', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-npm-start-'));
  let server: number | undefined;
  const alive = () => {
    try {
      process.kill(server!, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    const dataDir = await seededDataDir(path.join(root, 'pglite'));
    // npm runs the script with `sh -c`; without `exec` the shell, not the server, gets npm's SIGTERM.
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PGLITE_DIR: dataDir,
        DATABASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: Record<string, unknown>[] = [];
    let buffer = '';
    npm.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl: number; (nl = buffer.indexOf('\n')) >= 0; buffer = buffer.slice(nl + 1))
        if (buffer.startsWith('{')) logs.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
    });
    const exited = new Promise((resolve) => npm.on('exit', resolve));
    const listening = () => logs.find((l) => /Server listening at/.test(String(l.msg)));
    for (const end = Date.now() + 120_000; !listening() && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 50));
    const url = /(http:\/\/[\d.:]+)/.exec(String(listening()?.msg))![1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    server = Number(listening()!.pid);
    expect(alive()).toBe(true);
    npm.kill('SIGTERM');
    // Without exec, npm waits on a shell whose server never stopped: bounded, so the test fails instead of hanging.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    for (const end = Date.now() + 30_000; alive() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
    expect(logs.map((l) => l.msg)).toContain('stopped');
  } finally {
    // A failed assertion must not leave the server running (killServers knows only the ones it spawned).
    if (server !== undefined && alive()) process.kill(server, 'SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  }
});
