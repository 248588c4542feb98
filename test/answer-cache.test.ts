// Read-only knowledge GETs served from the per-snapshot answer cache, through the real app on a real
// database: strong ETags, If-None-Match → 304, gzip and br that decode to the identity bytes, and a
// new answer (and tag) as soon as an edit lands.
import fc from 'fast-check';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { encodingOf } from '../src/http/cache';
import { MAX_QUERY_CHARS } from '../src/knowledge/search/query';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

const decoded = (res: { rawPayload: Buffer; headers: Record<string, unknown> }): Buffer => {
  const enc = res.headers['content-encoding'];
  if (enc === 'gzip') return gunzipSync(res.rawPayload);
  if (enc === 'br') return brotliDecompressSync(res.rawPayload);
  expect(enc).toBeUndefined();
  return res.rawPayload;
};

test('a concept carries a strong ETag, Cache-Control and Vary, and If-None-Match answers 304 without a body', async () => {
  const first = await get('/v1/concepts/headless-service');
  expect(first.statusCode).toBe(200);
  const etag = first.headers.etag as string;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers['cache-control']).toBe('public, no-cache');
  expect(first.headers.vary).toBe('Accept, Accept-Encoding, Accept-Language');
  expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(first.headers['content-language']).toBe('en');

  const again = await get('/v1/concepts/headless-service', { 'if-none-match': etag });
  expect(again.statusCode).toBe(304);
  expect(again.rawPayload.length).toBe(0);
  expect(again.headers.etag).toBe(etag);
  // Weak comparison, and a list of tags, as RFC 9110 §13.1.2 has it.
  expect((await get('/v1/concepts/headless-service', { 'if-none-match': `"x", W/${etag}` })).statusCode).toBe(304);
  expect((await get('/v1/concepts/headless-service', { 'if-none-match': '"other"' })).statusCode).toBe(200);

  // Another language, or another format, is another representation with its own tag.
  const ko = await get('/v1/concepts/headless-service?lang=ko');
  const byHeader = await get('/v1/concepts/headless-service', { 'accept-language': 'ko' });
  const text = await get('/v1/concepts/headless-service', { accept: 'text/plain' });
  expect(ko.headers.etag).not.toBe(etag);
  expect(byHeader.json()).toEqual(ko.json());
  expect(text.headers.etag).not.toBe(etag);
  expect(text.headers['content-type']).toMatch(/^text\/plain/);
  expect(text.payload).not.toMatch(/^\{/);
});

test('gzip and br bodies decode to the same bytes as the identity answer, each with its own tag', async () => {
  for (const url of ['/v1/concepts/pod', '/v1/concepts?limit=50', '/v1/references', '/v1/concepts/pod/relations']) {
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(new Set([plain.headers.etag, gz.headers.etag, br.headers.etag]).size).toBe(3);
    expect((await get(url, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string })).statusCode).toBe(
      304,
    );
  }
});

test('an edit gives the next read a new answer and a new ETag; the old tag no longer answers 304', async () => {
  const before = await get('/v1/concepts/pod');
  const etag = before.headers.etag as string;
  const gz = await get('/v1/concepts/pod', { 'accept-encoding': 'gzip' });
  const summary = 'Cached answers end with the snapshot they were made from.';
  await t.knowledge.updateConcept(
    { name: 'test' },
    { slug: 'pod', expectedVersion: before.json().version, texts: [{ locale: 'en', summary }] },
  );
  const after = await get('/v1/concepts/pod', { 'if-none-match': etag });
  expect(after.statusCode).toBe(200);
  expect(after.headers.etag).not.toBe(etag);
  expect(after.json()).toMatchObject({ summary, version: before.json().version + 1 });
  const gzAfter = await get('/v1/concepts/pod', {
    'accept-encoding': 'gzip',
    'if-none-match': gz.headers.etag as string,
  });
  expect(gzAfter.statusCode).toBe(200);
  expect(JSON.parse(gunzipSync(gzAfter.rawPayload).toString())).toMatchObject({ summary });
  // The listing, made from the same snapshot, is new too.
  expect(
    (await get('/v1/concepts?limit=50')).json().items.find((c: { slug: string }) => c.slug === 'pod'),
  ).toMatchObject({ summary });
});

