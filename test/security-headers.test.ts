// Security headers (src/http/headers.ts), through the real app: every answer, JSON or an error, a
// GraphQL answer run or kept, carries the same fixed set, with the values @fastify/helmet sent; the
// HTML pages add the headers only a document reads.
import { listeningBase, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ANSWER = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
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

// RFC 6797 §7.2: HSTS over plain HTTP must not be sent. HTTPS is the socket's TLS, or the
// X-Forwarded-Proto of a proxy TRUST_PROXY trusts; anyone else's header is not believed.
describe('Strict-Transport-Security, over real HTTP', () => {
  const HSTS = 'strict-transport-security';
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ limits: { trustProxy: '127.0.0.1' } });
  });
  afterAll(() => proxied.close());

  test('plain HTTP, with or without an untrusted X-Forwarded-Proto: no HSTS', async () => {
    const base = await listeningBase(t);
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/v1/concepts/pod`, { headers });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      expect(res.headers.get(HSTS)).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  test('behind a trusted proxy that says https: HSTS, on answers and errors; it says http: none', async () => {
    const base = await listeningBase(proxied);
    // Not a path the router cannot read: Fastify makes that request without TRUST_PROXY (fastify.js
    // onBadUrl), so it is seen as plain HTTP and gets none, the safe side of the rule.
    for (const path of ['/v1/concepts/pod', '/v1/concepts/no-such-concept', '/nowhere']) {
      const https = await fetch(base + path, { headers: { 'x-forwarded-proto': 'https' } });
      await https.arrayBuffer();
      expect([path, https.headers.get(HSTS)]).toEqual([path, 'max-age=15552000']);
      const http = await fetch(base + path, { headers: { 'x-forwarded-proto': 'http' } });
      await http.arrayBuffer();
      expect([path, http.headers.get(HSTS)]).toEqual([path, null]);
    }
  });
});
