// Writes do not starve reads (issue 10): refreshes asked for while one runs share the next, an edit
// refreshes only the concepts it changed, and a burst of edits through a real listening server leaves
// /healthz answering meanwhile and every edit visible after. Counted by /metrics, never timed.
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
});

/** The value of each sample of /metrics whose name and labels start with `prefix`, summed. */
async function metric(prefix: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
const REBUILDS = 'kubeknow_snapshot_rebuilds_total';
const REQUESTS = 'kubeknow_snapshot_refresh_requests_total';

test('refreshes asked for at once share one rebuild', async () => {
  const before = { rebuilds: await metric(REBUILDS), requests: await metric(REQUESTS) };
  await Promise.all(Array.from({ length: 20 }, () => t.knowledge.refresh(['pod'])));
  expect(await metric(REBUILDS)).toBe(before.rebuilds + 1);
  expect(await metric(REQUESTS)).toBe(before.requests + 20);
});

test('refreshes asked for while one runs share the next one, which rereads what they all named', async () => {
  const before = await metric(REBUILDS);
  const first = t.knowledge.refresh(['pod']);
  // Asked once the first has started: they wait for one more, whatever the first is doing by then.
  const later = await new Promise<Promise<void>[]>((resolve) =>
    setImmediate(() =>
      resolve(['service', 'deployment', 'reference:k8s-service'].map((s) => t.knowledge.refresh([s]))),
    ),
  );
  await Promise.all([first, ...later]);
  expect(await metric(REBUILDS)).toBe(before + 2);
});

test('an edit of one concept refreshes incrementally; an unknown change rereads everything', async () => {
  const incremental = `${REBUILDS}{kind="incremental"}`;
  const full = `${REBUILDS}{kind="full"}`;
  const before = { incremental: await metric(incremental), full: await metric(full) };
  await t.knowledge.refresh(['pod']);
  await t.knowledge.refresh();
  expect(await metric(incremental)).toBe(before.incremental + 1);
  expect(await metric(full)).toBe(before.full + 1);
  expect(await metric('kubeknow_snapshot_rebuild_duration_seconds_count{kind="incremental"}')).toBeGreaterThan(0);
});

test('20 concurrent edits: /healthz answers while they run, and every edit is visible after', async () => {
  const key = await t.bearer('write');
  const concepts = t.knowledge.snapshot.concepts.slice(0, 20).map((c) => ({ slug: c.slug, version: c.version }));
  const before = { rebuilds: await metric(REBUILDS), requests: await metric(REQUESTS) };
  const done: string[] = [];
  const edits = concepts.map(async ({ slug, version }) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: key },
      body: JSON.stringify({
        query: `mutation($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }`,
        variables: { input: { slug, expectedVersion: version, texts: [{ locale: 'EN', summary: `edited ${slug}` }] } },
      }),
    });
    const body = (await res.json()) as { errors?: unknown };
    done.push(`edit ${slug}`);
    return body;
  });
  const health = fetch(`${base}/healthz`).then((res) => {
    done.push('healthz');
    return res.status;
  });
  const bodies = await Promise.all(edits);
  expect(await health).toBe(200);
  for (const body of bodies) expect(body.errors).toBeUndefined();
  // /healthz was answered while edits were still being made and refreshed.
  expect(done.indexOf('healthz')).toBeLessThan(done.length - 1);
  for (const { slug, version } of concepts) {
    const res = await fetch(`${base}/v1/concepts/${slug}?lang=en`, { headers: { accept: 'application/json' } });
    expect(await res.json()).toMatchObject({ slug, version: version + 1, summary: `edited ${slug}` });
  }
  expect(await metric(REQUESTS)).toBe(before.requests + 20);
  expect(await metric(REBUILDS)).toBeLessThanOrEqual(before.rebuilds + 20);
});

test('the database pool shows in /metrics on PostgreSQL; PGlite, one embedded connection, has none', async () => {
  const text = await (await fetch(`${base}/metrics`)).text();
  if (t.db.config.kind === 'pglite') return void expect(text).not.toMatch(/kubeknow_db_pool/);
  expect(text).toMatch(/^kubeknow_db_pool_max 10$/m);
  expect(text).toMatch(/^kubeknow_db_pool_connections\{state="idle"\} \d+$/m);
  expect(text).toMatch(/^kubeknow_db_pool_connections\{state="busy"\} \d+$/m);
  expect(text).toMatch(/^kubeknow_db_pool_waiting \d+$/m);
});
