// A body's Content-Type, through the real app over HTTP on every transport (hostile review): a type a route
// does not take was refused by four code paths (REST's manifests, REST's fields, GraphQL, MCP; Fastify's own
// for a form), with paths '', 'headers.content-type' or none and four wordings; now one refusal
// (src/http/media-type.ts): 415 UNSUPPORTED_MEDIA_TYPE at `headers.content-type`, "send <what the route
// takes>; got <what was sent>", in each transport's envelope. A parameter given twice
// (`charset=UTF-8; charset=latin1`) was read as the first; it is refused, as is a charset other than UTF-8,
// and utf-8 in any case is read.
import fc from 'fast-check';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';
import { rawRequest } from './helpers/raw-http';

let t: TestApp;
let admin: string;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  admin = await t.bearer('admin');
  base = await listeningBase(t);
});
afterAll(() => t.close());

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: {
    problems?: unknown[];
    errors?: { extensions: { problems: unknown[] } }[];
    error?: { data: { problems: unknown[] } };
  };
}
type Envelope = 'problem+json' | 'graphql' | 'json-rpc';

const JSON_AND_YAML = 'application/json, application/yaml, application/x-yaml, text/yaml';
const TOOLS_LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

/** A route of each kind: what it takes, a body it reads, and what it answers to that body. */
const ROUTES: {
  name: string;
  path: string;
  takes: string;
  body: string;
  answers: number;
  envelope: Envelope;
  auth?: boolean;
}[] = [
  {
    name: 'REST manifests',
    path: '/v1/dns/records',
    takes: JSON_AND_YAML,
    body: '{"objects": []}',
    answers: 200,
    envelope: 'problem+json',
  },
  {
    name: 'REST fields, or the same as YAML',
    path: '/v1/probes/timeline',
    takes: JSON_AND_YAML,
    body: '{"container": {"name": "web", "image": "x"}}',
    answers: 200,
    envelope: 'problem+json',
  },
  {
    name: 'REST JSON only',
    path: '/v1/admin/keys',
    takes: 'application/json',
    body: '{"name": "k"}',
    answers: 201,
    envelope: 'problem+json',
    auth: true,
  },
  {
    name: 'GraphQL',
    path: '/graphql',
    takes: 'application/json',
    body: '{"query": "{ __typename }"}',
    answers: 200,
    envelope: 'graphql',
  },
  { name: 'MCP', path: '/mcp', takes: 'application/json', body: TOOLS_LIST, answers: 200, envelope: 'json-rpc' },
];

const post = (route: (typeof ROUTES)[number], contentType: string, body = route.body) => {
  const req = t.http
    .post(route.path)
    .set('accept', 'application/json, text/event-stream')
    .set('content-type', contentType);
  if (route.auth) void req.set('authorization', admin);
  return req.send(body) as unknown as Promise<Sent>;
};

/** The problems of an answer in its transport's envelope, which must be that transport's. */
function problemsIn(res: Sent, envelope: Envelope): unknown[] | undefined {
  if (envelope === 'problem+json') {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.body.problems;
  }
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return envelope === 'graphql' ? res.body.errors?.[0].extensions.problems : res.body.error?.data.problems;
}

const refusal = (message: string) => [{ code: 'UNSUPPORTED_MEDIA_TYPE', path: 'headers.content-type', message }];

const expectRefused = (res: Sent, envelope: Envelope, message: string) => {
  expect(res.status).toBe(415);
  expect(problemsIn(res, envelope)).toEqual(refusal(message));
};

describe.each(ROUTES)('$name ($path)', (route) => {
  test.each(['text/plain', 'application/x-www-form-urlencoded', 'text/csv', 'application/graphql-response+json'])(
    'a %s body: 415 at headers.content-type, saying what the route takes',
    async (type) => expectRefused(await post(route, type), route.envelope, `send ${route.takes}; got ${type}`),
  );

  test('a body with no content type: the same refusal', async () => {
    // fetch sends bytes with no Content-Type (supertest would call a string a form).
    const res = await fetch(`${base}${route.path}`, {
      method: 'POST',
      headers: { accept: 'application/json, text/event-stream', ...(route.auth ? { authorization: admin } : {}) },
      body: Buffer.from(route.body),
    });
    const sent: Sent = {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: (await res.json()) as Sent['body'],
    };
    expectRefused(sent, route.envelope, `send ${route.takes}; got no content type`);
  });

  test('charset given twice: refused, naming the parameter', async () =>
    expectRefused(
      await post(route, 'application/json; charset=UTF-8; charset=latin1'),
      route.envelope,
      'the charset parameter is given twice; give it once',
    ));

  test('a charset other than UTF-8: refused, naming it', async () =>
    expectRefused(
      await post(route, 'application/json; charset=latin1'),
      route.envelope,
      'charset "latin1" is not supported: send the body in UTF-8 (charset=utf-8, or no charset)',
    ));

  test('JSON in UTF-8 is read', async () => {
    const res = await post(route, 'application/json; charset=UTF-8');
    expect(res.status).toBe(route.answers);
  });
});

