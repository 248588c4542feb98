// A request runs at most COMPUTE_INLINE_COST of computations on the event loop in all, not each: one
// unauthenticated query asking every concept's examples for their dry-runs made dozens of small
// computations, each under the limit, which ran back to back on the event loop and held /healthz up to
// a second. Past the allowance, a request's computations run in worker threads, counted by /metrics'
// kubeknow_compute_pool_tasks_total.
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { dryRunCost } from '../src/k8s/cluster';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';
import { deployment, metrics } from './helpers/compute';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ seed: false, budgets: { ...DEFAULT_LIMITS, computeThreads: 1 } });
  base = await listeningBase(t);
});
afterAll(() => t.close());

const CALLS = 24;

test('one GraphQL request of many small dry-runs runs those past COMPUTE_INLINE_COST in worker threads', async () => {
  const objects = [deployment(1)];
  const cost = dryRunCost(objects, undefined);
  // Each small enough to run on the event loop alone; all of them together are not.
  expect(cost).toBeLessThanOrEqual(DEFAULT_LIMITS.computeInlineCost);
  const inline = Math.floor(DEFAULT_LIMITS.computeInlineCost / Math.max(cost, 1));
  expect(inline).toBeLessThan(CALLS);

  const fields = Array.from({ length: CALLS }, (_, i) => `a${i}: clusterApply(objects: $o) { warnings }`);
  const before = (await metrics(base)).get('kubeknow_compute_pool_tasks_total') ?? 0;
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `query($o: JSON!) { ${fields.join(' ')} }`, variables: { o: objects } }),
  });
  const body = (await res.json()) as { data?: Record<string, { warnings: unknown[] }>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(Object.keys(body.data ?? {})).toHaveLength(CALLS);
  // Every answer is the same wherever it was computed.
  expect(new Set(Object.values(body.data ?? {}).map((a) => JSON.stringify(a))).size).toBe(1);
  expect((await metrics(base)).get('kubeknow_compute_pool_tasks_total')).toBe(before + CALLS - inline);
});
