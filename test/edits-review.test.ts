// What a hostile review of editing found wrong (issue 9's data-safety pass), each case named after
// what was wrong, through the real app on a real database (PGlite, or TEST_DATABASE_URL's PostgreSQL).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { startTestApp, type TestApp } from './helpers/app';
import { codeOf, graphqlClient, pathsOf } from './helpers/graphql';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
let write: Record<string, string>;
const logged: { level: number; msg: string }[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  // A low cost limit, so that an ordinary query is over it.
  t = await startTestApp({ logger: pino({ level: 'trace' }, sink), budgets: { ...DEFAULT_LIMITS, maxCost: 200 } });
  write = { authorization: await t.bearer('write') };
});
afterAll(() => t?.close());
const { gql, data } = graphqlClient(() => t);

const UPDATE = 'mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }';
const CREATE = 'mutation ($input: CreateConceptInput!) { createConcept(input: $input) { concept { slug } } }';
const REVERT = 'mutation ($input: RevertConceptInput!) { revertConcept(input: $input) { concept { version } } }';
const HISTORY = 'query ($slug: String!) { revisions(slug: $slug) { totalCount } }';

/** What is stored of a concept, to show that a refused edit changed nothing. */
const stored = (slug: string) =>
  t.db.prisma.concept.findUniqueOrThrow({ where: { slug }, include: { texts: true, facts: true, outgoing: true } });
const versionOf = async (slug: string) => (await stored(slug)).version;

describe('a text PostgreSQL cannot store is refused at its field, not an internal error', () => {
  const cases = [
    { name: 'U+0000 in a body', texts: [{ locale: 'EN', body: 'before\u0000after' }], path: 'texts[0].body' },
    {
      name: 'U+0000 in an alias',
      texts: [{ locale: 'KO', aliases: ['파드', 'p\u0000d'] }],
      path: 'texts[0].aliases[1]',
    },
    { name: 'a lone surrogate in a title', texts: [{ locale: 'EN', title: 'Pod \ud800' }], path: 'texts[0].title' },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const before = await stored('pod');
      const reply = await gql(
        UPDATE,
        { input: { slug: 'pod', expectedVersion: before.version, texts: c.texts } },
        write,
      );
      expect({ code: codeOf(reply), paths: pathsOf(reply) }).toEqual({ code: 'BAD_USER_INPUT', paths: [c.path] });
      expect(await stored('pod')).toEqual(before);
    });

  test('U+0000 in a lookup’s parameter (the revisions of a slug), on REST', async () => {
    const res = await t.http.get('/v1/concepts/pod%00x/revisions');
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      { code: 'BAD_USER_INPUT', path: 'slug', message: expect.stringContaining('U+0000 (NUL)') },
    ]);
  });
});

describe('an alias that already names another concept is refused, naming it', () => {
  test('another concept’s slug, alias or title, added by updateConcept or createConcept', async () => {
    const before = await stored('pod');
    const aliases = ['po', 'service', 'svc', 'StatefulSet'];
    const reply = await gql(
      UPDATE,
      { input: { slug: 'pod', expectedVersion: before.version, texts: [{ locale: 'EN', aliases }] } },
      write,
    );
    expect(codeOf(reply)).toBe('CONFLICT');
    const problems = reply.errors?.[0]?.extensions?.problems as { path: string; message: string }[];
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['texts[0].aliases[1]', '"service" already names concept "service" (its slug); a name must find one concept'],
      ['texts[0].aliases[2]', '"svc" already names concept "service" (its alias); a name must find one concept'],
      ['texts[0].aliases[3]', expect.stringContaining('already names concept "statefulset"')],
    ]);
    expect(await stored('pod')).toEqual(before);
    const created = await gql(
      CREATE,
      {
        input: {
          slug: 'pod-twin',
          kind: 'RESOURCE',
          category: 'workloads',
          texts: [{ locale: 'EN', title: 'Pod twin', summary: 'Not a pod.', aliases: ['svc'] }],
        },
      },
      write,
    );
    expect({ code: codeOf(created), paths: pathsOf(created) }).toEqual({
      code: 'CONFLICT',
      paths: ['texts[0].aliases[0]'],
    });
    expect(await t.db.prisma.concept.findUnique({ where: { slug: 'pod-twin' } })).toBeNull();
  });

  test('an alias the concept has already, shared or not, can be sent again', async () => {
    // content/ gives "PVC" to both persistent-volume-claim and persistent-volume.
    const version = await versionOf('persistent-volume');
    const pv = (await stored('persistent-volume')).texts.find((x) => x.locale === 'en')!;
    const reply = await gql(
      UPDATE,
      {
        input: {
          slug: 'persistent-volume',
          expectedVersion: version,
          texts: [{ locale: 'EN', aliases: [...pv.aliases, 'pv-new-name'] }],
        },
      },
      write,
    );
    expect(reply.errors).toBeUndefined();
  });
});

