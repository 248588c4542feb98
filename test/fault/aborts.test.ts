// A client that leaves does not keep the server working for it (issue 10). In the built server, a
// computation whose client closed the connection is stopped in its worker thread (piscina replaces
// the thread, and the next computation runs), a request waiting for a turn leaves the queue at once
// and frees its place, and a request that waited COMPUTE_QUEUE_WAIT_MS is refused with 503
// OVERLOADED and Retry-After instead of waiting on. /metrics counts the stopped computations. Every
// request whose client left, computing or still sending its body, is logged once, at info, with
// status 499 and its request id but not its query string, and counted under 499 in /metrics.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { apply, deployment, HEAVIEST, metrics } from '../helpers/compute';
import { seededDataDir } from '../helpers/database';
import { headless } from '../helpers/endpoints';
import { killServers, startServer, waitFor, type Running } from '../helpers/server';

// A built server starts on a busy machine (a limit, not a measurement).
jest.setTimeout(120_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-aborts-'));
let s: Running;
// One turn, one place in the queue, and a wait for it long next to every step of a test: each step
// below is seen in the gauges of /metrics before the wait could end it.
beforeAll(async () => {
  s = await startServer(await seededDataDir(path.join(root, 'pglite')), {
    SEED_ON_START: 'false',
    COMPUTE_CONCURRENCY: '1',
    COMPUTE_QUEUE: '1',
    COMPUTE_THREADS: '1',
    COMPUTE_QUEUE_WAIT_MS: '1500',
  });
});
afterAll(() => {
  killServers();
  fs.rmSync(root, { recursive: true, force: true });
});

const gauge = async (name: string) => (await metrics(s.url)).get(name) ?? 0;
const until = (name: string, value: number) => waitFor(async () => (await gauge(name)) === value, 60_000);

/** The log lines of the request with this id that say it was answered (or its client left). */
const linesOf = (id: string) => s.logs.filter((l) => l.reqId === id && l.msg === 'request');
const APPLY_499 = 'http_requests_total{method="POST",route="/v1/cluster/apply",status="499"}';

/** Starts the heaviest computation the budget allows, and waits until a thread runs it. */
async function heavy(id = 'heavy'): Promise<{ leave: () => void; gone: Promise<unknown> }> {
  const client = new AbortController();
  const gone = fetch(`${s.url}/v1/cluster/apply?lang=en`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': id },
    body: JSON.stringify(deployment(HEAVIEST)),
    signal: client.signal,
  }).catch((err: Error) => err.name);
  await until('kubeknow_compute_threads_busy', 1);
  expect(await gauge('kubeknow_compute_threads_busy')).toBe(1);
  return { leave: () => client.abort(), gone };
}

