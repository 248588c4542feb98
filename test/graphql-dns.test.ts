// DNS and EndpointSlices through GraphQL: the queries, and the computed fields on stored examples.
import { startTestApp, type TestApp } from './helpers/app';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function gql(query: string, variables: Record<string, unknown> = {}) {
  // A document that fails validation is answered 400 by Apollo; everything else 200.
  const res = await t.http.post('/graphql').send({ query, variables });
  expect([200, 400]).toContain(res.status);
  return res.body as { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, any> }[] };
}

const notes = `apiVersion: v1
kind: Service
metadata: { name: my-service, namespace: my-namespace }
spec: { clusterIP: 10.96.0.20, ports: [{ name: http, port: 80 }], selector: { app: web } }
---
apiVersion: v1
kind: Service
metadata: { name: subdomain, namespace: my-namespace }
spec: { clusterIP: None, selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-0, namespace: my-namespace, labels: { app: web } }
spec: { hostname: hostname, subdomain: subdomain, containers: [{ name: web, image: nginx }] }
status: { podIP: 172.16.10.112, conditions: [{ type: Ready, status: "True" }] }
`;

test('the headless-service concept’s examples carry the records the notes talk about', async () => {
  const { data, errors } = await gql(
    '{ concept(slug: "headless-service") { examples { key dnsRecords { name type data } } } }',
  );
  expect(errors).toBeUndefined();
  const records = data!.concept.examples.flatMap(
    (e: { dnsRecords: { name: string; type: string; data: string }[] }) => e.dnsRecords,
  );
  expect(records.length).toBeGreaterThan(0);
  // A headless Service answers its Pods' IPs: several A records share the Service's name.
  const byName = new Map<string, number>();
  for (const r of records.filter((r: { type: string; name: string }) => r.type === 'A' && r.name.includes('.svc.')))
    byName.set(r.name, (byName.get(r.name) ?? 0) + 1);
  expect(Math.max(...byName.values())).toBeGreaterThan(1);
});

test('every content example with a Service or a Pod computes its DNS records and EndpointSlices', async () => {
  // Page by page: every computed field costs COMPUTED_FIELD_COST besides its input, so all the examples'
  // computations in one operation are over MAX_REQUEST_COST, as their CPU time is about a second.
  const nodes: {
    slug: string;
    examples: { key: string; manifest: string; dnsRecords: unknown[]; endpointSlices: { endpointSlices: unknown } }[];
  }[] = [];
  for (let after: string | null = null, more = true; more;) {
    const { data, errors } = await gql(
      'query($after: String) { concepts(first: 15, after: $after) { pageInfo { endCursor hasNextPage } nodes { slug examples { key manifest dnsRecords { type } endpointSlices { endpointSlices } } } } }',
      { after },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data!.concepts.nodes);
    ({ endCursor: after, hasNextPage: more } = data!.concepts.pageInfo);
  }
  let checked = 0;
  for (const c of nodes) {
    for (const e of c.examples) {
      if (!/^kind: (Service|Pod)\s*$/m.test(e.manifest)) continue;
      checked++;
      expect({ example: `${c.slug}/${e.key}`, records: e.dnsRecords.length > 0 }).toEqual({
        example: `${c.slug}/${e.key}`,
        records: true,
      });
      expect(Array.isArray(e.endpointSlices.endpointSlices)).toBe(true);
    }
  }
  expect(checked).toBeGreaterThan(10);
});

test('dnsQuery answers the notes’ names from manifest text', async () => {
  // The type is the DnsQueryType enum that REST and MCP take too, no longer a free String (issue #11).
  const q = `query($m: String!, $n: String!, $t: DnsQueryType!) { dnsQuery(manifests: $m, name: $n, type: $t) { rcode answer { name type ttl data } explanation { summary } } }`;
  const cases: [string, string, string[]][] = [
    ['my-service.my-namespace.svc.cluster.local', 'A', ['10.96.0.20']],
    ['172-16-10-112.my-namespace.pod.cluster.local', 'A', ['172.16.10.112']],
    ['hostname.subdomain.my-namespace.svc.cluster.local', 'A', ['172.16.10.112']],
    ['subdomain.my-namespace.svc.cluster.local', 'A', ['172.16.10.112']],
  ];
  for (const [name, type, want] of cases) {
    const { data, errors } = await gql(q, { m: notes, n: name, t: type });
    expect(errors).toBeUndefined();
    expect(data!.dnsQuery.rcode).toBe('NOERROR');
    expect(data!.dnsQuery.answer.map((a: { data: string }) => a.data)).toEqual(want);
    expect(data!.dnsQuery.answer[0].name).toBe(`${name}.`);
    expect(data!.dnsQuery.explanation.summary.length).toBeGreaterThan(0);
  }
  // lang: KO words the explanation in Korean; without it, English.
  const ko = `query($m: String!, $n: String!) { dnsQuery(manifests: $m, name: $n, type: A, lang: KO) { rcode explanation { summary steps } answer { rule } } }`;
  const korean = await gql(ko, { m: notes, n: 'my-service.my-namespace.svc.cluster.local' });
  expect(korean.errors).toBeUndefined();
  expect(korean.data!.dnsQuery.explanation.summary).toMatch(/clusterIP가 있는 Service/);
  expect(korean.data!.dnsQuery.answer[0].rule).toMatch(/레코드/);
  const byPodName = await gql(q, { m: notes, n: 'web-0.my-namespace.svc.cluster.local', t: 'A' });
  expect(byPodName.data!.dnsQuery.rcode).toBe('NXDOMAIN');
});

