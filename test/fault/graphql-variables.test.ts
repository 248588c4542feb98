// GraphQL variables are not read on the event loop beyond what is small (issue 10: 40 requests with
// 473 KB of variables each kept /healthz waiting 9.6 s, while every one was priced there). In the
// built server, several requests with a megabyte of manifests in a variable are priced in the worker
// threads, each refused by the same cost as ever, and /healthz is answered before any of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../../src/capabilities/budget';
import { headless } from '../helpers/endpoints';
import { seededDataDir } from '../helpers/database';
import { killServers, startServer } from '../helpers/server';

afterAll(killServers);
// A built server starts on a busy machine (a limit, not a measurement).
jest.setTimeout(120_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-variables-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('while big-variable requests are priced, /healthz is answered first', async () => {
  const { url } = await startServer(await seededDataDir(path.join(root, 'pglite')), { SEED_ON_START: 'false' });
  // 13 000 endpoints: about 1 MB, five times over the cost limit.
  const body = JSON.stringify({
    query: 'query($o: JSON!) { dnsRecords(objects: $o) { name } }',
    variables: { o: headless(13_000) },
  });
  expect(body.length).toBeGreaterThan(900_000);
  const order: string[] = [];
  const big = Array.from({ length: DEFAULT_LIMITS.computeConcurrency + 2 }, async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    order.push('big');
    return { status: res.status, answer: (await res.json()) as { errors: { extensions: { code: string } }[] } };
  });
  // Sent once the big bodies are on their way (a delay, not a measurement): /healthz then arrives
  // while they are read and priced, and is answered between them only if the pricing is elsewhere.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const health = fetch(`${url}/healthz`).then((res) => (order.push('healthz'), res.status));

  expect(await health).toBe(200);
  const answers = await Promise.all(big);
  expect(order[0]).toBe('healthz');
  // Priced elsewhere, not waved through: each is refused before it runs, as on the event loop.
  for (const a of answers) {
    expect(a.status).toBe(400);
    expect(a.answer.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  }
});
