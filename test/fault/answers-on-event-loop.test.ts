// GraphQL and MCP build their answers on the event loop (issue 10: the heaviest allowed clusterApply
// computed in a thread, but its 14 MB of output crossed back as objects and was rebuilt and serialized
// there, keeping /healthz waiting about 200 ms). In the built server, while the heaviest dry-run the
// cost limit allows runs through GraphQL and through MCP, the event loop is never held longer than
// the bar of 100 ms: its longest delay is read from the server's own /metrics
// (nodejs_eventloop_lag_max_seconds, the longest delay since the last scrape), which is how long any
// /healthz would have waited. A dry-run whose answer is over MAX_GRAPHQL_MCP_BYTES is refused in the
// thread and names REST's route; one under it is answered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyByGraphql, applyByMcp, HEAVIEST, HEAVIEST_BY_GRAPHQL, metrics } from '../helpers/compute';
import { seededDataDir } from '../helpers/database';
import { killServers, startServer, type Running } from '../helpers/server';

// A built server starts, and the heaviest computations run, on a busy machine (a limit, not a measurement).
jest.setTimeout(240_000);

// A Deployment whose dry-run output (about 0.45 MB) fits under the default byte limit.
const FITTING = 170;

let s: Running;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-loop-'));
// The bar: /healthz answers within 100 ms while the heaviest allowed request runs.
const HEALTHZ_BAR_SECONDS = 0.1;

/** The longest the server's event loop was held while `work` ran, in seconds (from its /metrics). */
async function longestDelayDuring(work: () => Promise<unknown>): Promise<number> {
  await metrics(s.url);
  await work();
  return (await metrics(s.url)).get('nodejs_eventloop_lag_max_seconds') ?? Infinity;
}

const graphql = async (replicas: number) =>
  (await (await applyByGraphql(s.url, replicas)).json()) as {
    data?: { clusterApply: { objects: { kind: string }[] } | null };
    errors?: { message: string; extensions: { code: string } }[];
  };

const mcp = async (replicas: number) => {
  const { result } = (await (await applyByMcp(s.url, replicas)).json()) as {
    result: {
      isError?: boolean;
      content: { text: string }[];
      structuredContent?: { objects: { kind: string }[] };
      _meta?: Record<string, { code: string }>;
    };
  };
  return result;
};

beforeAll(async () => {
  s = await startServer(await seededDataDir(path.join(root, 'pglite')), { SEED_ON_START: 'false' });
  // A server's first GraphQL operation, MCP call and worker thread compile code and build caches (50-80
  // ms of the event loop, once): a start, not what a heavy request costs, so they happen first.
  await graphql(FITTING);
  await mcp(FITTING);
});
afterAll(() => {
  killServers();
  fs.rmSync(root, { recursive: true, force: true });
});

const pods = (objects: { kind: string }[] | undefined) => objects?.filter((o) => o.kind === 'Pod').length;

test('the heaviest allowed GraphQL clusterApply never holds the event loop 100 ms: over the byte limit, it is refused in the thread', async () => {
  let answer: Awaited<ReturnType<typeof graphql>> | undefined;
  const delay = await longestDelayDuring(async () => (answer = await graphql(HEAVIEST_BY_GRAPHQL)));
  expect(answer?.errors?.[0].extensions.code).toBe('RESPONSE_TOO_LARGE');
  expect(answer?.errors?.[0].message).toMatch(/MAX_GRAPHQL_MCP_BYTES.*POST \/v1\/cluster\/apply/);
  expect(delay).toBeLessThan(HEALTHZ_BAR_SECONDS);
});

test('the heaviest allowed MCP cluster_apply never holds the event loop 100 ms: over the byte limit, it is refused in the thread', async () => {
  let result: Awaited<ReturnType<typeof mcp>> | undefined;
  const delay = await longestDelayDuring(async () => (result = await mcp(HEAVIEST)));
  expect(result?.isError).toBe(true);
  expect(result?._meta?.['kubeknow/error'].code).toBe('RESPONSE_TOO_LARGE');
  expect(result?.content[0].text).toMatch(/MAX_GRAPHQL_MCP_BYTES.*POST \/v1\/cluster\/apply/);
  expect(delay).toBeLessThan(HEALTHZ_BAR_SECONDS);
});

test('a dry-run whose answer fits is answered through GraphQL and MCP, without holding the event loop 100 ms', async () => {
  let viaGraphql: Awaited<ReturnType<typeof graphql>> | undefined;
  let viaMcp: Awaited<ReturnType<typeof mcp>> | undefined;
  const delay = await longestDelayDuring(async () => {
    viaGraphql = await graphql(FITTING);
    viaMcp = await mcp(FITTING);
  });
  expect(viaGraphql?.errors).toBeUndefined();
  expect(pods(viaGraphql?.data?.clusterApply?.objects)).toBe(FITTING);
  expect(viaMcp?.isError).toBeUndefined();
  expect(pods(viaMcp?.structuredContent?.objects)).toBe(FITTING);
  expect(delay).toBeLessThan(HEALTHZ_BAR_SECONDS);
});
