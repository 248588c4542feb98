// `objects` and `manifests` sent together, through the real app over HTTP (REST and GraphQL) on every
// route whose input is built with manifestInput: only "give the objects or the manifests text, not both"
// at `manifests`, nothing read from either (a text's problems were reported at the objects' paths), and
// no problem of the input as a whole from a cluster that was not read (scheduling's "pod: Required value"),
// nor of either field's own type (`objects: null` beside the text), on REST and MCP alike.
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
};
const NOT_BOTH = {
  code: 'FIELD_INVALID',
  path: 'manifests',
  message: 'give the objects or the manifests text, not both',
};

// Each route with options valid for it, so that the one problem left is the two clusters.
const ROUTES: { path: string; field: string; args: string; options: Record<string, unknown> }[] = [
  { path: '/v1/scheduling/evaluate', field: 'schedulingEvaluate', args: '', options: {} },
  { path: '/v1/admission/pod', field: 'podAdmission', args: '', options: {} },
  { path: '/v1/dns/records', field: 'dnsRecords', args: '', options: {} },
  {
    path: '/v1/dns/query',
    field: 'dnsQuery',
    args: ', name: "web.shop.svc.cluster.local", type: A',
    options: { query: { name: 'web.shop.svc.cluster.local', type: 'A' } },
  },
  {
    path: '/v1/dns/resolve',
    field: 'dnsResolve',
    args: ', name: "web", type: A, fromNamespace: "shop"',
    options: { name: 'web', type: 'A', fromNamespace: 'shop' },
  },
  { path: '/v1/endpointslices', field: 'endpointSlices', args: '', options: {} },
];

const problemsOf = (body: { problems?: { code: string; path: string; message: string }[] }) =>
  (body.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));

describe.each(ROUTES)('$path: objects and manifests together', ({ path, field, args, options }) => {
  test('REST: only the one problem, though objects[0] is valid and the text is not', async () => {
    const res = await t.http
      .post(path)
      .send({ objects: [NODE], manifests: 'kind: Pod', ...options })
      .set('content-type', 'application/json');
    expect(res.status).toBe(422);
    expect(problemsOf(res.body)).toEqual([NOT_BOTH]);
  });

  test('GraphQL: the same problem', async () => {
    const query = `query($o: JSON, $m: String) { ${field}(objects: $o, manifests: $m${args}) { __typename } }`;
    const res = await t.http.post('/graphql').send({ query, variables: { o: [NODE], m: 'kind: Pod' } });
    const problems = res.body.errors?.[0]?.extensions?.problems as { code: string; path: string; message: string }[];
    expect(problems.map(({ code, path: p, message }) => ({ code, path: p, message }))).toEqual([NOT_BOTH]);
  });
});

