// The same input read the same way whatever carried it, through the real app over HTTP (hostile review):
// a REST argument in both the query string and the body is refused, not one of them dropped; decode_secret
// and probe_timeline give their one "not both" problem whatever the values beside it, null included; and
// enum-like values are read in any ASCII case on every transport (REST's query string, MCP's arguments and
// resource URIs), by one rule (src/capabilities/any-case.ts).
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Problem = { code: string; path: string; message: string };
const problemsOf = (body: { problems?: Problem[] }) =>
  (body.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));
const mcp = (method: string, params: Record<string, unknown>) =>
  t.http
    .post('/mcp')
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method, params });
const tool = (name: string, args: Record<string, unknown>) => mcp('tools/call', { name, arguments: args });
const toolProblems = (res: { body: { result?: { _meta?: Record<string, { problems?: Problem[] }> } } }) =>
  problemsOf(res.body.result?._meta?.['kubeknow/error'] ?? {});
// JSON values without the prototype keys every JSON body refuses before its input is read.
const jsonValue = fc.oneof(
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }).filter((v) => !/"(__proto__|constructor)"/.test(JSON.stringify(v))),
);

const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {clusterIP: 10.0.0.10, ports: [{port: 80}]}';

describe('REST: an argument in both the query string and the body', () => {
  const twice = (path: string) => ({
    code: 'BAD_USER_INPUT',
    path,
    message: 'given twice: in the query string and in the body; give it once',
  });
  // Each route, its query string, and a body that repeats some of it.
  const CASES: { route: string; query: Record<string, string>; body: Record<string, unknown>; paths: string[] }[] = [
    {
      route: '/v1/dns/query',
      query: { name: 'a.b.svc.cluster.local', type: 'A' },
      body: { objects: [], name: 'zzz.q.svc.cluster.local', type: 'AAAA' },
      paths: ['name', 'type'],
    },
    {
      route: '/v1/dns/records',
      query: { clusterDomain: 'cluster.local' },
      body: { manifests: SERVICE, clusterDomain: 'example.org' },
      paths: ['clusterDomain'],
    },
    {
      route: '/v1/dns/resolve',
      query: { name: 'web', fromNamespace: 'shop' },
      body: { manifests: SERVICE, name: 'db', fromNamespace: 'other' },
      paths: ['name', 'fromNamespace'],
    },
    {
      route: '/v1/probes/timeline',
      query: { containerName: 'web' },
      body: { container: { name: 'web', image: 'web:1' }, containerName: 'other' },
      paths: ['containerName'],
    },
  ];

  test.each(CASES)(
    '$route: refused at each name given twice, nothing answered',
    async ({ route, query, body, paths }) => {
      const res = await t.http.post(route).query(query).send(body);
      expect(res.status).toBe(400);
      expect(problemsOf(res.body)).toEqual(paths.map(twice));
    },
  );

  test('the same request with each value given once is answered', async () => {
    const res = await t.http
      .post('/v1/dns/query')
      .query({ name: 'web.shop.svc.cluster.local', type: 'A' })
      .send({ manifests: SERVICE });
    expect(res.status).toBe(200);
    expect(res.body.question).toEqual(expect.objectContaining({ type: 'A' }));
  });

  test('property: any option in the query string and any JSON value of it in the body is that one problem', async () => {
    const OPTIONS: [string, string][] = [
      ['/v1/dns/query', 'name'],
      ['/v1/dns/query', 'type'],
      ['/v1/dns/records', 'clusterDomain'],
      ['/v1/dns/records', 'ttl'],
      ['/v1/dns/resolve', 'fromNamespace'],
      ['/v1/endpointslices', 'maxEndpointsPerSlice'],
      ['/v1/probes/timeline', 'containerName'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPTIONS),
        fc.string({ minLength: 1, maxLength: 12 }),
        jsonValue,
        async ([route, name], inQuery, inBody) => {
          const res = await t.http
            .post(route)
            .query({ [name]: inQuery })
            .send({ manifests: SERVICE, [name]: inBody });
          expect(res.status).toBe(400);
          expect(problemsOf(res.body)).toEqual([twice(name)]);
        },
      ),
      { numRuns: 60 },
    );
  });
  test('a body large enough to be read in a worker thread is refused the same', async () => {
    const threads = await startTestApp({ seed: false, budgets: { ...DEFAULT_LIMITS, computeThreads: 1 } });
    try {
      // Over BODY_IN_WORKER_BYTES (8 KiB): the event loop leaves the body as bytes for the thread.
      const body = { manifests: `${SERVICE}\n# ${'x'.repeat(9000)}`, clusterDomain: 'example.org' };
      const res = await threads.http.post('/v1/dns/records').query({ clusterDomain: 'cluster.local' }).send(body);
      expect(res.status).toBe(400);
      expect(problemsOf(res.body)).toEqual([twice('clusterDomain')]);
    } finally {
      await threads.close();
    }
  });
});

