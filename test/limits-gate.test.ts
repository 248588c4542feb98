// The computing gate and the response cap (issue 10: 30 large requests at once took RSS to 2.8 GB
// and /healthz to 24.5 s): requests beyond the turns and the queue are refused at once with 503
// and Retry-After, the others are answered, /healthz answers meanwhile, and an answer over the
// byte limit is refused with the limit it hit.
import { execFile } from 'node:child_process';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { startTestApp, type TestApp } from './helpers/app';
import { headless } from './helpers/endpoints';

const limits = { ...DEFAULT_LIMITS, computeConcurrency: 1, computeQueue: 2, maxResponseBytes: 4_000_000 };
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ seed: false, budgets: limits });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

const post = (body: unknown) =>
  fetch(`${base}/v1/dns/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// The rush comes from another process, as it would from other clients: requests sent from this
// one would wait for the server's computations on the same event loop and arrive one by one.
const RUSH = `
const [url, n] = process.argv.slice(1);
let body = '';
process.stdin.on('data', (d) => (body += d)).on('end', async () => {
  const answers = await Promise.all(Array.from({ length: Number(n) }, async () => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await r.json();
    return { status: r.status, retryAfter: r.headers.get('retry-after'), code: answer.code ?? answer.errors?.[0]?.extensions?.code };
  }));
  process.stdout.write(JSON.stringify(answers));
});`;

interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
}

function rush(n: number, body: unknown, path = '/v1/dns/records'): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', RUSH, `${base}${path}`, String(n)], (err, stdout) => {
      if (err) reject(new Error(`the rush failed: ${err.message}`));
      else resolve(JSON.parse(stdout) as Answer[]);
    });
    child.stdin!.end(JSON.stringify(body));
  });
}

test('twenty computations at once: a turn and a queue of two are answered, the rest are 503 with Retry-After', async () => {
  const answers = await rush(20, headless(600));
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const answered = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 503);
  expect(answered.length + refused.length).toBe(20);
  expect(answered.length).toBeGreaterThanOrEqual(1);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  for (const r of refused) expect(r).toEqual({ status: 503, retryAfter: '1', code: 'OVERLOADED' });
});

test('GraphQL alike: an operation whose large arguments wait for a turn to be priced is 503 with Retry-After, not 500', async () => {
  // Arguments over 8 KiB are priced in a worker thread, which takes a turn at the gate before the operation runs.
  const query = 'query Q($o: JSON) { dnsRecords(objects: $o) { __typename } }';
  const answers = await rush(20, { query, variables: { o: headless(600) } }, '/graphql');
  const refused = answers.filter((a) => a.status === 503);
  expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  for (const r of refused) expect(r).toEqual({ status: 503, retryAfter: '1', code: 'OVERLOADED' });
});

test('after the rush, a computation gets its turn again', async () => {
  expect((await post(headless(10))).status).toBe(200);
});

test('an answer over MAX_RESPONSE_BYTES is refused with the limit and how to ask for less', async () => {
  const res = await post(headless(2000));
  expect(res.status).toBe(413);
  const problem = (await res.json()) as { bytes: number; detail: string };
  expect(problem).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: limits.maxResponseBytes });
  expect(problem.bytes).toBeGreaterThan(limits.maxResponseBytes);
  expect(problem.detail).toMatch(/MAX_RESPONSE_BYTES.*Ask for less/);
});

test('a small request whose answer would be a gigabyte is refused as too large, not a 500', async () => {
  // 2 000 replicas of a template holding 200 KB: a 0.2 MB body, within MAX_REQUEST_COST, whose Pods
  // share the template. Written out, the answer would be about 0.4 GB (4 800 replicas, 1 GB, were over
  // V8's longest string), so it is counted only as far as the limit.
  const big = 'x'.repeat(200_000);
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2000,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx', env: [{ name: 'BIG', value: big }] }] },
      },
    },
  };
  const res = await fetch(`${base}/v1/cluster/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ objects: [deployment] }),
  });
  const problem = (await res.json()) as { code: string; bytes: number; limit: number };
  expect([res.status, problem.code, problem.limit]).toEqual([413, 'RESPONSE_TOO_LARGE', limits.maxResponseBytes]);
  expect(problem.bytes).toBeGreaterThan(limits.maxResponseBytes);
});
