// `npm start` as users run it: the built server migrates and seeds a new data directory, serves,
// starts again on the same data without migrating, and on SIGTERM finishes in-flight requests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths';
import { killServers, startServer as start, waitFor } from './helpers/server';

afterEach(killServers);

// npm test builds dist/ before jest runs, so this exercises the same code `npm start` runs.
describe('the built server', () => {
  // As on a fresh clone, neither the data folder nor its parent exists yet.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-server-'));
  const dataDir = path.join(root, 'data', 'pglite');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('first start migrates and seeds; it serves; SIGTERM finishes in-flight requests and exits 0', async () => {
    const s = await start(dataDir);
    expect(s.logs.find((l) => l.msg === 'migrated')?.applied).toEqual(
      expect.arrayContaining([expect.stringMatching(/_init$/)]),
    );
    expect(Number(s.logs.find((l) => l.msg === 'content seeded')?.created)).toBeGreaterThan(0);
    // The seed's start is logged with what it seeds: a first start is otherwise silent for ~20 s before it.
    const seeding = s.logs.findIndex((l) => l.msg === 'seeding content');
    expect(Number(s.logs[seeding]?.concepts)).toBeGreaterThan(0);
    expect(seeding).toBeLessThan(s.logs.findIndex((l) => l.msg === 'content seeded'));
    const res = await fetch(`${s.url}/v1/concepts/headless-service`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { slug: string }).slug).toBe('headless-service');
    // The request line is written when the response is done, so it may trail the response a little.
    await waitFor(() => s.logs.some((l) => l.msg === 'request'));
    const requestLines = s.logs.filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ method: 'GET', url: '/v1/concepts/headless-service', status: 200 });

    // A request whose body is still arriving when SIGTERM comes is in flight for sure: it must finish.
    const body = JSON.stringify({ query: '{ concept(slug: "headless-service") { slug } }' });
    const req = http.request(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGTERM');
    await waitFor(() => s.logs.some((l) => String(l.msg).startsWith('shutting down')));
    req.end(body.slice(10));
    const { status, text } = await answered;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { concept: { slug: 'headless-service' } } });
    expect(await s.exited).toBe(0);
    expect(s.logs.some((l) => l.msg === 'stopped')).toBe(true);
  });

  test('a key from the apikey CLI edits; a second start migrates nothing and does not read unchanged content', async () => {
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'dist/src/cli/apikey.js'), 'create', '--scope', 'write', '--name', 'ci'],
      {
        env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(0);
    const key = cli.stdout.trim();
    expect(key).toMatch(/^kk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$/);

    const s = await start(dataDir);
    expect(s.logs.some((l) => l.msg === 'database schema up to date')).toBe(true);
    // The content files and the code that reads them are unchanged: they are not even read.
    expect(s.logs.some((l) => l.msg === 'content unchanged since the last seed')).toBe(true);
    expect(s.logs.some((l) => l.msg === 'content seeded' || l.msg === 'seeding content')).toBe(false);
    const mutation =
      'mutation { addRelation(input: { source: "pod", target: "ingress", type: RELATED_TO, note: "added in a test" }) { concept { version } } }';
    const post = (auth?: string) =>
      fetch(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ query: mutation }),
      }).then((r) => r.json() as Promise<{ errors?: { extensions: { code: string } }[]; data?: unknown }>);
    expect((await post()).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const added = (await post(`Bearer ${key}`)) as { data?: { addRelation: { concept: { version: number } } } };
    expect(added.data?.addRelation.concept.version).toBeGreaterThan(0);
    // A text edit, searched for after the next start (below), whose search analysis was kept from this one.
    const edit = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query: `mutation { updateConcept(input: { slug: "pod", expectedVersion: ${added.data?.addRelation.concept.version}, texts: [{ locale: EN, summary: "A Pod, edited: ${EDITED_WORD}." }] }) { concept { version } } }`,
      }),
    }).then((r) => r.json() as Promise<{ errors?: unknown }>);
    expect(edit.errors).toBeUndefined();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  test('a third start reuses the search analysis kept by the last, but for the concept edited since, whose edit it searches', async () => {
    const s = await start(dataDir);
    const kept = s.logs.find((l) => l.msg === 'search analysis ready');
    expect(kept).toMatchObject({ analysed: 1 });
    expect(Number(kept?.reused)).toBeGreaterThan(0);
    const res = await fetch(`${s.url}/v1/search?q=${EDITED_WORD}`);
    expect(((await res.json()) as { items: { slug: string }[] }).items.map((h) => h.slug)).toEqual(['pod']);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});

// A word no concept has, put in one by an edit.
const EDITED_WORD = 'zyxwvutsrqedited';
