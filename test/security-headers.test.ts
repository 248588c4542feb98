// Security headers (src/http/headers.ts), through the real app: every answer, JSON or an error, a
// GraphQL answer run or kept, carries the same fixed set, with the values @fastify/helmet sent; the
// HTML pages add the headers only a document reads.
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ANSWER = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
};
const DOCUMENT = {
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const graphql = () =>
  t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: { query: '{ concept(slug: "pod") { slug } }' },
  });

test.each([
  ['a REST answer', { method: 'GET' as const, url: '/v1/concepts/pod' }],
  ['a not-found problem', { method: 'GET' as const, url: '/v1/concepts/no-such-concept' }],
  ['an unknown route', { method: 'GET' as const, url: '/nowhere' }],
  ['the index as JSON', { method: 'GET' as const, url: '/', headers: { accept: 'application/json' } }],
])('%s carries the answer headers and none of a document', async (_name, request) => {
  const res = await t.app.inject(request);
  expect(res.headers).toMatchObject(ANSWER);
  for (const name of Object.keys(DOCUMENT)) expect(res.headers).not.toHaveProperty(name);
});

test('a GraphQL answer carries the same headers whether it was run or kept', async () => {
  const run = await graphql();
  const kept = await graphql();
  expect(run.statusCode).toBe(200);
  expect(run.headers).toMatchObject(ANSWER);
  const { date: _d, 'x-request-id': _r, ...headers } = run.headers;
  const { date: _d2, 'x-request-id': _r2, ...keptHeaders } = kept.headers;
  expect(keptHeaders).toEqual(headers);
});

test.each([
  ['GraphiQL', '/graphql', /script-src 'self'/],
  ['Swagger UI', '/docs', /script-src 'self'/],
  ['the index page', '/', /default-src 'none'/],
])('%s, an HTML page, adds the document headers', async (_name, url, policy) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.headers).toMatchObject({
    ...DOCUMENT,
    ...ANSWER,
    'content-security-policy': expect.stringMatching(policy),
  });
});
