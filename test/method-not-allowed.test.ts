// A path the API serves, asked with a method it does not take, through the real app over HTTP (hostile
// review): `PUT /graphql` was 404 "no route", as if there were no /graphql; now every path answers 405
// with an Allow header naming the methods it takes, in the envelope of its transport (problem+json,
// GraphQL's for /graphql, JSON-RPC's for /mcp), before the body is read. A path the API does not serve
// stays 404.
import fc from 'fast-check';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';
import { rawRequest } from './helpers/raw-http';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ seed: false })));
afterAll(() => t.close());

type Method = 'get' | 'head' | 'post' | 'put' | 'delete' | 'patch';
const METHODS: Method[] = ['get', 'head', 'post', 'put', 'delete', 'patch'];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: {
    code?: string;
    problems?: unknown[];
    errors?: { extensions: { kubeknowCode: string; problems: unknown[] } }[];
    error?: { code: number; data: { problems: unknown[] } };
  };
}

const send = (method: Method, path: string) =>
  t.http[method](path).set('accept', 'application/json, text/event-stream') as unknown as Promise<Answer>;

const problem = (method: string, allow: string) => ({
  code: 'METHOD_NOT_ALLOWED',
  path: '',
  message: `${method} is not a method of this path; it takes ${allow} (the Allow header)`,
});

const cases: { name: string; method: Method; path: string; allow: string; problems: (res: Answer) => unknown }[] = [
  ...(['put', 'delete', 'patch'] as const).map((method) => ({
    name: `${method.toUpperCase()} /graphql, in GraphQL's envelope`,
    method,
    path: '/graphql',
    allow: 'GET, HEAD, POST',
    problems: (res: Answer) => {
      expect(res.body.errors?.[0].extensions.kubeknowCode).toBe('METHOD_NOT_ALLOWED');
      return res.body.errors?.[0].extensions.problems;
    },
  })),
  ...(['get', 'put', 'delete'] as const).map((method) => ({
    name: `${method.toUpperCase()} of a computation's route, as problem+json`,
    method,
    path: '/v1/dns/records',
    allow: 'POST',
    problems: (res: Answer) => {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.problems;
    },
  })),
  {
    name: 'DELETE of a concept, a lookup',
    method: 'delete',
    path: '/v1/concepts/pod',
    allow: 'GET, HEAD',
    problems: (res) => res.body.problems,
  },
  {
    name: 'PATCH of an API key, which only DELETE takes',
    method: 'patch',
    path: '/v1/admin/keys/abc',
    allow: 'DELETE',
    problems: (res) => res.body.problems,
  },
  {
    name: 'PUT /mcp, in JSON-RPC’s envelope, naming POST alone (its GET and DELETE are refused too)',
    method: 'put',
    path: '/mcp',
    allow: 'POST',
    problems: (res) => {
      expect(res.body.error?.code).toBe(-32600);
      return res.body.error?.data.problems;
    },
  },
];

test.each(cases)('$name: 405 with Allow: $allow', async ({ method, path, allow, problems }) => {
  const res = await send(method, path);
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe(allow);
  expect(problems(res)).toEqual([problem(method.toUpperCase(), allow)]);
});

test('a refused method is answered before its body is read: neither its type nor its size matters', async () => {
  const res = await t.http
    .put('/graphql')
    .set('content-type', 'text/csv')
    .send('x'.repeat(2 * 1024 * 1024));
  expect([res.status, res.headers.allow]).toEqual([405, 'GET, HEAD, POST']);
});

test('a path the API does not serve is still 404, whatever the method', async () => {
  for (const method of ['get', 'put'] as const) expect((await send(method, '/v1/nothing-here')).status).toBe(404);
});

test('the title is in the language asked for, as every problem’s is', async () => {
  const res = await send('put', '/v1/dns/records?lang=ko');
  expect(res.body).toMatchObject({ status: 405, title: '허용되지 않는 메서드', code: 'METHOD_NOT_ALLOWED' });
});

// Every REST path OpenAPI documents, with its parameters filled in, and the methods it documents.
async function documented(): Promise<{ path: string; methods: string[] }[]> {
  const doc = (await t.http.get('/openapi.json').expect(200)).body as { paths: Record<string, object> };
  // /graphql's POST is GraphQL's, which the REST document leaves out (the table above has it).
  return Object.entries(doc.paths)
    .filter(([path]) => path !== '/graphql')
    .map(([path, ops]) => ({
      path: path.replace(/\{[^}]+\}/g, 'x'),
      methods: Object.keys(ops).map((m) => m.toUpperCase()),
    }));
}

test('property: on every documented path, a method it does not document is 405, and Allow names exactly those it takes', async () => {
  const paths = await documented();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...METHODS), async ({ path, methods }, method) => {
      // Fastify answers HEAD for every GET.
      const takes = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
      const res = await send(method, path);
      if (takes.includes(method.toUpperCase())) expect(res.status).not.toBe(405);
      else {
        expect(res.status).toBe(405);
        expect(res.headers.allow.split(', ').sort()).toEqual([...takes].sort());
        if (method !== 'head') expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
      }
    }),
    { numRuns: 120 },
  );
});

// Hostile review: methods Fastify does not route by default (PROPFIND, TRACE, and QUERY, whose missing
// Content-Type Fastify refused first) were problem+json 404 "no route" on paths the API serves.
describe('a method beyond the six', () => {
  let base: string;
  beforeAll(async () => (base = await listeningBase(t)));

  test.each([
    ['PROPFIND', '/v1/concepts/pod', 'GET, HEAD'],
    ['TRACE', '/healthz', 'GET, HEAD'],
    ['QUERY', '/v1/dns/records', 'POST'],
    ['SEARCH', '/graphql', 'GET, HEAD, POST'],
    ['MKCOL', '/v1/admin/keys/abc', 'DELETE'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const res = await rawRequest(base, method, path, { accept: 'application/json' });
    expect([res.status, res.headers.allow]).toEqual([405, allow]);
    const body = res.body as Answer['body'];
    const problems = path === '/graphql' ? body.errors?.[0].extensions.problems : body.problems;
    expect(problems).toEqual([problem(method, allow)]);
  });

  test('QUERY /mcp without a type: 405 in JSON-RPC’s envelope', async () => {
    const res = await rawRequest(base, 'QUERY', '/mcp', { 'content-length': '2' }, '{}');
    expect([res.status, res.headers.allow]).toEqual([405, 'POST']);
    const body = res.body as Answer['body'];
    expect(body.error?.code).toBe(-32600);
    expect(body.error?.data.problems).toEqual([problem('QUERY', 'POST')]);
  });

  test('on a path the API does not serve it is still 404', async () => {
    for (const method of ['PROPFIND', 'QUERY', 'TRACE'])
      expect([method, (await rawRequest(base, method, '/v1/nothing-here')).status]).toEqual([method, 404]);
  });
});
