// Two hostile bodies of the review, through the real app on every transport: a Pod whose env values
// each repeat the one before ($(VAR) expansion bomb), and a body nested 5000 levels deep. Each is a
// 4xx that says why, never a 500, and the server answers /healthz after.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';
import { mcpClient } from './helpers/mcp';

// No content is read: an empty database.
let t: TestApp;
beforeAll(async () => (t = await startTestApp({ seed: false })));
afterAll(() => t.close());

const { gql } = graphqlClient(() => t);
// The server still answers after each refusal.
const healthy = () => t.http.get('/healthz').expect(200);

// The review's body, about 3 KB as JSON: A0 is 4000 x's, A1..A3 each repeat the one before 30 times.
const env = [
  { name: 'A0', value: 'x'.repeat(4000) },
  ...[1, 2, 3].map((i) => ({ name: `A${i}`, value: `$(A${i - 1})`.repeat(30) })),
  ...[0, 1, 2, 3, 4].map((j) => ({ name: `B${j}`, value: '$(A3)'.repeat(3) })),
];
const objects = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x', env }] },
  },
];
const GROWS = /^Pod\/default\/p container c: env A2: \$\(VAR\) expansion grows past 1048576 bytes/;

describe('a $(VAR) expansion bomb', () => {
  test('POST /v1/pods/environment: 413 at the value that passed the bound', async () => {
    const res = await t.http.post('/v1/pods/environment').send({ objects, pod: 'default/p' });
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([
      {
        code: 'PAYLOAD_TOO_LARGE',
        path: 'objects[0].spec.containers[0].env[2].value',
        message: expect.stringMatching(GROWS),
      },
    ]);
    await healthy();
  });

  test('GraphQL podEnvironment: PAYLOAD_TOO_LARGE', async () => {
    const reply = await gql('query($o: JSON!) { podEnvironment(objects: $o, pod: "default/p") { warnings } }', {
      o: objects,
    });
    expect(reply.errors?.[0].extensions?.kubeknowCode ?? reply.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(reply.errors?.[0].message).toMatch(/expansion grows past 1048576 bytes/);
  });

  test('MCP pod_environment: a tool error saying why', async () => {
    const client = await mcpClient(t, 'hostile-env');
    const r = (await client.callTool({
      name: 'pod_environment',
      arguments: { objects, pod: 'default/p' },
    })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toMatch(/PAYLOAD_TOO_LARGE[^]*expansion grows past 1048576 bytes/);
    await client.close();
  });
});

describe('a body nested 5000 levels deep', () => {
  // 5000 lists in one another, as the review sent them: the stack overflowed in unstorableTexts (500), or,
  // past it, in serializing the 422 that showed the value. pod is pod_environment's own argument.
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const args = (pod: boolean) => `{"objects":${deep}${pod ? ',"pod":"x"' : ''}}`;
  // Past MAX_BODY_DEPTH (1000), the body is refused as it is read, before it is parsed (json-scan.ts).
  const NESTING = /^nesting is deeper than 1000 levels, the most a request body may have \(MAX_BODY_DEPTH/;

  test.each([
    ['/v1/cluster/apply', false],
    ['/v1/pods/environment', true],
    ['/v1/secrets/decode', false],
  ])('%s: 413 for its nesting, at its first levels', async (route, pod) => {
    const res = await t.http.post(route).set('content-type', 'application/json').send(args(pod));
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([
      { code: 'PAYLOAD_TOO_LARGE', path: 'objects[0]', message: expect.stringMatching(NESTING) },
    ]);
    await healthy();
  });

  // As JSON-RPC text: the SDK's client cannot itself send a value this deep.
  test.each(['cluster_apply', 'decode_secret'])('MCP %s: a 413 saying why, not INTERNAL', async (tool) => {
    const { port } = t.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${tool}","arguments":${args(false)}}}`,
    });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text).not.toContain('INTERNAL');
    expect(text).toContain('"path":"params.arguments","message":"nesting is deeper than 1000 levels');
  });
});

