// A client that leaves does not keep the server working for it (issue 10). In the built server, a
// computation whose client closed the connection is stopped in its worker thread (piscina replaces
// the thread, and the next computation runs), a request waiting for a turn leaves the queue at once
// and frees its place, and a request that waited COMPUTE_QUEUE_WAIT_MS is refused with 503
// OVERLOADED and Retry-After instead of waiting on. /metrics counts the stopped computations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apply, HEAVIEST, metrics } from '../helpers/compute';
import { seededDataDir } from '../helpers/database';
import { killServers, startServer, waitFor, type Running } from '../helpers/server';

// A built server starts on a busy machine (a limit, not a measurement).
jest.setTimeout(120_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-aborts-'));
let s: Running;
// One turn, one place in the queue, and a wait for it short enough for a test, long next to a
// request for a small computation: every step below is seen in the gauges of /metrics.
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

/** Starts the heaviest computation the budget allows, and waits until a thread runs it. */
async function heavy(): Promise<{ leave: () => void; gone: Promise<unknown> }> {
  const client = new AbortController();
  const gone = apply(s.url, HEAVIEST, client.signal).catch((err: Error) => err.name);
  await until('kubeknow_compute_threads_busy', 1);
  expect(await gauge('kubeknow_compute_threads_busy')).toBe(1);
  return { leave: () => client.abort(), gone };
}

test('a client that leaves mid-computation stops it; the pool computes the next one', async () => {
  const running = await heavy();
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
});

test('a request that leaves the queue frees its place; one that waits too long is told to come back', async () => {
  const running = await heavy();
  const waiting = new AbortController();
  const left = apply(s.url, 300, waiting.signal).catch((err: Error) => err.name);
  await until('kubeknow_compute_queue_depth', 1);
  waiting.abort();
  expect(await left).toBe('AbortError');
  await until('kubeknow_compute_queue_depth', 0);
  expect(await gauge('kubeknow_compute_queue_depth')).toBe(0);
  expect(await gauge('kubeknow_compute_aborted_total')).toBe(2);

  // The place is free again: the next request waits in it (a full queue would refuse it at once),
  // until COMPUTE_QUEUE_WAIT_MS, while the heavy computation still holds the turn.
  const late = await apply(s.url, 300);
  expect(late.status).toBe(503);
  expect(late.headers.get('retry-after')).toBe('1');
  const problem = (await late.json()) as { code: string; detail: string };
  expect(problem.code).toBe('OVERLOADED');
  expect(problem.detail).toContain('COMPUTE_QUEUE_WAIT_MS');
  expect(await gauge('kubeknow_compute_threads_busy')).toBe(1);
  running.leave();
  await running.gone;
  await until('kubeknow_compute_active_requests', 0);
  expect(await gauge('kubeknow_budget_refusals_total{limit="COMPUTE_QUEUE"}')).toBe(1);
});
