// Large bodies of computing routes are not read on the event loop (issue 10: twenty 0.9 MB JSON bodies
// to /v1/dns/records kept /healthz waiting 0.5-1 s, each parsed, walked and cloned there). In the
// built server, a body over 8 KiB stays bytes until a worker thread decodes, parses, shapes, checks,
// prices and computes it; /healthz is answered before the big ones, and every refusal is the one a
// small body gets, whether the big one is a few tens of KB or a megabyte: the same status, code and
// field paths. Answers come back in the order they are
// ready, so the last test is the one that tells where a body is parsed: on the event loop, a big body
// that is not JSON would be refused at once, ahead of the computation holding the turn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { apply, HEAVIEST, metrics } from '../helpers/compute';
import { headless } from '../helpers/endpoints';
import { seededDataDir } from '../helpers/database';
import { killServers, startServer, waitFor, type Running } from '../helpers/server';

// A built server starts on a busy machine (a limit, not a measurement).
jest.setTimeout(180_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-bodies-'));
let s: Running;
// One thread computing one request at a time, and room for all of them in the queue: the big
// requests finish one after another, each priced in the thread, none refused for want of a place.
beforeAll(async () => {
  s = await startServer(await seededDataDir(path.join(root, 'pglite')), {
    SEED_ON_START: 'false',
    COMPUTE_THREADS: '1',
    COMPUTE_CONCURRENCY: '1',
    COMPUTE_QUEUE: '40',
    COMPUTE_QUEUE_WAIT_MS: '120000',
  });
});
afterAll(() => {
  killServers();
  fs.rmSync(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  problem: { code: string; status: number; problems: { code: string; path: string; message: string }[] };
}

const post = async (route: string, type: string, body: string): Promise<Answer> => {
  const res = await fetch(`${s.url}${route}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, problem: (await res.json()) as Answer['problem'] };
};

test('while 30 bodies of about 1 MB (JSON and YAML) are read, /healthz is answered first', async () => {
  // 13 000 endpoints as JSON, 9 500 as YAML (wordier): each about 0.9 MB, under the body limit, and
  // several times over the cost limit.
  const json = JSON.stringify({ objects: headless(13_000) });
  const yaml = headless(9_500)
    .map((o) => stringify(o))
    .join('---\n');
  for (const body of [json, yaml]) expect([body.length > 850_000, body.length < 1024 * 1024]).toEqual([true, true]);
  const order: string[] = [];
  const big = [
    ...Array.from({ length: 20 }, () => ['application/json', json]),
    ...Array.from({ length: 10 }, () => ['application/yaml', yaml]),
  ].map(async ([type, body]) => {
    const answer = await post('/v1/dns/records', type, body);
    order.push('big');
    return answer;
  });
  // Sent once the big bodies are on their way (a delay, not a measurement): /healthz then arrives
  // while they are received, and is answered between them only if they are read elsewhere.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const health = fetch(`${s.url}/healthz`).then((res) => (order.push('healthz'), res.status));

  expect(await health).toBe(200);
  const answers = await Promise.all(big);
  expect(order[0]).toBe('healthz');
  // Priced in the thread, not waved through: each is refused before it runs, as a small one is.
  for (const a of answers) expect([a.status, a.problem.code]).toEqual([413, 'COST_LIMIT_EXCEEDED']);
  expect(s.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
});

// A cheap body made large by an annotation of `pad` characters: its problems are those of the same body without it.
const padded = (objects: object[], pad: number) =>
  objects.map((o, i) =>
    i ? o : { ...o, metadata: { name: 'web', namespace: 'shop', annotations: { pad: 'x'.repeat(pad) } } },
  );
const service = (port: unknown) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.0.0.10', ports: [{ name: 'http', port }] },
});
// Lists this deep inside an object's field: over the manifests' nesting limit (413), at any size.
const deep = (depth: number) => `{"objects": [{"kind": "Pod", "spec": ${'['.repeat(depth)}${']'.repeat(depth)}}]}`;

// Each refusal as a small body (read on the event loop), a body of some tens of KB and one of about
// 100 KB (both read in a thread).
const refusals: { name: string; route: string; type: string; small: string; big: (pad: number) => string }[] = [
  {
    name: 'a field error keeps its path',
    route: '/v1/dns/records',
    type: 'application/json',
    small: JSON.stringify({ objects: [service(1), service(99_999)] }),
    big: (pad) => JSON.stringify({ objects: padded([service(1), service(99_999)], pad) }),
  },
  {
    name: 'a field error in YAML keeps its path',
    route: '/v1/dns/records',
    type: 'application/yaml',
    small: [service(1), service(99_999)].map((o) => stringify(o)).join('---\n'),
    big: (pad) =>
      padded([service(1), service(99_999)], pad)
        .map((o) => stringify(o))
        .join('---\n'),
  },
  {
    name: 'a body that is not JSON',
    route: '/v1/dns/records',
    type: 'application/json',
    small: '{"objects": [',
    big: (pad) => `{"objects": [${JSON.stringify(service(1)).repeat(pad / 100)}`,
  },
  {
    name: 'a key that could set a prototype, with its path',
    route: '/v1/dns/records',
    type: 'application/json',
    small: '{"objects": [{"__proto__": {}}]}',
    big: (pad) => `{"objects": [${`${JSON.stringify(service(1))},`.repeat(pad / 100)}{"__proto__": {}}]}`,
  },
  {
    name: 'a body that is not an object',
    route: '/v1/dns/records',
    type: 'application/json',
    small: '"text"',
    big: (pad) => JSON.stringify('x'.repeat(pad)),
  },
  {
    name: 'a body nested too deep',
    route: '/v1/dns/query',
    type: 'application/json',
    small: deep(3000),
    big: (pad) => deep(pad / 2),
  },
  {
    name: 'a question field error, with the question given in the query string',
    route: '/v1/dns/query?name=web.shop.svc.cluster.local&type=AAAAA',
    type: 'application/json',
    small: JSON.stringify({ objects: [service(1)] }),
    big: (pad) => JSON.stringify({ objects: padded([service(1)], pad) }),
  },
];

test.each(refusals)('a big body is refused as a small one: $name', async (c) => {
  expect(c.small.length).toBeLessThan(8 * 1024);
  const small = await post(c.route, c.type, c.small);
  expect(small.status).toBeGreaterThanOrEqual(400);
  const shape = (a: Answer) => ({
    status: a.status,
    code: a.problem.code,
    // The prototype key's path names its index, which the big body moves.
    problems: a.problem.problems.map((p) => ({ code: p.code, path: p.path.replace(/\[\d+\]/, '[i]') })),
  });
  for (const pad of [20_000, 100_000]) {
    const body = c.big(pad);
    expect(body.length).toBeGreaterThan(pad < 64 * 1024 ? 8 * 1024 : 64 * 1024);
    expect(shape(await post(c.route, c.type, body))).toEqual(shape(small));
  }
});

test('a body over 8 KiB is not parsed on the event loop: even one that is not JSON waits for a turn, then is refused', async () => {
  // The heaviest computation holds the one turn; a small body that is not JSON is refused by the event
  // loop's parser at once, a big one only once a thread reads it, after the heavy one.
  const order: string[] = [];
  const heavy = apply(s.url, HEAVIEST).then((res) => (order.push('heavy'), res.status));
  await waitFor(async () => (await metrics(s.url)).get('kubeknow_compute_threads_busy') === 1, 60_000);
  const notJson = (body: string, name: string) =>
    post('/v1/dns/records', 'application/json', body).then((a) => (order.push(name), a));
  const big = notJson(`{"objects": [${JSON.stringify(service(1)).repeat(1000)}`, 'big');
  const mid = notJson(`{"objects": [${JSON.stringify(service(1)).repeat(100)}`, 'mid');
  const small = notJson('{"objects": [', 'small');
  expect(await heavy).toBe(200);
  const [b, m, sm] = await Promise.all([big, mid, small]);
  expect([order.slice(0, 2), order.slice(2).sort()]).toEqual([
    ['small', 'heavy'],
    ['big', 'mid'],
  ]);
  for (const a of [b, m])
    expect([a.status, a.problem.code, a.problem.problems]).toEqual([sm.status, sm.problem.code, sm.problem.problems]);
});