test('an empty parameter is no parameter (RFC 9110 §5.6.6): application/json; and ; ; charset=utf-8 are read', async () => {
  for (const route of ROUTES)
    for (const type of ['application/json;', 'application/json; ; charset=utf-8;'])
      expect([route.path, type, (await post(route, type)).status]).toEqual([route.path, type, route.answers]);
});

test('a POST with neither body nor type is refused alike where a body is required (all but the admin key’s, whose fields are optional)', async () => {
  for (const route of ROUTES) {
    const res = await fetch(`${base}${route.path}`, {
      method: 'POST',
      headers: { accept: 'application/json, text/event-stream', ...(route.auth ? { authorization: admin } : {}) },
    });
    const sent: Sent = {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: (await res.json()) as Sent['body'],
    };
    if (route.auth) expect(sent.status).toBe(201);
    else expectRefused(sent, route.envelope, `send ${route.takes}; got no content type`);
  }
});

test('YAML is refused where only JSON is taken, in the same words', async () => {
  for (const route of ROUTES.filter((r) => r.takes === 'application/json'))
    expectRefused(await post(route, 'application/yaml'), route.envelope, 'send application/json; got application/yaml');
});

test('a header that is not a media type is refused at headers.content-type', async () => {
  for (const route of ROUTES) {
    const res = await post(route, 'json');
    expect(res.status).toBe(415);
    expect(problemsIn(res, route.envelope)).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE', path: 'headers.content-type' }),
    ]);
  }
});

// Each letter of a word in either case.
const anyCase = (word: string) =>
  fc.tuple(...[...word].map((c) => fc.constantFrom(c.toLowerCase(), c.toUpperCase()))).map((cs) => cs.join(''));
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);

test('property: any parameter given twice, in any case, is refused on every transport, naming it in lower case', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      token.chain((name) => fc.tuple(fc.constant(name), anyCase(name), anyCase(name), token, token)),
      async (route, [name, first, second, a, b]) => {
        const res = await post(route, `application/json; ${first}=${a}; ${second}="${b}"`);
        expectRefused(res, route.envelope, `the ${name} parameter is given twice; give it once`);
      },
    ),
    { numRuns: 40 },
  );
});

// IANA's names and aliases of UTF-8 and US-ASCII (hostile review: csUTF8 was refused), and utf8.
const UTF8_NAMES = [
  ...['utf-8', 'csUTF8', 'utf8', 'us-ascii', 'iso-ir-6', 'ANSI_X3.4-1968', 'ANSI_X3.4-1986', 'ISO_646.irv:1991'],
  ...['ISO646-US', 'us', 'IBM367', 'cp367', 'csASCII', 'ascii'],
];

test('property: UTF-8 or ASCII by any IANA name or alias, in any case, quoted or not, is read; any other charset is refused naming it', async () => {
  const utf8 = fc
    .tuple(fc.constantFrom(...UTF8_NAMES).chain(anyCase), fc.boolean())
    // A colon is no token character: ISO_646.irv:1991 is sent quoted (RFC 9110 §5.6.6).
    .map(([c, quoted]) => ({ charset: quoted || c.includes(':') ? `"${c}"` : c, given: c, ok: true }));
  const other = token
    .filter((c) => !UTF8_NAMES.some((name) => name.toLowerCase() === c))
    .chain(anyCase)
    .map((c) => ({ charset: c, given: c, ok: false }));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ROUTES), fc.oneof(utf8, other), async (route, { charset, given, ok }) => {
      const res = await post(route, `application/json; charset=${charset}`);
      if (ok) expect(res.status).toBe(route.answers);
      else
        expectRefused(
          res,
          route.envelope,
          `charset ${JSON.stringify(given)} is not supported: send the body in UTF-8 (charset=utf-8, or no charset)`,
        );
    }),
    { numRuns: 60 },
  );
});

