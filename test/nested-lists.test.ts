// A list where an object is expected (`objects: [[…]]`, or a list among a List's items) through the real
// app, on every computing route of every transport. The hostile review found some routes reading the
// inner list as more objects (200), others refusing it (422), and paths counted after flattening
// (`objects[0][1]` reported as objects[1]). Each is now refused the same way: FIELD_INVALID at the
// list's place among the objects (Lists' items counted in, as every manifest problem's path is), as
// 422 in REST, that kubeknowCode in GraphQL, and a tool error with it in MCP. A List's own items still read.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
let mcp: Client;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  mcp = await mcpClient(t, 'nested-lists');
});
afterAll(async () => {
  await mcp.close();
  await t.close();
});
const { gql } = graphqlClient(() => t);

const svc = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
};
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'x' }] },
};
const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });

interface Route {
  rest: string;
  tool: string;
  /** The GraphQL field with its other required arguments, and a selection. */
  graphql: [field: string, args: string, selection: string];
  /** The route's other arguments (the same on every transport). */
  args: Record<string, unknown>;
}

const routes: Route[] = [
  { rest: '/v1/dns/records', tool: 'dns_records', graphql: ['dnsRecords', '', '{ name }'], args: {} },
  {
    rest: '/v1/dns/query',
    tool: 'dns_query',
    graphql: ['dnsQuery', ', name: "web.default.svc.cluster.local"', '{ rcode }'],
    args: {},
  },
  {
    rest: '/v1/dns/resolve',
    tool: 'dns_resolve',
    graphql: ['dnsResolve', ', name: "web", fromNamespace: "default"', '{ __typename }'],
    args: { fromNamespace: 'default' },
  },
  { rest: '/v1/endpointslices', tool: 'endpoint_slices', graphql: ['endpointSlices', '', '{ __typename }'], args: {} },
  {
    rest: '/v1/scheduling/evaluate',
    tool: 'scheduling_evaluate',
    graphql: ['schedulingEvaluate', '', '{ __typename }'],
    args: {},
  },
  { rest: '/v1/admission/pod', tool: 'pod_admission', graphql: ['podAdmission', '', '{ __typename }'], args: {} },
  { rest: '/v1/cluster/apply', tool: 'cluster_apply', graphql: ['clusterApply', '', '{ __typename }'], args: {} },
  {
    rest: '/v1/pods/environment',
    tool: 'pod_environment',
    graphql: ['podEnvironment', ', pod: "default/p"', '{ __typename }'],
    args: { pod: 'default/p' },
  },
];
// REST and MCP name the DNS question flat as GraphQL does, except dns_query's, which REST takes as `query`.
const restArgs = (r: Route) =>
  r.tool === 'dns_query'
    ? { query: { name: 'web.default.svc.cluster.local', type: 'A' } }
    : r.tool === 'dns_resolve'
      ? { name: 'web', type: 'A', ...r.args }
      : r.args;
const mcpArgs = (r: Route) =>
  r.tool === 'dns_query'
    ? { name: 'web.default.svc.cluster.local' }
    : r.tool === 'dns_resolve'
      ? { name: 'web', ...r.args }
      : r.args;

const bodies: { name: string; objects: unknown; path: string }[] = [
  { name: 'the objects in a list in the list', objects: [[svc, pod]], path: 'objects[0]' },
  { name: 'a list after an object', objects: [svc, [pod]], path: 'objects[1]' },
  { name: "a list among a List's items, after its objects", objects: list([svc, [pod]]), path: 'objects[1]' },
  // Counted after the List's two items, as every problem in the objects is.
  { name: 'a list after a List', objects: [list([svc, pod]), [pod]], path: 'objects[2]' },
];

const NOT_A_LIST = /^must be a Kubernetes object: a map with apiVersion, kind and metadata; got a list/;
const problem = (path: string) => [{ code: 'FIELD_INVALID', path, message: expect.stringMatching(NOT_A_LIST) }];

