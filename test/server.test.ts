// `npm start` as users run it: the built server migrates and seeds a new data directory, serves,
// starts again on the same data without migrating, and on SIGTERM finishes in-flight requests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths';

const server = path.join(ROOT, 'dist/src/server.js');

interface Running { child: ChildProcess; url: string; logs: Record<string, unknown>[]; exited: Promise<number | null> }

function start(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [server], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
        if (m) resolve({ child, url: m[1], logs, exited });
      }
    });
    exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
}

async function waitFor(ok: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // A failed assertion must not leave a server running (jest would never exit).
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
});

// npm test builds dist/ before jest runs, so this exercises the same code `npm start` runs.
describe('the built server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-server-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('first start migrates and seeds; it serves; SIGTERM finishes in-flight requests and exits 0', async () => {
    const s = await start(dataDir);
    expect(s.logs.find((l) => l.msg === 'migrated')?.applied).toEqual(expect.arrayContaining([expect.stringMatching(/_init$/)]));
    expect(Number(s.logs.find((l) => l.msg === 'content seeded')?.created)).toBeGreaterThan(0);
    const res = await fetch(`${s.url}/v1/concepts/headless-service`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { slug: string }).slug).toBe('headless-service');
    // The request line is written when the response is done, so it may trail the response a little.
    await waitFor(() => s.logs.some((l) => l.msg === 'request'));
    const requestLines = s.logs.filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ method: 'GET', url: '/v1/concepts/headless-service', status: 200 });

    const inFlight = Promise.all(Array.from({ length: 5 }, () => fetch(`${s.url}/v1/search?q=readiness`).then((r) => r.status)));
    await new Promise((r) => setTimeout(r, 5));
    s.child.kill('SIGTERM');
    expect(await inFlight).toEqual([200, 200, 200, 200, 200]);
    expect(await s.exited).toBe(0);
    expect(s.logs.some((l) => l.msg === 'stopped')).toBe(true);
  });

  test('a second start on the same data migrates nothing and seeds nothing new', async () => {
    const s = await start(dataDir);
    expect(s.logs.some((l) => l.msg === 'database schema up to date')).toBe(true);
    expect(s.logs.find((l) => l.msg === 'content seeded')).toMatchObject({ created: 0, updated: 0 });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