describe('decode_secret: objects and manifests both sent', () => {
  const NOT_BOTH = {
    code: 'FIELD_INVALID',
    path: 'manifests',
    message: 'give the objects or the manifests text, not both',
  };
  const SECRET = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'YWRtaW4=' } };

  test.each([
    ['a list beside text', { objects: [], manifests: 'x' }],
    ['a Secret beside null', { objects: SECRET, manifests: null }],
    ['null beside text', { objects: null, manifests: 'kind: Secret' }],
  ])('%s: only "not both", on REST and MCP', async (_, input) => {
    const rest = await t.http.post('/v1/secrets/decode').send(input);
    expect(rest.status).toBe(422);
    expect(problemsOf(rest.body)).toEqual([NOT_BOTH]);
    expect(toolProblems(await tool('decode_secret', input))).toEqual([NOT_BOTH]);
  });

  test('neither is still required at objects', async () => {
    const res = await t.http.post('/v1/secrets/decode').send({});
    expect(problemsOf(res.body)).toEqual([expect.objectContaining({ code: 'FIELD_REQUIRED', path: 'objects' })]);
  });

  test('property: any two JSON values, null included, are that one problem on REST and MCP', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValue, jsonValue, async (objects, manifests) => {
        const rest = await t.http.post('/v1/secrets/decode').send({ objects, manifests });
        expect(problemsOf(rest.body)).toEqual([NOT_BOTH]);
        expect(toolProblems(await tool('decode_secret', { objects, manifests }))).toEqual([NOT_BOTH]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('probe_timeline: more than one source of the Pod', () => {
  const ONE_OF = {
    code: 'FIELD_INVALID',
    path: 'manifests',
    message: 'give manifests, a pod or a container, one of them',
  };
  const NOT_BOTH = { code: 'FIELD_INVALID', path: 'container', message: 'give a pod or a container, not both' };

  test.each([
    ['pod null beside manifests', { pod: null, manifests: 'kind: Pod' }, ONE_OF],
    ['container 5 beside manifests null', { container: 5, manifests: null }, ONE_OF],
    ['pod null beside a container', { pod: null, container: { name: 'web', image: 'web:1' } }, NOT_BOTH],
  ])('%s: the one problem, on REST and MCP', async (_, input, want) => {
    const rest = await t.http.post('/v1/probes/timeline').send(input);
    expect(rest.status).toBe(422);
    expect(problemsOf(rest.body)).toEqual([want]);
    expect(toolProblems(await tool('probe_timeline', input))).toEqual([want]);
  });

  test('property: manifests beside a pod or a container, whatever their values, is that one problem', async () => {
    const sources = fc.constantFrom<string[]>(['pod'], ['container'], ['pod', 'container']);
    await fc.assert(
      fc.asyncProperty(jsonValue, sources, fc.array(jsonValue, { minLength: 2, maxLength: 2 }), async (m, keys, vs) => {
        const input = { manifests: m, ...Object.fromEntries(keys.map((k, i) => [k, vs[i]])) };
        expect(problemsOf((await t.http.post('/v1/probes/timeline').send(input)).body)).toEqual([ONE_OF]);
        expect(toolProblems(await tool('probe_timeline', input))).toEqual([ONE_OF]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('enum-like values in any ASCII case, on every transport', () => {
  const KELVIN = '\u212A';
  const structured = async (name: string, args: Record<string, unknown>) => {
    const res = await tool(name, args);
    return { error: res.body.result?.isError === true, out: res.body.result?.structuredContent };
  };
  // A value in random ASCII case.
  const anyCase = (value: string) =>
    fc.tuple(...[...value].map((c) => fc.constantFrom(c.toLowerCase(), c.toUpperCase()))).map((cs) => cs.join(''));

  test('MCP: related_concepts direction INCOMING and type is_a, get_context unit TOKENS, as REST reads them', async () => {
    const incoming = await structured('related_concepts', { slug: 'pod', direction: 'INCOMING' });
    expect(incoming).toEqual(await structured('related_concepts', { slug: 'pod', direction: 'incoming' }));
    expect(incoming.error).toBe(false);
    const isA = await structured('related_concepts', { slug: 'pod', type: 'is_a' });
    expect(isA).toEqual(await structured('related_concepts', { slug: 'pod', type: 'IS_A' }));
    expect(isA.error).toBe(false);
    const tokens = await structured('get_context', { q: 'pod', unit: 'TOKENS' });
    expect(tokens.error).toBe(false);
    expect((tokens.out as { budget: { unit: string } }).budget.unit).toBe('tokens');
    const rest = await t.http.get('/v1/concepts/pod/relations?direction=INCOMING&type=is_a').expect(200);
    expect(rest.body).toEqual((await t.http.get('/v1/concepts/pod/relations?direction=incoming&type=IS_A')).body);
  });

  test('REST: format=TEXT is the text format; the Kelvin sign is not k', async () => {
    const upper = await t.http.get('/v1/concepts/pod?format=TEXT').expect(200);
    const lower = await t.http.get('/v1/concepts/pod?format=text').expect(200);
    expect(upper.headers['content-type']).toBe(lower.headers['content-type']);
    expect(upper.text).toBe(lower.text);
    await t.http.get('/v1/concepts/pod?format=te%E2%84%AAt').expect(400);
  });

  test('MCP resources/read: ?lang=KO is Korean, as lang "KO" is in a tool', async () => {
    const read = async (uri: string) => (await mcp('resources/read', { uri })).body;
    const upper = await read('kubeknow://concepts/pod?lang=KO');
    expect(upper.error).toBeUndefined();
    expect(upper.result.contents[0].text).toBe((await read('kubeknow://concepts/pod?lang=ko')).result.contents[0].text);
    expect((await read(`kubeknow://concepts/pod?lang=${encodeURIComponent(`${KELVIN}o`)}`)).error).toBeDefined();
  });

  test('a computation’s Kubernetes field keeps its exact spelling on REST and MCP alike', async () => {
    const args = { manifests: SERVICE, podMode: 'Insecure' };
    const rest = await t.http.post('/v1/dns/records').send(args);
    expect(problemsOf(rest.body)).toEqual([expect.objectContaining({ path: 'podMode' })]);
    expect(toolProblems(await tool('dns_records', args))).toEqual(problemsOf(rest.body));
  });

  test('a DNS query type is raised in ASCII only: the long s is not S', async () => {
    const ask = (type: string) =>
      t.http.post('/v1/dns/query').send({ manifests: SERVICE, query: { name: 'web.shop.svc.cluster.local', type } });
    await ask('srv').expect(200);
    const longS = await ask('\u017Frv');
    expect(problemsOf(longS.body)).toEqual([expect.objectContaining({ path: 'query.type' })]);
  });

  test('property: a lookup’s enum in any ASCII case reads as its value on MCP as on REST; the Kelvin sign is refused', async () => {
    const VALUES: [string, string, string[]][] = [
      ['related_concepts', 'direction', ['outgoing', 'incoming', 'both']],
      ['related_concepts', 'type', ['IS_A', 'CREATES', 'REQUIRES']],
      ['get_context', 'unit', ['chars', 'tokens']],
    ];
    const base: Record<string, Record<string, unknown>> = {
      related_concepts: { slug: 'pod' },
      get_context: { q: 'pod' },
    };
    const given = fc
      .constantFrom(...VALUES)
      .chain(([name, field, values]) =>
        fc.constantFrom(...values).chain((value) => anyCase(value).map((spelt) => ({ name, field, value, spelt }))),
      );
    await fc.assert(
      fc.asyncProperty(given, fc.boolean(), async ({ name, field, value, spelt }, kelvin) => {
        const withK = kelvin && /k/i.test(spelt) ? spelt.replace(/k/i, KELVIN) : spelt;
        const got = await structured(name, { ...base[name], [field]: withK });
        if (withK !== spelt) expect(got.error).toBe(true);
        else expect(got).toEqual(await structured(name, { ...base[name], [field]: value }));
      }),
      { numRuns: 60 },
    );
  });
});
