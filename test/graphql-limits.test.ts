// GraphQL's guard rails: a query nested without end is refused before it runs.
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

test('a query deeper than the limit is refused as a validation failure', async () => {
  const nest = (n: number): string => (n === 0 ? 'slug' : `relations { target { ${nest(n - 1)} } }`);
  const res = await t.http.post('/graphql').send({ query: `{ concept(slug: "pod") { ${nest(8)} } }` });
  expect(res.body.errors[0].message).toMatch(/levels deep; the limit is 12/);
  expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(res.body.data).toBeUndefined();
});

test('fragments count toward depth and cannot hide nesting', async () => {
  const query = `fragment R on Concept { relations { target { relations { target { relations { target { relations { target { slug } } } } } } } } }
    { concept(slug: "pod") { relations { target { relations { target { ...R } } } } } }`;
  const res = await t.http.post('/graphql').send({ query });
  expect(res.body.errors[0].message).toMatch(/levels deep/);
});

// graphql-js validates a subscription against a schema without a subscription type and fails only
// when executing it ("Schema is not configured to execute subscription operation."), which Apollo
// answered as INTERNAL_SERVER_ERROR.
test('a subscription is refused as a validation failure, not an internal error', async () => {
  const res = await t.http.post('/graphql').send({ query: 'subscription { __typename }' });
  expect(res.body.errors).toEqual([
    expect.objectContaining({
      message: 'this schema has no subscriptions: send a query or a mutation',
      extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
    }),
  ]);
  expect(res.body.data).toBeUndefined();
});

test('a query within the limit runs', async () => {
  const res = await t.http
    .post('/graphql')
    .send({ query: '{ concept(slug: "pod") { relations { target { slug } } } }' });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data).toEqual({ concept: null });
});