describe('a YAML alias inside its own anchor', () => {
  // `&a [*a]` decodes to a list that contains itself: every walk over it went on without end (a hostile
  // review's 11-byte body took the server to its heap limit through /v1/probes/timeline's YAML fields).
  const selfReferring = 'x: &a [*a]\n';
  const NESTING = 'manifest nesting is deeper than 100 levels';

  test.each(['/v1/probes/timeline', '/v1/secrets/generic', '/v1/dns/query', '/v1/cluster/apply'])(
    '%s: 413 for its nesting, small body and large',
    async (route) => {
      // Over 8 KiB, a computing route's body is read in a worker thread: the same answer.
      for (const body of [selfReferring, `${selfReferring}${'\n'.repeat(9000)}`]) {
        const res = await t.http.post(route).set('content-type', 'application/yaml').send(body);
        expect(res.status).toBe(413);
        expect(res.body.problems).toEqual([{ code: 'PAYLOAD_TOO_LARGE', path: '', message: NESTING }]);
      }
      await healthy();
    },
  );
});

describe('a field no schema knows, nested past the bound', () => {
  // zod reports the unknown field and goes on; the check for texts no store can keep walked it whole.
  const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
  const NESTING = 'input nesting is deeper than 102 levels';

  test('REST: 413 for its nesting', async () => {
    const res = await t.http
      .post('/v1/dns/records')
      .set('content-type', 'application/json')
      .send(`{"objects":[],"extra":${deep}}`);
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([{ code: 'PAYLOAD_TOO_LARGE', path: '', message: NESTING }]);
  });

  // MCP refuses an argument its tool does not have before anything walks it (test/many-keys.test.ts).
  test('MCP: a tool error naming the unknown argument, nothing walked', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"dns_records","arguments":{"objects":[],"extra":${deep}}}}`,
    });
    const text = await res.text();
    expect(text).toContain('"isError":true');
    expect(text).toContain('"code":"FIELD_NOT_SUPPORTED","path":"extra","message":"unknown argument; supported: ');
    await healthy();
  });
});

describe('a body with a Content-Encoding', () => {
  // A hostile review's plain JSON sent as "gzip" was read as plain: a real gzip body would have been
  // read as garbage text. Nothing decodes bodies here, so a coded one is refused before it is read.
  const coded = (route: string, body: string, coding = 'gzip') =>
    t.http.post(route).set('content-type', 'application/json').set('content-encoding', coding).send(body);
  const DNS = '/v1/dns/query?name=a.default.svc.cluster.local';

  test('REST: 415 problem+json, naming the header', async () => {
    const res = await coded(DNS, '{"objects": []}');
    expect(res.status).toBe(415);
    expect(res.headers['accept-encoding']).toBe('identity');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.problems).toEqual([
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        path: 'headers.content-encoding',
        message: 'Content-Encoding "gzip" is not supported: send the body uncompressed, without Content-Encoding',
      },
    ]);
  });

  test('GraphQL: 415 in its own envelope', async () => {
    const res = await coded('/graphql', '{"query": "{ __typename }"}');
    expect(res.status).toBe(415);
    expect(res.body.errors[0].extensions).toMatchObject({ kubeknowCode: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  test('identity is no coding at all', async () => {
    expect((await coded(DNS, '{"objects": []}', 'identity')).status).toBe(200);
  });

  // A hostile review's JSON marked utf-16 was read as UTF-8.
  test('a charset other than UTF-8 is refused, 415 at headers.content-type, on REST and GraphQL; utf-8 and ASCII are read', async () => {
    const sent = (route: string, type: string, body: string) => t.http.post(route).set('content-type', type).send(body);
    const rest = await sent(DNS, 'application/json; charset=UTF-16', '{"objects": []}');
    expect(rest.status).toBe(415);
    expect(rest.body.problems).toEqual([
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        path: 'headers.content-type',
        message: 'charset "UTF-16" is not supported: send the body in UTF-8 (charset=utf-8, or no charset)',
      },
    ]);
    const graphql = await sent('/graphql', 'application/json; charset="latin1"', '{"query": "{ __typename }"}');
    expect(graphql.status).toBe(415);
    expect(graphql.body.errors[0].extensions).toMatchObject({ kubeknowCode: 'UNSUPPORTED_MEDIA_TYPE' });
    for (const charset of ['utf-8', 'UTF8', 'us-ascii'])
      expect((await sent(DNS, `application/json; charset=${charset}`, '{"objects": []}')).status).toBe(200);
  });
});