test('property: any media type a route does not take is the one refusal, in its envelope, before the body is read', async () => {
  const mediaType = fc.tuple(token, token).map(([a, b]) => `${a}/${b}`);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ROUTES), mediaType, async (route, type) => {
      fc.pre(!route.takes.split(', ').includes(type));
      // A body that no parser could read: it is refused for its type, not its content.
      expectRefused(await post(route, type, '\u0000 not read'), route.envelope, `send ${route.takes}; got ${type}`);
    }),
    { numRuns: 60 },
  );
});

// Hostile review: `curl -H 'content-type: x' /healthz` was 415, and so with `content-encoding: gzip`: a stray
// header failed a health probe or any GET. Content-Type and Content-Encoding describe content (RFC 9110
// §8.3, §8.4); a request whose framing has none (no Content-Length above 0, no Transfer-Encoding) is not
// refused for them, except where the route requires a body.
describe('a request without a body', () => {
  const stray: Record<string, string>[] = [
    { 'content-type': 'x' },
    { 'content-type': 'application/json; charset=latin1' },
    { 'content-type': 'text/plain; charset=utf-8; charset=utf-8' },
    { 'content-encoding': 'gzip' },
  ];

  test.each(stray)('GET /healthz with %j is answered', async (headers) => {
    expect((await rawRequest(base, 'GET', '/healthz', headers)).status).toBe(200);
  });

  test.each(stray)(
    'a POST whose body is optional, with %j and Content-Length: 0, is read as no body',
    async (headers) => {
      const res = await rawRequest(base, 'POST', '/v1/admin/keys', {
        ...headers,
        authorization: admin,
        'content-length': '0',
      });
      expect(res.status).toBe(201);
    },
  );

  test.each(stray)('DELETE of a key with %j and no body: the route answers as it does without it', async (headers) => {
    const plain = await rawRequest(base, 'DELETE', '/v1/admin/keys/nokey', { authorization: admin });
    const res = await rawRequest(base, 'DELETE', '/v1/admin/keys/nokey', { ...headers, authorization: admin });
    expect(plain.status).not.toBe(415);
    expect([res.status, res.body]).toEqual([plain.status, plain.body]);
  });

  test.each(ROUTES.filter((r) => !r.auth))(
    '$path requires a body: a request with none is refused at headers.content-type, whatever type or coding it names',
    async (route) => {
      for (const headers of [...stray, { 'content-type': 'application/json' }]) {
        const res = await rawRequest(base, 'POST', route.path, {
          ...headers,
          accept: 'application/json, text/event-stream',
          'content-length': '0',
        });
        const message =
          headers['content-type'] === undefined
            ? `send ${route.takes}; got no content type`
            : `send a body in ${route.takes}; got none`;
        expectRefused(
          { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Sent['body'] },
          route.envelope,
          message,
        );
      }
    },
  );

  test('a body with a Content-Encoding is still refused, at headers.content-encoding', async () => {
    const res = await rawRequest(
      base,
      'POST',
      '/v1/dns/records',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      '{"objects": []}',
    );
    expect(res.status).toBe(415);
    expect((res.body as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE', path: 'headers.content-encoding' }),
    ]);
  });
});

// Hostile review: the type was checked before routing, so a bad one hid what the request was first.
describe('the media type is checked after the route, its method and its guards', () => {
  test('an unknown path with a bad type is 404', async () => {
    const res = await rawRequest(base, 'POST', '/nope', { 'content-type': 'x' }, 'body');
    expect([res.status, (res.body as { code: string }).code]).toEqual([404, 'NOT_FOUND']);
  });

  test('a method the path does not take, with a charset it would refuse, is 405', async () => {
    const res = await rawRequest(base, 'PUT', '/graphql', { 'content-type': 'application/json; charset=latin1' }, '{}');
    expect([res.status, res.headers.allow]).toEqual([405, 'GET, HEAD, POST']);
  });

  test('/mcp with a foreign Host and text/plain is the Host guard’s 403, in JSON-RPC', async () => {
    const res = await rawRequest(base, 'POST', '/mcp', { host: 'evil.example', 'content-type': 'text/plain' }, 'x');
    expect(res.status).toBe(403);
    expect((res.body as { error: { data: { problems: { path: string }[] } } }).error.data.problems).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', path: 'headers.host' }),
    ]);
  });
});
