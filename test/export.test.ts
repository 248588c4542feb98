// GET /v1/export: the concepts as search documents for a portal's collator, through real HTTP
// against the real app: NDJSON lines that parse, absolute links, pages that cover every document once.
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Doc {
  title: string;
  text: string;
  location: string;
  slug: string;
  lang: string;
  kind: string;
  category: string;
  aliases: string[];
  links: { json: string; markdown: string; text: string };
}

const HOST = 'portal.internal:4000';
const lines = (body: string): Doc[] =>
  body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Doc);
const nextLink = (link: string | undefined) => (link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : null);

/** Every document of the export, following Link: rel="next" from the first page. */
async function crawl(first: string, host = HOST): Promise<{ docs: Doc[]; pages: number; total: number }> {
  const docs: Doc[] = [];
  let url: string | null = first;
  let pages = 0;
  let total = 0;
  while (url) {
    const res = await t.http
      .get(url.replace(/^https?:\/\/[^/]+/, ''))
      .set('Host', host)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    docs.push(...lines(res.text));
    total = Number(res.headers['x-total-count']);
    url = nextLink(res.headers.link);
    if (url) expect(url.startsWith(`http://${host}/v1/export?`)).toBe(true);
    pages += 1;
  }
  return { docs, pages, total };
}

test('NDJSON pages, linked by rel="next", cover every concept in each of its languages exactly once', async () => {
  const { docs, pages, total } = await crawl('/v1/export?format=ndjson&limit=7');
  const want = t.knowledge.snapshot.concepts.flatMap((c) =>
    (['en', 'ko'] as const).filter((l) => c.texts[l]).map((l) => `${c.slug}/${l}`),
  );
  expect(docs.map((d) => `${d.slug}/${d.lang}`)).toEqual(want);
  expect(total).toBe(want.length);
  expect(pages).toBe(Math.ceil(want.length / 7));
});

test('each line is a search document with absolute links that lead back to the concept', async () => {
  const res = await t.http
    .get('/v1/export?limit=3')
    .set('Accept', 'application/x-ndjson')
    .set('Host', HOST)
    .expect(200);
  expect(res.text.endsWith('\n')).toBe(true);
  const docs = lines(res.text);
  expect(docs).toHaveLength(3);
  for (const d of docs) {
    expect(d).toMatchObject({
      title: expect.any(String),
      slug: expect.any(String),
      kind: expect.any(String),
      category: expect.any(String),
      aliases: expect.any(Array),
    });
    expect(d.location).toBe(`http://${HOST}/v1/concepts/${d.slug}?lang=${d.lang}`);
    expect(d.links.markdown).toBe(`${d.location}&format=md`);
    const concept = await t.http.get(new URL(d.location).pathname + new URL(d.location).search).expect(200);
    expect(concept.body).toMatchObject({ slug: d.slug, lang: d.lang, title: d.title, aliases: d.aliases });
    expect(d.text.startsWith(concept.body.summary)).toBe(true);
    expect(d.text).toContain(concept.body.facts[0]?.statement ?? '');
  }
});

test('?lang= exports one document per concept in that language; Accept-Language does not narrow it', async () => {
  const ko = lines((await t.http.get('/v1/export?format=ndjson&lang=ko&limit=100').expect(200)).text);
  expect(ko.map((d) => d.slug)).toEqual(t.knowledge.snapshot.concepts.map((c) => c.slug));
  expect(ko.every((d) => d.lang === 'ko' && /[가-힣]/.test(d.title + d.text))).toBe(true);
  const all = await t.http.get('/v1/export?format=ndjson&limit=10').set('Accept-Language', 'ko').expect(200);
  expect(new Set(lines(all.text).map((d) => d.lang))).toEqual(new Set(['en', 'ko']));
});

test('PUBLIC_URL, when set, is the base of every link instead of the request host', async () => {
  process.env.PUBLIC_URL = 'https://kubeknow.example.com/';
  try {
    const res = await t.http.get('/v1/export?format=ndjson&limit=2').set('Host', HOST).expect(200);
    for (const d of lines(res.text))
      expect(d.location.startsWith('https://kubeknow.example.com/v1/concepts/')).toBe(true);
    expect(nextLink(res.headers.link)).toMatch(
      /^https:\/\/kubeknow\.example\.com\/v1\/export\?format=ndjson&limit=2&cursor=/,
    );
  } finally {
    delete process.env.PUBLIC_URL;
  }
});

test('JSON is the alternative: the same documents as a page with total and nextCursor', async () => {
  const nd = lines(
    (await t.http.get('/v1/export?format=ndjson&limit=5&category=services').set('Host', HOST).expect(200)).text,
  );
  const res = await t.http.get('/v1/export?limit=5&category=services').set('Host', HOST).expect(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.items).toEqual(nd);
  expect(nd.every((d) => d.category === 'services')).toBe(true);
  const services = t.knowledge.concepts({ category: 'services' });
  expect(res.body.total).toBe(services.reduce((n, c) => n + Object.keys(c.texts).length, 0));
  expect(typeof res.body.nextCursor).toBe('string');
  expect(nextLink(res.headers.link)).toContain(`cursor=${res.body.nextCursor}`);
});

test('bad parameters are 400 problems naming the parameter', async () => {
  for (const [query, path] of [
    ['format=text', 'format'],
    ['cursor=nonsense', 'cursor'],
    ['limit=0', 'limit'],
    ['lang=fr', 'lang'],
  ]) {
    const res = await t.http.get(`/v1/export?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.problems[0].path).toContain(path);
  }
});