describe('a title that already names another concept is refused, naming it', () => {
  const create = (title: string, aliases: string[] = []) =>
    gql(
      CREATE,
      {
        input: {
          slug: 'title-taker',
          kind: 'RESOURCE',
          category: 'workloads',
          texts: [{ locale: 'EN', title, summary: 'Takes a name.', aliases }],
        },
      },
      write,
    );
  for (const title of ['po', 'Pods ', 'Service', 'Thing (svc)'])
    test(`createConcept with the title "${title}"`, async () => {
      const reply = await create(title);
      expect({ code: codeOf(reply), paths: pathsOf(reply) }).toEqual({ code: 'CONFLICT', paths: ['texts[0].title'] });
      expect(await t.db.prisma.concept.findUnique({ where: { slug: 'title-taker' } })).toBeNull();
    });

  test('updateConcept giving ingress the title "Service"; its own title may be sent again', async () => {
    const before = await stored('ingress');
    const taken = await gql(
      UPDATE,
      { input: { slug: 'ingress', expectedVersion: before.version, texts: [{ locale: 'EN', title: 'Service' }] } },
      write,
    );
    expect({ code: codeOf(taken), paths: pathsOf(taken) }).toEqual({ code: 'CONFLICT', paths: ['texts[0].title'] });
    expect(taken.errors?.[0]?.message).toContain('already names concept "service"');
    expect(await stored('ingress')).toEqual(before);
    const own = before.texts.find((x) => x.locale === 'en')!.title;
    const again = await gql(
      UPDATE,
      { input: { slug: 'ingress', expectedVersion: before.version, texts: [{ locale: 'EN', title: own }] } },
      write,
    );
    expect(again.errors).toBeUndefined();
  });

  test('aliases differing only in case or spaces are one alias: the repeat is refused at its index', async () => {
    const reply = await create('Title taker', ['Foo Bar', 'foo-bar']);
    expect({ code: codeOf(reply), paths: pathsOf(reply) }).toEqual({
      code: 'BAD_USER_INPUT',
      paths: ['texts[0].aliases[1]'],
    });
  });

  test('a locale given twice is named at the repeat’s locale', async () => {
    const text = { locale: 'EN', title: 'Title taker', summary: 'Takes a name.' };
    const reply = await gql(
      CREATE,
      { input: { slug: 'title-taker', kind: 'RESOURCE', category: 'workloads', texts: [text, text] } },
      write,
    );
    expect({ code: codeOf(reply), paths: pathsOf(reply) }).toEqual({
      code: 'BAD_USER_INPUT',
      paths: ['texts[1].locale'],
    });
  });
});

test('revertConcept to the version the concept is at is refused and writes no empty version', async () => {
  const version = await versionOf('configmap');
  const history = (await data(HISTORY, { slug: 'configmap' })).revisions.totalCount;
  const reply = await gql(
    REVERT,
    { input: { slug: 'configmap', toVersion: version, expectedVersion: version } },
    write,
  );
  expect({ code: codeOf(reply), paths: pathsOf(reply) }).toEqual({ code: 'BAD_USER_INPUT', paths: ['toVersion'] });
  expect(reply.errors?.[0]?.message).toBe(
    `toVersion: concept "configmap" is already as it was at version ${version}: there is nothing to revert`,
  );
  expect(await versionOf('configmap')).toBe(version);
  expect((await data(HISTORY, { slug: 'configmap' })).revisions.totalCount).toBe(history);
});