test('dnsRecords from JSON objects, dnsResolve through the search path, endpointSlices', async () => {
  const objects = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'data' },
      spec: { clusterIP: '10.96.5.5', ports: [{ name: 'pg', port: 5432 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client', namespace: 'app' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { podIP: '10.1.0.9' },
    },
  ];
  const records = await gql('query($o: JSON!) { dnsRecords(objects: $o) { name type data source { kind name } } }', {
    o: objects,
  });
  expect(records.errors).toBeUndefined();
  expect(records.data!.dnsRecords).toContainEqual({
    name: 'db.data.svc.cluster.local.',
    type: 'A',
    data: '10.96.5.5',
    source: { kind: 'Service', name: 'db' },
  });

  const resolved = await gql(
    'query($o: JSON!) { dnsResolve(objects: $o, name: "db.data", fromPod: "app/client") { tried { name rcode } answer { answer { data } } resolvConf { search } } }',
    { o: objects },
  );
  expect(resolved.errors).toBeUndefined();
  expect(resolved.data!.dnsResolve.resolvConf.search[0]).toBe('app.svc.cluster.local');
  expect(resolved.data!.dnsResolve.tried.map((x: { name: string }) => x.name)).toEqual([
    'db.data.app.svc.cluster.local.',
    'db.data.svc.cluster.local.',
  ]);
  expect(resolved.data!.dnsResolve.answer.answer[0].data).toBe('10.96.5.5');

  const slices = await gql('query($m: String!) { endpointSlices(manifests: $m) { endpointSlices endpoints } }', {
    m: notes,
  });
  expect(slices.errors).toBeUndefined();
  const web = slices.data!.endpointSlices.endpointSlices.filter(
    (s: any) => s.metadata.labels['kubernetes.io/service-name'] === 'subdomain',
  );
  expect(web[0].endpoints[0]).toMatchObject({
    addresses: ['172.16.10.112'],
    hostname: 'hostname',
    conditions: { ready: true },
  });
});

test('invalid manifests are BAD_USER_INPUT with every field path; a bad podMode is refused', async () => {
  const bad = `apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 70000 }, { port: 0 }] }`;
  const { errors } = await gql('query($m: String!) { dnsRecords(manifests: $m) { name } }', { m: bad });
  expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
  const paths = errors![0].extensions.problems.map((p: { path: string }) => p.path);
  expect(paths).toEqual(expect.arrayContaining(['objects[0].spec.ports[0].port', 'objects[0].spec.ports[1].port']));

  const none = await gql('{ dnsRecords { name } }');
  expect(none.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  expect(none.errors![0].message).toMatch(/objects/);

  const mode = await gql('query($m: String!) { dnsRecords(manifests: $m, podMode: SECURE) { name } }', { m: notes });
  expect(mode.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('dnsQuery and dnsRecords say their manifests are settled first, as the MCP tools and OpenAPI do', async () => {
  const { data } = await gql('{ __type(name: "Query") { fields { name args { name description } } } }');
  const args = (field: string) =>
    data!.__type.fields
      .find((f: { name: string }) => f.name === field)
      .args.filter((a: { name: string }) => a.name === 'objects' || a.name === 'manifests');
  const documented = [
    ...args('dnsQuery'),
    ...args('dnsRecords'),
    ...(await mcpDescriptions(['dns_query', 'dns_records'])),
    ...(await openApiDescriptions(['/v1/dns/query', '/v1/dns/records'])),
  ];
  expect(documented.length).toBe(12);
  for (const { description } of documented) {
    // They said "what is not in them does not exist", as if a StatefulSet gave no Pods and no Pod names.
    expect(description).toContain('settled first as by clusterApply');
    expect(description).toContain('a Deployment or StatefulSet becomes its Pods');
    expect(description).not.toContain('what is not in them does not exist');
  }
});

async function mcpDescriptions(tools: string[]): Promise<{ description: string }[]> {
  const client = await mcpClient(t, 'kubeknow-test');
  try {
    const listed = (await client.listTools()).tools.filter((tool) => tools.includes(tool.name));
    return listed.flatMap((tool) => {
      const props = tool.inputSchema.properties as Record<string, { description: string }>;
      return [props.objects, props.manifests];
    });
  } finally {
    await client.close();
  }
}

async function openApiDescriptions(paths: string[]): Promise<{ description: string }[]> {
  const spec = (await t.http.get('/openapi.json')).body;
  return paths.flatMap((p) => {
    const props = spec.paths[p].post.requestBody.content['application/json'].schema.properties;
    return [props.objects, props.manifests];
  });
}
