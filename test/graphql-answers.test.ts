// GraphQL answers served from the per-snapshot cache (src/graphql/answers.ts), through the real app on
// a real database: a repeated query is not run again, yet an edit is visible as soon as it returns;
// answers differ by variables and language; answers that depend on the caller's key, mutations and
// errors are never kept.
import fc from 'fast-check';
import { createApiKey } from '../src/auth/keys';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  });

/** How many operations of this name Apollo has run (GET /metrics), so a test sees whether a request ran. */
async function runs(operation: string): Promise<number> {
  const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).payload;
  const line = new RegExp(`^graphql_operations_total\\{type="\\w+",operation="${operation}"\\} (\\d+)$`, 'm');
  return Number(line.exec(metrics)?.[1] ?? 0);
}

const SUMMARY = 'query Summary($slug: String!) { concept(slug: $slug) { slug title summary version } }';

test('a repeated query is answered with the same bytes and headers without running again', async () => {
  const body = { query: SUMMARY, variables: { slug: 'pod' }, operationName: 'Summary' };
  const before = await runs('Summary');
  const first = await post(body);
  const again = await post(body);
  expect(first.statusCode).toBe(200);
  expect(again.statusCode).toBe(200);
  expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
  expect(again.headers['content-type']).toBe(first.headers['content-type']);
  expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
  expect(await runs('Summary')).toBe(before + 1);
});

test('an edit is visible in the very next answer, and the answer after it is kept again', async () => {
  const ask = () => post({ query: SUMMARY, variables: { slug: 'service' }, operationName: 'Summary' });
  const old = (await ask()).json().data.concept;
  await ask();
  const summary = 'Answers kept for a snapshot end with it.';
  const edit = await post(
    {
      query: 'mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }',
      variables: { input: { slug: 'service', expectedVersion: old.version, texts: [{ locale: 'EN', summary }] } },
    },
    { authorization: await t.bearer('write') },
  );
  expect(edit.json().errors).toBeUndefined();
  const before = await runs('Summary');
  expect((await ask()).json().data.concept).toMatchObject({ summary, version: old.version + 1 });
  expect((await ask()).json().data.concept.summary).toBe(summary);
  expect(await runs('Summary')).toBe(before + 1);
});

test('variables, their operation and the reader’s language each make their own answer', async () => {
  const slugOf = async (slug: string) =>
    (await post({ query: SUMMARY, variables: { slug } })).json().data.concept?.slug ?? null;
  expect(await slugOf('pod')).toBe('pod');
  expect(await slugOf('service')).toBe('service');
  expect(await slugOf('pod')).toBe('pod');
  expect(await slugOf('no-such-concept')).toBeNull();
  const two = 'query A { concept(slug: "pod") { slug } } query B { concept(slug: "service") { slug } }';
  expect((await post({ query: two, operationName: 'A' })).json().data.concept.slug).toBe('pod');
  expect((await post({ query: two, operationName: 'B' })).json().data.concept.slug).toBe('service');
  const title = async (lang: string) =>
    (await post({ query: '{ concept(slug: "headless-service") { title } }' }, { 'accept-language': lang })).json().data
      .concept.title;
  const en = await title('en');
  const ko = await title('ko');
  expect(ko).not.toBe(en);
  expect(await title('en')).toBe(en);
  expect(await title('ko-KR,ko;q=0.9')).toBe(ko);
});

test('an answer that read the caller’s key is never another caller’s', async () => {
  const query = { query: 'query Keys { apiKeys(first: 1) { name } }' };
  const admin = await t.bearer('admin');
  const reader = await t.bearer('read');
  for (let i = 0; i < 2; i++) {
    expect((await post(query, { authorization: admin })).json().data.apiKeys).toHaveLength(1);
    expect((await post(query)).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(query, { authorization: reader })).json().errors[0].extensions.code).toBe('FORBIDDEN');
  }
  // A key created after the list was read shows in the next list: lists of keys are never kept.
  await createApiKey(t.db.prisma, 'newest', ['read']);
  expect((await post(query, { authorization: admin })).json().data.apiKeys).toEqual([{ name: 'newest' }]);
});

test('mutations run every time, and errors are never kept', async () => {
  const create = {
    query: 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
    variables: { input: { name: 'twice', scopes: ['READ'] } },
  };
  const admin = await t.bearer('admin');
  const keys = [await post(create, { authorization: admin }), await post(create, { authorization: admin })].map(
    (r) => r.json().data.createApiKey.key,
  );
  expect(keys[0]).not.toBe(keys[1]);
  const before = await runs('Broken');
  const broken = { query: 'query Broken { concept(slug: "pod") { nope } }', operationName: 'Broken' };
  for (let i = 0; i < 2; i++)
    expect((await post(broken)).json().errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const missingVariable = { query: SUMMARY, operationName: 'Summary' };
  for (let i = 0; i < 2; i++)
    expect((await post(missingVariable)).json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(await runs('Broken')).toBe(before);
});

test('property: a kept answer is the answer the same request gets when it runs', async () => {
  const slugs = ['pod', 'service', 'headless-service', 'node', 'no-such-concept'];
  let fresh = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...slugs),
      fc.constantFrom(undefined, 'en', 'ko', 'ko-KR,en;q=0.5', 'fr'),
      fc.constantFrom('{ title summary }', '{ slug facts { statement } }', '{ relations { type target { slug } } }'),
      async (slug, lang, selection) => {
        const query = `query ($slug: String!) { concept(slug: $slug) ${selection} }`;
        const headers: Record<string, string> = lang ? { 'accept-language': lang } : {};
        const kept = await post({ query, variables: { slug } }, headers);
        // The same request with a comment no other request has: a key of its own, so Apollo runs it.
        const ran = await post({ query: `${query} # ${fresh++}`, variables: { slug } }, headers);
        expect(kept.statusCode).toBe(200);
        expect(kept.payload).toBe(ran.payload);
      },
    ),
    { numRuns: 60 },
  );
});

test('a document’s cost estimate is its own for each variable set: the same text is refused or run by its variables', async () => {
  const field = 'concepts(first: $n) { nodes { examples { dnsRecords { name } } } }';
  // 40 aliases: their records for one concept each (about 10 KB a field) stay under MAX_GRAPHQL_MCP_BYTES.
  const query = `query Pages($n: Int) { ${Array.from({ length: 40 }, (_, i) => `c${i}: ${field}`).join(' ')} }`;
  for (let i = 0; i < 2; i++) {
    const many = await post({ query, variables: { n: 100 } });
    expect(many.statusCode).toBe(400);
    expect(many.json().errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    const few = await post({ query, variables: { n: 1 } });
    expect(few.json().errors).toBeUndefined();
  }
});