for (const route of routes)
  describe(route.rest, () => {
    test.each(bodies)('$name: 422 FIELD_INVALID at $path', async ({ objects, path }) => {
      const res = await t.http.post(route.rest).send({ objects, ...restArgs(route) });
      expect(res.status).toBe(422);
      expect(res.body.problems).toEqual(problem(path));
    });

    test.each(bodies)('$name: GraphQL FIELD_INVALID at $path', async ({ objects, path }) => {
      const [field, args, selection] = route.graphql;
      const reply = await gql(`query($o: JSON) { ${field}(objects: $o${args}) ${selection} }`, { o: objects });
      // GraphQL's own code is BAD_USER_INPUT for every 4xx; ours is kubeknowCode (docs/errors.md).
      expect(reply.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', kubeknowCode: 'FIELD_INVALID' });
      expect(reply.errors?.[0].extensions?.problems).toEqual(problem(path));
    });

    test.each(bodies)('$name: MCP tool error FIELD_INVALID at $path', async ({ objects, path }) => {
      const r = (await mcp.callTool({
        name: route.tool,
        arguments: { objects, ...mcpArgs(route) },
      })) as CallToolResult;
      expect(r.isError).toBe(true);
      expect(r._meta?.['kubeknow/error']).toEqual({ code: 'FIELD_INVALID', problems: problem(path) });
    });

    // The same objects as a List, and as the list itself, are read.
    test.each([
      ['a List', list([svc, pod])],
      ['a list of a List', [list([svc, pod])]],
    ])('%s of the same objects is read', async (_, objects) => {
      const res = await t.http.post(route.rest).send({ objects, ...restArgs(route) });
      expect(res.status).toBe(200);
    });
  });

// A Secret is one object, not a list: `objects` itself is where the object is expected.
describe('/v1/secrets/decode', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' } };
  // It holds values: its type error said "required", as if no value had been sent.
  test('a list as the Secret: 422 FIELD_INVALID at objects, on every transport', async () => {
    const want = [{ code: 'FIELD_INVALID', path: 'objects', message: 'must be an object' }];
    const res = await t.http.post('/v1/secrets/decode').send({ objects: [[secret]] });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual(want);
    const reply = await gql('query($o: JSON) { secretDecode(objects: $o) { __typename } }', { o: [[secret]] });
    expect(reply.errors?.[0].extensions?.problems).toEqual(want);
    const r = (await mcp.callTool({ name: 'decode_secret', arguments: { objects: [[secret]] } })) as CallToolResult;
    expect(r._meta?.['kubeknow/error']).toEqual({ code: 'FIELD_INVALID', problems: want });
  });

  test("a list among a List's items: 422 at its place, on every transport", async () => {
    const objects = list([secret, [secret]]);
    const res = await t.http.post('/v1/secrets/decode').send({ objects });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual(problem('objects[1]'));
    const reply = await gql('query($o: JSON) { secretDecode(objects: $o) { __typename } }', { o: objects });
    expect(reply.errors?.[0].extensions?.problems).toEqual(problem('objects[1]'));
    const r = (await mcp.callTool({ name: 'decode_secret', arguments: { objects } })) as CallToolResult;
    expect(r._meta?.['kubeknow/error']).toEqual({ code: 'FIELD_INVALID', problems: problem('objects[1]') });
  });

  test('a List of Secrets is still decoded', async () => {
    const res = await t.http
      .post('/v1/secrets/decode')
      .send({ objects: list([secret, { ...secret, metadata: { name: 't' } }]) });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
  });
});

// Manifest text: a JSON text that is a list holds objects, as `objects` does; a list in it is refused.
describe('manifests text', () => {
  test('a JSON list of objects is read; a list in it is refused at its place', async () => {
    const ok = await t.http.post('/v1/dns/records').send({ manifests: JSON.stringify([svc, pod]) });
    expect(ok.status).toBe(200);
    const res = await t.http.post('/v1/dns/records').send({ manifests: JSON.stringify([svc, [pod]]) });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual(problem('objects[1]'));
  });

  test('/v1/probes/timeline: a list among the objects is refused, not passed over', async () => {
    const probed = {
      ...pod,
      spec: { containers: [{ name: 'c', image: 'x', readinessProbe: { exec: { command: ['x'] } } }] },
    };
    const res = await t.http.post('/v1/probes/timeline').send({ manifests: JSON.stringify([svc, [probed]]) });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      {
        code: 'FIELD_INVALID',
        path: 'manifests',
        message: expect.stringMatching(/^its object at index 1 must be a Kubernetes object/),
      },
    ]);
  });
});
