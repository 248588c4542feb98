// The event loop stays free (issue 10: one computation kept /healthz waiting for seconds). In the
// built server, as `npm start` runs it, the heaviest computation the default budget allows runs in a
// worker thread: /healthz, /metrics and a lookup are answered while it runs, before its own answer
// arrives. /metrics shows the pool and the refusals; SIGTERM mid-computation still exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../../src/capabilities/budget';
import { seededDataDir } from '../helpers/database';
import { apply, deployment, HEAVIEST, metrics } from '../helpers/compute';
import { killServers, startServer, waitFor } from '../helpers/server';

afterEach(killServers);
// A built server starts, and the heaviest computation runs, on a busy machine (a limit, not a measurement).
jest.setTimeout(240_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-compute-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const busyThreads = async (url: string) => (await metrics(url)).get('kubeknow_compute_threads_busy') ?? 0;

let servers = 0;
// On a copy of the run's seeded database: these tests are not about a first start.
const started = async (env: NodeJS.ProcessEnv = {}) =>
  startServer(await seededDataDir(path.join(root, `pglite-${++servers}`)), env);

test('while the heaviest allowed computation runs, /healthz, /metrics and a lookup are answered first', async () => {
  const s = await started();
  const { url } = s;
  let answered = false;
  const heavy = apply(url, HEAVIEST).then(async (res) => {
    const body = (await res.json()) as { objects: { kind: string }[] };
    answered = true;
    return { status: res.status, pods: body.objects.filter((o) => o.kind === 'Pod').length };
  });
  // /metrics answers while the computation runs, and says a thread is running it.
  await waitFor(async () => (await busyThreads(url)) > 0, 120_000);
  expect(await busyThreads(url)).toBe(1);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect((await fetch(`${url}/v1/concepts/pod`)).status).toBe(200);
  expect(answered).toBe(false);

  expect(await heavy).toEqual({ status: 200, pods: HEAVIEST });
  const after = await metrics(url);
  expect(after.get('kubeknow_compute_pool_tasks_total')).toBe(1);
  expect(after.get('kubeknow_compute_threads_busy')).toBe(0);
  expect(after.get('kubeknow_compute_queue_depth')).toBe(0);
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
});

test('computations one after the other share one thread; one waiting behind a long computation gets a second', async () => {
  const s = await started();
  const { url } = s;
  for (let i = 0; i < 3; i++) expect((await apply(url, 30)).status).toBe(200);
  expect((await metrics(url)).get('kubeknow_compute_threads')).toBe(1);

  const heavy = apply(url, HEAVIEST).then(async (res) => (await res.arrayBuffer(), res.status));
  await waitFor(async () => (await busyThreads(url)) > 0, 120_000);
  expect((await apply(url, 30)).status).toBe(200);
  expect((await metrics(url)).get('kubeknow_compute_threads')).toBe(2);
  expect(await heavy).toBe(200);
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
});

test('/metrics counts refusals by the limit they hit', async () => {
  const s = await started({ SEED_ON_START: 'false' });
  const { url } = s;
  expect((await apply(url, DEFAULT_LIMITS.maxCost)).status).toBe(413);
  const oversized = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($o: JSON!) { clusterApply(objects: $o) { rejected { message } } }',
      variables: { o: [deployment(DEFAULT_LIMITS.maxCost)] },
    }),
  });
  expect(oversized.status).toBe(400);
  const after = await metrics(url);
  expect(after.get('kubeknow_budget_refusals_total{limit="MAX_REQUEST_COST"}')).toBe(2);
  expect(after.get('kubeknow_compute_pool_tasks_total')).toBe(0);
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
});

test('SIGTERM during a computation in a thread ends it, logs "stopped" and exits 0', async () => {
  const s = await started({ SEED_ON_START: 'false', SHUTDOWN_TIMEOUT_MS: '100' });
  const { url } = s;
  const heavy = apply(url, HEAVIEST).catch(() => 'connection closed');
  await waitFor(async () => (await busyThreads(url)) > 0, 120_000);
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
  expect(s.logs.map((l) => l.msg)).toContain('stopped');
  // The ended computation is expected, not a fault: nothing at error level ("Terminating worker thread").
  expect(s.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  await heavy;
});
