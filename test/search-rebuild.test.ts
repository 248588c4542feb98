// A full rebuild (a replica catching up after its change listener reconnected, a change that names
// too many concepts to patch) builds its search index in a worker thread (issue 10): meanwhile
// /healthz, a search and a lookup are answered, from the previous snapshot and the index of that
// same snapshot; once the rebuild is done, both show the change. Proved by order, never timed.
import { buildSearchIndex } from '../src/knowledge/search';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  base = await listeningBase(t);
});
afterAll(async () => {
  await t?.knowledge.close();
  await t?.close();
});

// A word no concept of the content uses, so a search for it finds only the concept given it.
const WORD = 'quixotically';

const json = async (path: string) =>
  (await fetch(`${base}${path}`, { headers: { accept: 'application/json' } })).json() as Promise<
    Record<string, unknown>
  >;
const searchFor = (q: string) => json(`/v1/search?q=${encodeURIComponent(q)}&lang=en`);

test('while a full rebuild builds its index, /healthz, a search and a lookup answer from the previous snapshot; after it, both show the change', async () => {
  // Written behind the service's back, as another replica writes while this one's listener is away.
  const summary = `A Pod is ${WORD} the smallest thing Kubernetes runs.`;
  await t.db.prisma.conceptText.updateMany({ where: { concept: { slug: 'pod' }, locale: 'en' }, data: { summary } });
  const order: string[] = [];
  let rebuilt = false;
  // What the listener asks for after it reconnects: reread everything.
  const refresh = t.knowledge.refresh().then(() => {
    rebuilt = true;
    order.push('rebuilt');
  });
  // The event loop turns while the snapshot is read and the index built: that is what is tested.
  while (!t.knowledge.indexing && !rebuilt) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(t.knowledge.indexing).toBe(true);
  const [health, during, pod] = await Promise.all([
    fetch(`${base}/healthz`).then((res) => res.status),
    searchFor(WORD),
    json('/v1/concepts/pod?lang=en'),
  ]);
  const stillIndexing = t.knowledge.indexing;
  order.push('answered');
  await refresh;
  expect(health).toBe(200);
  expect(stillIndexing).toBe(true);
  expect(order).toEqual(['answered', 'rebuilt']);
  // The snapshot and the index served together are of one version: neither shows the change yet.
  expect(during).toMatchObject({ total: 0 });
  expect(pod.summary).not.toContain(WORD);

  expect(await searchFor(WORD)).toMatchObject({ total: 1, items: [{ slug: 'pod' }] });
  expect(await json('/v1/concepts/pod?lang=en')).toMatchObject({ summary });
  expect(t.knowledge.indexing).toBe(false);
});

test('an index built in the thread answers every search as one built on the event loop from the same snapshot', async () => {
  await t.knowledge.refresh();
  const here = buildSearchIndex(t.knowledge.snapshot.concepts);
  for (const q of [
    'headless service DNS',
    '헤드리스 서비스는 DNS에서 뭘 돌려줘?',
    'why is my pod pending',
    'clusterIP: None',
    'afinity',
    '파드가 재시작을 반복해',
  ])
    expect(t.knowledge.search(q, { limit: 100 })).toEqual(here.search(q, { limit: 100 }));
});

test('an edit of one concept after a full rebuild updates the thread-built index in place', async () => {
  await t.knowledge.refresh();
  const key = await t.bearer('write');
  const { version } = t.knowledge.concept('service')!;
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: key },
    body: JSON.stringify({
      query: `mutation($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }`,
      variables: {
        input: { slug: 'service', expectedVersion: version, texts: [{ locale: 'EN', summary: `A Service, ${WORD}.` }] },
      },
    }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  const hits = ((await searchFor(WORD)).items as { slug: string }[]).map((h) => h.slug).sort();
  expect(hits).toEqual(['pod', 'service']);
});