test('a client that leaves mid-computation stops it; the pool computes the next one', async () => {
  const running = await heavy('left-computing');
  running.leave();
  expect(await running.gone).toBe('AbortError');
  await until('kubeknow_compute_active_requests', 0);
  const after = await metrics(s.url);
  expect(after.get('kubeknow_compute_aborted_total')).toBe(1);
  expect(after.get('kubeknow_compute_threads_busy')).toBe(0);
  // The thread that was ended is replaced: a computation large enough for a thread is answered.
  const next = await apply(s.url, 300);
  expect(next.status).toBe(200);
  expect(s.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  // One line, at info (the client's doing, not a fault), with the route and the parameter's name only.
  await waitFor(() => linesOf('left-computing').length > 0);
  expect(linesOf('left-computing')).toEqual([
    expect.objectContaining({ level: 30, status: 499, method: 'POST', url: '/v1/cluster/apply?lang=…' }),
  ]);
  expect(after.get(APPLY_499)).toBe(1);
});

test('a client that leaves while it still sends its body is logged and counted as 499 too', async () => {
  const socket = net.connect(Number(new URL(s.url).port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  // Half of a body: the server waits for the rest, and the client goes.
  socket.write(
    'POST /v1/dns/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'X-Request-Id: left-sending\r\nContent-Length: 100\r\n\r\n{"objects": [',
  );
  // A moment for the server to read the headers (a delay, not a measurement): the request has begun.
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.destroy();
  await waitFor(() => linesOf('left-sending').length > 0);
  expect(linesOf('left-sending')).toEqual([
    expect.objectContaining({ level: 30, status: 499, url: '/v1/dns/records' }),
  ]);
  expect(await gauge('http_requests_total{method="POST",route="/v1/dns/records",status="499"}')).toBe(1);
});

test('a request that leaves the queue frees its place, and a full queue refuses a large body before reading it', async () => {
  const running = await heavy();
  const waiting = new AbortController();
  const left = fetch(`${s.url}/v1/cluster/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'waiting' },
    body: JSON.stringify(deployment(300)),
    signal: waiting.signal,
  }).catch((err: Error) => err.name);
  await until('kubeknow_compute_queue_depth', 1);
  waiting.abort();
  expect(await left).toBe('AbortError');
  await until('kubeknow_compute_queue_depth', 0);
  expect(await gauge('kubeknow_compute_queue_depth')).toBe(0);
  expect(await gauge('kubeknow_compute_aborted_total')).toBe(2);

  // The place is free again: the next request waits in it (a full queue would refuse it at once)
  // while the heavy computation still holds the turn.
  const next = new AbortController();
  const waitingNext = apply(s.url, 300, next.signal).catch((err: Error) => err.name);
  await until('kubeknow_compute_queue_depth', 1);
  // The queue is full: a large body for a computation is refused before it is received, as the gate
  // would refuse it once read.
  const big = await fetch(`${s.url}/v1/dns/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ objects: headless(3000) }),
  });
  expect([big.status, big.headers.get('retry-after'), ((await big.json()) as { code: string }).code]).toEqual([
    503,
    '1',
    'OVERLOADED',
  ]);
  expect(await gauge('kubeknow_compute_threads_busy')).toBe(1);
  running.leave();
  next.abort();
  await Promise.all([running.gone, waitingNext]);
  await until('kubeknow_compute_active_requests', 0);
  expect(await gauge('kubeknow_budget_refusals_total{limit="COMPUTE_QUEUE"}')).toBe(1);
  expect(await gauge('http_requests_total{method="POST",route="/v1/dns/records",status="503"}')).toBe(1);
  for (const id of ['heavy', 'waiting']) expect(linesOf(id)).toEqual([expect.objectContaining({ status: 499 })]);
});

// A wait shorter than the heaviest computation, on a server of its own: the request that waits that
// long is refused while the heavy one still holds the turn, whatever the machine's speed (the heavy
// one costs hundreds of milliseconds in a fresh thread; the wait is 100).
test('a request that waits longer than COMPUTE_QUEUE_WAIT_MS is told to come back', async () => {
  const impatient = await startServer(await seededDataDir(path.join(root, 'pglite-wait')), {
    SEED_ON_START: 'false',
    COMPUTE_CONCURRENCY: '1',
    COMPUTE_QUEUE: '1',
    COMPUTE_THREADS: '1',
    COMPUTE_QUEUE_WAIT_MS: '100',
  });
  const busy = async () => (await metrics(impatient.url)).get('kubeknow_compute_threads_busy') ?? 0;
  const running = apply(impatient.url, HEAVIEST).then((res) => res.status);
  await waitFor(async () => (await busy()) === 1, 60_000);
  const late = await apply(impatient.url, 300);
  expect([late.status, late.headers.get('retry-after')]).toEqual([503, '1']);
  const problem = (await late.json()) as { code: string; detail: string };
  expect(problem.code).toBe('OVERLOADED');
  expect(problem.detail).toContain('COMPUTE_QUEUE_WAIT_MS');
  // The heavy one was not disturbed by the refusal.
  expect(await running).toBe(200);
  expect((await metrics(impatient.url)).get('kubeknow_budget_refusals_total{limit="COMPUTE_QUEUE"}')).toBe(1);
});
