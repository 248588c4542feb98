// Hostile JSON bodies on every transport (issue 10): a megabyte of 70 000 keys in one object, and a body
// nested 200 000 deep. JSON.parse spent 50-85 ms (the keys) to 0.9 s (the nesting) on the event loop
// for each before the key limit refused it; now the body's text is scanned first (src/http/json-scan.ts)
// and refused with a 413 naming the limit and where, while a normal body is read as before. And a body
// is refused alike whether it is read on the event loop or, over 8 KiB, in a worker thread.
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ seed: false })));
afterAll(() => t.close());

const MANY = `{${Array.from({ length: 70_000 }, (_, i) => `"v${i}":${i}`).join(',')}}`;
const DEEP = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
const KEYS = /this object has more than 1000 keys, the most accepted in one object \(MAX_OBJECT_KEYS\)/;
const NESTING = /nesting is deeper than 1000 levels, the most a request body may have \(MAX_BODY_DEPTH/;

const post = (path: string, body: string) =>
  t.http
    .post(path)
    .set({ 'content-type': 'application/json', accept: 'application/json, text/event-stream' })
    .send(body);

const graphql = (variables: string) =>
  post(
    '/graphql',
    `{"query":"query($v: JSON) { clusterApply(objects: $v) { objects } }","variables":{"v":${variables}}}`,
  );
const mcp = (args: string) =>
  post('/mcp', `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"cluster_apply","arguments":${args}}}`);
const rest = (body: string, query = '') => post(`/v1/cluster/apply${query}`, body);

describe.each([
  ['70 000 keys', MANY.replace('{', '{"objects":[],'), KEYS, 'variables.v', 'params.arguments', ''],
  ['200 000 levels', `{"objects":${DEEP}}`, NESTING, 'variables.v', 'params.arguments', 'objects[0]'],
])('a body of %s', (_, body, message, gqlPath, mcpPath, restPath) => {
  // GraphQL's variable and MCP's arguments are the body itself, one or two levels down.
  const value = body;

  test('GraphQL: a 413 naming the limit and the variable', async () => {
    const res = await graphql(value);
    expect(res.status).toBe(413);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.problems).toEqual([
      {
        code: 'PAYLOAD_TOO_LARGE',
        path: expect.stringMatching(`^${gqlPath}`),
        message: expect.stringMatching(message),
      },
    ]);
  });

  test('MCP: a 413 naming the limit and the arguments', async () => {
    const res = await mcp(value);
    expect(res.status).toBe(413);
    expect(res.text.length).toBeLessThan(2000);
    expect(JSON.parse(res.text).error.data.problems).toEqual([
      {
        code: 'PAYLOAD_TOO_LARGE',
        path: expect.stringMatching(`^${mcpPath}`),
        message: expect.stringMatching(message),
      },
    ]);
  });

  test('REST: a 413 naming the limit and where', async () => {
    const res = await rest(value);
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([
      { code: 'PAYLOAD_TOO_LARGE', path: restPath, message: expect.stringMatching(message) },
    ]);
    await t.http.get('/healthz').expect(200);
  });
});

describe('a normal body', () => {
  const list = `[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}]`;
  const objects = `{"objects":${list}}`;

  const applied = expect.arrayContaining([
    expect.objectContaining({ kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }),
  ]);

  test('is read on every transport', async () => {
    const gql = await graphql(list);
    expect(gql.status).toBe(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.clusterApply.objects).toEqual(applied);
    const tool = JSON.parse((await mcp(objects)).text);
    expect(tool.result.isError).toBeFalsy();
    expect(tool.result.structuredContent.objects).toEqual(applied);
    const res = await rest(objects);
    expect(res.status).toBe(200);
    expect(res.body.objects).toEqual(applied);
  });
});

// The same body, short (read on the event loop) or spaced out past 8 KiB (read in a worker thread,
// src/rest/manifest-body.ts): the same status and the same problems, in the same order.
describe('an invalid body, read on the event loop or in a worker thread', () => {
  const field = fc.constantFrom('objects', 'manifests', 'nodes', 'objetcs', 'extra', '__proto__', 'constructor');
  const anyValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(
      fc.record(
        {
          apiVersion: fc.constantFrom('v1', 'apps/v1', 1),
          kind: fc.constantFrom('Pod', 'Service', 'ConfigMap', 'Deployment', 'List', 'Nope', null),
          metadata: fc.oneof(fc.record({ name: fc.string({ maxLength: 5 }) }), fc.jsonValue({ maxDepth: 1 })),
          spec: fc.jsonValue({ maxDepth: 2 }),
          items: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
  );
  const body = fc.array(fc.tuple(field, anyValue), { maxLength: 4 }).map(
    (members) =>
      // Written as pairs, so that a key may repeat and "__proto__" is a key like any other.
      `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
  );

  // The query string's problems beside the body's: an unknown parameter, a bad value.
  const query = fc.constantFrom('', '?nodes=2', '?nodes=x', '?bogus=1', '?nodes=-1&bogus=1');

  test('is refused with the same problems in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(body, query, async (text, q) => {
        const small = await rest(text, q);
        const large = await rest(`${text}${' '.repeat(9 * 1024)}`, q);
        expect({ status: large.status, problems: large.body.problems }).toEqual({
          status: small.status,
          problems: small.body.problems,
        });
      }),
      { numRuns: 60 },
    );
  });
});