test('a JSON variable nested deeper than the manifest limit is refused before it runs, at its path', async () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 300; i++) deep = [deep];
  const res = await t.http
    .post('/graphql')
    .send({ query: 'query ($o: JSON) { clusterApply(objects: $o) { objects } }', variables: { o: deep } })
    .expect(413);
  // Deeper than JSON.stringify can go (the answer cache's key is never made for it).
  const depth = 100_000;
  const body = `{"query":"query ($o: JSON) { clusterApply(objects: $o) { objects } }","variables":{"o":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  expect(res.body.errors[0].extensions).toMatchObject({
    kubeknowCode: 'PAYLOAD_TOO_LARGE',
    problems: [
      { code: 'PAYLOAD_TOO_LARGE', path: 'variables.o', message: expect.stringMatching(/deeper than 102 levels/) },
    ],
  });
  // Past MAX_BODY_DEPTH, the body is refused before it is parsed (src/http/json-scan.ts), at the same path.
  const deeper = await t.http.post('/graphql').set('content-type', 'application/json').send(body).expect(413);
  expect(deeper.body.errors[0].extensions.problems).toEqual([
    { code: 'PAYLOAD_TOO_LARGE', path: 'variables.o', message: expect.stringMatching(/deeper than 1000 levels/) },
  ]);
});

// Apollo Server's own answer to a persisted query it does not serve: HTTP 200 (its APQ protocol: the
// client reads the code and sends the whole query), never cached (a GET's answer could be by a CDN).
test('persisted queries are not supported: a client error for any persistedQuery extension, never an internal one', async () => {
  const hash = 'a'.repeat(64);
  for (const persistedQuery of [{ version: 1, sha256Hash: hash }, { version: 2, sha256Hash: hash }, 'x']) {
    const res = await t.http.post('/graphql').send({ extensions: { persistedQuery } });
    expect([res.status, res.headers['cache-control']]).toEqual([200, 'private, no-cache, must-revalidate']);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(res.body.data).toBeUndefined();
  }
  const withQuery = await t.http
    .post('/graphql')
    .send({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  expect(withQuery.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
});

describe('a request Apollo refuses as malformed carries our extensions, as every other GraphQL error does', () => {
  const cases = [
    {
      name: 'variables that are not an object',
      send: () => t.http.post('/graphql').send({ query: '{ __typename }', variables: 'str' }),
      problem: { code: 'BAD_USER_INPUT', path: 'variables' },
    },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const res = await c.send().expect(400);
      expect(res.body.errors).toEqual([
        {
          message: expect.any(String),
          extensions: {
            code: 'BAD_REQUEST',
            kubeknowCode: 'BAD_USER_INPUT',
            problems: [{ ...c.problem, message: expect.any(String) }],
          },
        },
      ]);
    });
});

// A body GraphQL over HTTP does not take is a 415 naming application/json at headers.content-type, as REST
// answers one (src/http/media-type.ts), in GraphQL's envelope: YAML was 400 at path '' with Apollo's "POST body missing, invalid Content-Type";
// text/plain (a browser's "simple" cross-site request, Apollo's CSRF case) is refused the same way.
describe('a body that is not application/json: 415, naming what to send', () => {
  const refused = async (type: string, body = '{"query": "{ __typename }"}') => {
    const res = await t.http.post('/graphql').set('content-type', type).send(body);
    expect([type, res.status]).toEqual([type, 415]);
    expect(res.body).toEqual({
      errors: [
        {
          message: `headers.content-type: send application/json; got ${type}`,
          extensions: {
            code: 'BAD_USER_INPUT',
            kubeknowCode: 'UNSUPPORTED_MEDIA_TYPE',
            problems: [
              {
                code: 'UNSUPPORTED_MEDIA_TYPE',
                path: 'headers.content-type',
                message: `send application/json; got ${type}`,
              },
            ],
          },
        },
      ],
    });
    return res;
  };

  test('YAML, text/plain, application/graphql, a form, graphql-response+json and bytes', async () => {
    const yaml = await refused('application/yaml', 'query: "{ __typename }"');
    expect(yaml.body.errors[0].message).toMatch(/got application\/yaml$/);
    for (const type of [
      'text/plain',
      'application/graphql',
      'application/x-www-form-urlencoded',
      'application/graphql-response+json',
      'application/octet-stream',
    ])
      await refused(type);
    const json = await t.http
      .post('/graphql')
      .set('content-type', 'application/json; charset=utf-8')
      .send({ query: '{ __typename }' });
    expect(json.status).toBe(200);
  });

  test('property: any other media type is refused before its body is read', async () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9.+-]{0,15}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(token, token).filter(([a, b]) => `${a}/${b}` !== 'application/json'),
        async ([a, b]) => void (await refused(`${a}/${b}`, 'not even JSON')),
      ),
      { numRuns: 30 },
    );
  });
});

// A hostile review's three aliases of a day's timeline with probes every second priced 1 441 each (under
// MAX_REQUEST_COST) and took 2.1-3.0 s of CPU: the cost follows the seconds simulated, 4 321 for a day
// (+ COMPUTED_FIELD_COST and the fields, 4 345 an alias).
test('a timeline is priced by the seconds it simulates: three of a day are over the cost limit', async () => {
  const probe = { exec: { command: ['x'] }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 };
  const container = { name: 'web', image: 'x', startupProbe: probe, livenessProbe: probe, readinessProbe: probe };
  const scenario = { durationSeconds: 86_400 };
  const aliases = [0, 1, 2].map((i) => `a${i}: probeTimeline(container: $c, scenario: $s) { summary { restarts } }`);
  const res = await t.http
    .post('/graphql')
    .send({ query: `query($c: JSON, $s: JSON) { ${aliases.join(' ')} }`, variables: { c: container, s: scenario } });
  expect(res.body.errors[0].extensions.kubeknowCode ?? res.body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  expect(res.body.errors[0].message).toMatch(/costs 13035; the limit is 5000/);
});

// 250 aliases of a one-object dnsQuery cost 1 000 and took 0.57-1.28 s of CPU: each computed field now
// also pays for what every computation does whatever its input.
test('each computed field pays COMPUTED_FIELD_COST: 250 aliases of a small dnsQuery are over the limit', async () => {
  const objects = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { clusterIP: '10.96.0.20', ports: [{ port: 80 }] },
    },
  ];
  const aliases = Array.from({ length: 250 }, (_, i) => `a${i}: dnsQuery(objects: $o, name: $n, type: A) { rcode }`);
  const res = await t.http.post('/graphql').send({
    query: `query($o: JSON, $n: String!) { ${aliases.join(' ')} }`,
    variables: { o: objects, n: 'web.shop.svc.cluster.local' },
  });
  expect(res.body.errors[0].extensions.kubeknowCode ?? res.body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  expect(res.body.data).toBeUndefined();
});