test('property: whatever the objects and the text, both sent is that one problem alone', async () => {
  const object = fc.oneof(
    fc.constant(NODE),
    fc.constant({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  );
  const text = fc.oneof(
    fc.constant('kind: Pod'),
    fc.constant('apiVersion: v1\nkind: Node\nmetadata: {name: n2}'),
    fc.constant('{ not: yaml: ['),
    fc.string({ maxLength: 60 }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.array(object, { maxLength: 3 }), object),
      text,
      fc.constantFrom(...ROUTES),
      async (objects, manifests, route) => {
        const res = await t.http
          .post(route.path)
          .send({ objects, manifests, ...route.options })
          .set('content-type', 'application/json');
        expect(res.status).toBe(422);
        expect(problemsOf(res.body)).toEqual([NOT_BOTH]);
      },
    ),
    { numRuns: 60 },
  );
});

test('one of the two still reads as before', async () => {
  const objects = await t.http
    .post('/v1/dns/records')
    .send({ objects: [NODE] })
    .set('content-type', 'application/json');
  expect(objects.status).toBe(200);
  const text = await t.http
    .post('/v1/dns/records')
    .send({ manifests: 'kind: Pod' })
    .set('content-type', 'application/json');
  expect(text.status).toBe(422);
  expect(problemsOf(text.body).map((p) => p.path)).toContain('objects[0].apiVersion');
});

// `null` is a value sent on REST and MCP, as for every optional field (`clusterDomain: null` is "must be a
// string"): `objects: null` beside the text is both sent, and was told "objects: must be a list of
// Kubernetes objects" too. GraphQL reads a null argument as one left out, as it reads every argument.
const mcpCall = (name: string, args: Record<string, unknown>) =>
  t.http
    .post('/mcp')
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
const mcpProblems = (res: { body: { result?: { _meta?: Record<string, { problems?: [] }> } } }) =>
  problemsOf(res.body.result?._meta?.['kubeknow/error'] ?? {});

const APPLY_BOTH = {
  code: 'FIELD_INVALID',
  path: 'manifests',
  message: 'give the objects or the manifests text, exactly one of the two',
};
// REST routes and MCP tools whose input is manifestInput's, and the dry-run's (eachObjectInput's).
const BOTH_ROUTES = [
  { path: '/v1/dns/records', tool: 'dns_records', options: {}, want: NOT_BOTH },
  { path: '/v1/scheduling/evaluate', tool: 'scheduling_evaluate', options: {}, want: NOT_BOTH },
  { path: '/v1/cluster/apply', tool: 'cluster_apply', options: {}, want: APPLY_BOTH },
];

describe.each(BOTH_ROUTES)('$path: objects null beside manifests', ({ path, tool, options, want }) => {
  test('REST: the one problem of both sent', async () => {
    const res = await t.http.post(path).send({ objects: null, manifests: 'kind: Pod', ...options });
    expect(res.status).toBe(422);
    expect(problemsOf(res.body)).toEqual([want]);
  });

  test('MCP: the same one problem', async () => {
    const res = await mcpCall(tool, { objects: null, manifests: 'kind: Pod', ...options });
    expect(res.body.result.isError).toBe(true);
    expect(mcpProblems(res)).toEqual([want]);
  });

  test('REST: manifests null beside objects is that problem too; null alone is a value of the wrong type', async () => {
    const both = await t.http.post(path).send({ objects: [NODE], manifests: null, ...options });
    expect(problemsOf(both.body)).toEqual([want]);
    const alone = await t.http.post(path).send({ objects: null, ...options });
    expect(problemsOf(alone.body)).toEqual([
      {
        code: 'FIELD_INVALID',
        path: 'objects',
        message: 'must be a list of Kubernetes objects, one object, or a kind: List',
      },
    ]);
  });
});

test('GraphQL: a null objects argument is left out, so the manifests alone are read', async () => {
  const query = 'query($o: JSON, $m: String) { dnsRecords(objects: $o, manifests: $m) { name } }';
  const manifests =
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}';
  const withNull = await t.http.post('/graphql').send({ query, variables: { o: null, m: manifests } });
  const alone = await t.http.post('/graphql').send({ query, variables: { m: manifests } });
  expect(withNull.body.errors).toBeUndefined();
  expect(withNull.body).toEqual(alone.body);
});

test('property: any two JSON values sent as objects and manifests, null included, are that one problem on REST and MCP', async () => {
  // fast-check makes a "__proto__" key now and then, which every JSON body refuses before its input is
  // read (json-body.ts, tested in hostile-bodies.test.ts).
  const value = fc.oneof(
    fc.constant(null),
    fc.jsonValue({ maxDepth: 2 }).filter((v) => !/"(__proto__|constructor)"/.test(JSON.stringify(v))),
  );
  await fc.assert(
    fc.asyncProperty(value, value, fc.constantFrom(...BOTH_ROUTES), async (objects, manifests, route) => {
      const rest = await t.http.post(route.path).send({ objects, manifests, ...route.options });
      expect(rest.status).toBe(422);
      expect(problemsOf(rest.body)).toEqual([route.want]);
      expect(mcpProblems(await mcpCall(route.tool, { objects, manifests, ...route.options }))).toEqual([route.want]);
    }),
    { numRuns: 60 },
  );
});