// Each transport answers in its own envelope (issue 10): GraphQL an `errors` list, MCP a JSON-RPC error,
// REST problem+json; a YAML manifest's key is refused at its path as a JSON body's is.
describe('a "__proto__" key says which key and why, in the envelope of its transport', () => {
  type Body = Record<string, any>;
  const graphql = (b: Body) => ({ code: b.errors[0].extensions.code, problems: b.errors[0].extensions.problems });
  const cases = [
    {
      name: 'in GraphQL variables: a GraphQL response',
      url: '/graphql',
      body: `{"query":${JSON.stringify(UPDATE)},"variables":{"input":{"slug":"pod","__proto__":{"expectedVersion":1}}}}`,
      status: 400,
      path: 'variables.input.__proto__',
      read: graphql,
    },
    {
      // The scan of the text finds it (json-scan.ts), behind values that are not walked.
      name: 'in GraphQL variables, spelled with escapes after 10 000 other values: a GraphQL response',
      url: '/graphql',
      body: `{"query":"{__typename}","variables":{"v":[${'[],'.repeat(10_000)}{"a":{"\\u005f_pr\\u006fto__":1}}]}}`,
      status: 400,
      path: 'variables.v[10000].a.__proto__',
      read: graphql,
    },
    {
      name: 'in an MCP message: a JSON-RPC error (invalid request)',
      url: '/mcp',
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"dns_records","arguments":{"__proto__":{}}}}',
      status: 400,
      path: 'params.arguments.__proto__',
      read: (b: Body) => ({ code: b.error.data.code, problems: b.error.data.problems, rpc: b.error.code, id: b.id }),
      more: { rpc: -32600, id: null },
    },
    {
      name: 'in a REST body: problem+json',
      url: '/v1/dns/records',
      body: '{"objects":[{"kind":"Service","constructor":{"prototype":{}}}]}',
      status: 400,
      path: 'objects[0].constructor.prototype',
      read: (b: Body) => ({ code: b.code, problems: b.problems }),
    },
    {
      name: 'in a YAML manifest, spelled with an escape: refused as in JSON, not kept silently',
      url: '/v1/cluster/apply',
      type: 'application/yaml',
      body: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  "\\x5f_proto__": {x: 1}\nspec: {containers: [{name: a, image: b}]}\n',
      status: 400,
      path: 'objects[0].metadata.__proto__',
      read: (b: Body) => ({ code: b.code, problems: b.problems }),
    },
    {
      name: 'in YAML manifests given to GraphQL: a field error',
      url: '/graphql',
      body: JSON.stringify({
        query: 'query($m: String!) { clusterApply(manifests: $m) { warnings } }',
        variables: { m: '---\nkind: List\nitems:\n- kind: Pod\n  __proto__: {x: 1}\n' },
      }),
      status: 200,
      path: 'objects[0].items[0].__proto__',
      read: graphql,
    },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const res = await t.http
        .post(c.url)
        .set({ 'content-type': c.type ?? 'application/json', accept: 'application/json, text/event-stream', ...write })
        .send(c.body);
      expect(res.status).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
      expect(c.read(res.body)).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { code: 'BAD_USER_INPUT', path: c.path, message: expect.stringContaining('could set an object’s prototype') },
        ],
        ...c.more,
      });
    });
});

test('a body with escapes but no refused key is answered as it is without them', async () => {
  const res = await t.http
    .post('/graphql')
    .set({ 'content-type': 'application/json' })
    .send(
      `{"query":"{__typename}","variables":{"v":[${'[],'.repeat(10_000)}"\\u0041",{"constructor":{"prototyp\\u0065s":1}}]}}`,
    );
  expect([res.status, res.body]).toEqual([200, { data: { __typename: 'Query' } }]);
});

test('a body that is not JSON is a GraphQL response to /graphql, a JSON-RPC parse error to /mcp', async () => {
  const post = (url: string) =>
    t.http
      .post(url)
      .set({ 'content-type': 'application/json', accept: 'application/json, text/event-stream' })
      .send('{"query":');
  const graphql = await post('/graphql');
  expect([graphql.status, graphql.headers['content-type']]).toEqual([400, 'application/json; charset=utf-8']);
  expect(graphql.body.errors[0]).toMatchObject({
    message: expect.stringMatching(/not valid JSON/),
    extensions: { code: 'BAD_USER_INPUT' },
  });
  const mcp = await post('/mcp');
  expect(mcp.status).toBe(400);
  expect(mcp.body).toMatchObject({
    jsonrpc: '2.0',
    id: null,
    error: { code: -32700, data: { code: 'BAD_USER_INPUT' } },
  });
});

test('a client’s mistakes (a cost over the limit, a bad field, a conflict) are not logged as errors', async () => {
  logged.length = 0;
  const costly = await gql('{ concepts(first: 100) { nodes { slug relations { target { slug } } } } }');
  expect(codeOf(costly)).toBe('COST_LIMIT_EXCEEDED');
  expect(codeOf(await gql(UPDATE, { input: { slug: 'pod', expectedVersion: 999 } }, write))).toBe('CONFLICT');
  expect((await t.http.get('/v1/concepts/pod/revisions?limit=0')).status).toBe(400);
  expect(logged.filter((l) => l.level >= 50)).toEqual([]);
  expect(logged.filter((l) => l.msg === 'request').length).toBeGreaterThanOrEqual(3);
});

// A concept's languages were listed in the order the database returned its texts, which an edit of one
// text changes (PostgreSQL writes the updated row anew): ['ko', 'en'] after editing the English one.
test("a concept's languages keep their order (en, then ko) after an edit of one text, on every transport", async () => {
  const slug = 'service';
  const version = await versionOf(slug);
  await data(
    UPDATE,
    { input: { slug, expectedVersion: version, texts: [{ locale: 'EN', summary: 'Edited.' }] } },
    write,
  );
  const rest = await t.http.get(`/v1/concepts/${slug}?lang=ko`).expect(200);
  expect(rest.body.languages).toEqual(['en', 'ko']);
  expect(Object.keys(rest.body.links)).toEqual(['en', 'ko']);
  const { concept } = await data('query ($slug: String!) { concept(slug: $slug) { languages } }', { slug });
  expect(concept.languages).toEqual(['EN', 'KO']);
  const client = await mcpClient(t, 'languages-order');
  const r = (await client.callTool({ name: 'get_concept', arguments: { slug, lang: 'ko' } })) as CallToolResult;
  expect((r.structuredContent as { languages: string[] }).languages).toEqual(['en', 'ko']);
  await client.close();
});