test('errors are not cached: a missing concept stays a 404 problem, without an ETag', async () => {
  for (let i = 0; i < 2; i++) {
    const res = await get('/v1/concepts/no-such-concept', { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(404);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
});

test('any Accept-Encoding and If-None-Match: 200 with bytes that decode to the identity answer, or 304 for its own tag', async () => {
  const plain = await get('/v1/concepts/service');
  const coding = fc.oneof(
    fc.constantFrom('gzip', 'br', 'deflate', 'identity', '*', 'zstd', 'GZIP', 'Br'),
    fc.string({ maxLength: 20 }),
  );
  const part = fc
    .tuple(coding, fc.option(fc.oneof(fc.constantFrom('0', '1', '0.5', '0.001', 'x', '-1', '2')), { nil: undefined }))
    .map(([c, q]) => (q === undefined ? c : `${c};q=${q}`));
  const acceptEncoding = fc.option(
    fc.oneof(
      fc.array(part, { maxLength: 6 }).map((p) => p.join(', ')),
      fc.string({ maxLength: 10000 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    ),
    { nil: undefined },
  );
  const ifNoneMatch = fc.option(
    fc.oneof(
      fc.constant(plain.headers.etag as string),
      fc.string({ maxLength: 200 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
    ),
    { nil: undefined },
  );
  await fc.assert(
    fc.asyncProperty(acceptEncoding, ifNoneMatch, async (ae, inm) => {
      const headers: Record<string, string> = {};
      if (ae !== undefined) headers['accept-encoding'] = ae;
      if (inm !== undefined) headers['if-none-match'] = inm;
      const res = await get('/v1/concepts/service', headers);
      const expected = encodingOf(ae, plain.rawPayload.length);
      // `*` matches any current representation (RFC 9110 §13.1.2).
      if (inm !== undefined && (inm === res.headers.etag || inm.trim() === '*')) {
        expect(res.statusCode).toBe(304);
        return;
      }
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding'] ?? 'identity').toBe(expected);
      expect(decoded(res).equals(plain.rawPayload)).toBe(true);
    }),
    { numRuns: 150 },
  );
});

test('search keeps one answer for questions it reads the same: equal in their first 400 characters after NFKC', async () => {
  const head = '헤드리스 서비스는 DNS에서 뭘 돌려줘? '.repeat(20).slice(0, MAX_QUERY_CHARS);
  const [a, b] = [`${head} 첫 번째 꼬리`, `${head} and another tail`];
  const [ra, rb] = [
    await get(`/v1/search?q=${encodeURIComponent(a)}&lang=ko`),
    await get(`/v1/search?q=${encodeURIComponent(b)}&lang=ko`),
  ];
  expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
  expect(rb.json()).toEqual(ra.json());
  expect(ra.json().items[0].slug).toBe('headless-service');
  // The answer the second request kept (the first noted the key) is the one both questions get: one
  // entry, not two.
  const asked = { lang: 'ko', limit: 10, offset: 0 } as const;
  expect(t.knowledge.search(b, asked)).toBe(t.knowledge.search(a, asked));
  const en = { lang: 'en', limit: 10, offset: 0 } as const;
  t.knowledge.search('headless service', en); // an answer is kept the second time it is asked
  expect(t.knowledge.search('ｈｅａｄｌｅｓｓ ｓｅｒｖｉｃｅ', en)).toBe(t.knowledge.search('headless service', en));
  // A difference inside what is read is another question.
  expect(t.knowledge.search(`서비스 ${a}`, asked)).not.toBe(t.knowledge.search(a, asked));
});

// A client that spells its Accept anew each time (issue: each spelling was an answer of its own, and
// a Brotli run on the event loop) gets the answer its headers choose, kept once for every spelling.
test('headers spelled any way get the answer of the format and language they choose, with its tag and bytes', async () => {
  const media = { json: 'application/json', text: 'text/plain', md: 'text/markdown' } as const;
  const spelling = fc.record({
    format: fc.constantFrom<keyof typeof media>('json', 'text', 'md'),
    lang: fc.constantFrom('en', 'ko'),
    junk: fc.nat({ max: 1_000_000 }),
    q: fc.constantFrom('', ';q=0.9'),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(spelling, { minLength: 1, maxLength: 8 }), async (spellings) => {
      for (const s of spellings) {
        const headers = {
          accept: `${media[s.format]}${s.q}, x/${s.junk};q=0.1`,
          'accept-language': `${s.lang}-X${s.junk}, ${s.lang};q=0.8`,
          'accept-encoding': 'br',
        };
        const [res, named] = await Promise.all([
          t.http.get('/v1/concepts?limit=100').set(headers).buffer(true),
          t.http.get(`/v1/concepts?limit=100&format=${s.format}&lang=${s.lang}`).buffer(true),
        ]);
        expect([res.status, res.headers['content-type'], res.headers['content-language']]).toEqual([
          200,
          named.headers['content-type'],
          named.headers['content-language'],
        ]);
        expect(res.headers['content-encoding']).toBe('br');
        // (supertest decodes br.)
        expect(res.text).toBe(named.text);
        // The same spelling again is the same kept answer: its tag answers 304.
        const again = await t.http.get('/v1/concepts?limit=100').set({ ...headers, 'if-none-match': res.headers.etag });
        expect(again.status).toBe(304);
      }
    }),
    { numRuns: 20 },
  );
});
