// Undo (issue 9): every edit can be seen field by field and taken back. revertConcept writes an earlier
// version back as a new version; deleteConcept hides a concept and the relations to it until
// restoreConcept; GraphQL, REST and MCP read the same history; a search asked again answers from the
// knowledge as edited. Through the real app on a real database.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpClient } from './helpers/mcp';
import { startTestApp, type TestApp } from './helpers/app';
import { codeOf, graphqlClient, pathsOf, type Data } from './helpers/graphql';

let t: TestApp;
let write: Record<string, string>;
let mcp: Client;
beforeAll(async () => {
  t = await startTestApp();
  write = { authorization: await t.bearer('write') };
  mcp = await mcpClient(t, 'edits-undo-test');
});
afterAll(async () => {
  await mcp?.close();
  await t?.close();
});
const { gql, data } = graphqlClient(() => t);

const CONCEPT = `slug version title(lang: EN) summary(lang: EN) body(lang: EN) aliases(lang: EN) ko: summary(lang: KO)
  relations(direction: BOTH) { type source { slug } target { slug } }`;
const READ = `query ($slug: String!) { concept(slug: $slug) { ${CONCEPT} } }`;
const HISTORY = `query ($slug: String!) { revisions(slug: $slug) {
  totalCount nodes { action version author changes { field before after } } } }`;
const UPDATE = `mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { ${CONCEPT} } } }`;
const REVERT = `mutation ($input: RevertConceptInput!) { revertConcept(input: $input) { clientMutationId concept { ${CONCEPT} } } }`;
const DELETE = `mutation ($input: DeleteConceptInput!) { deleteConcept(input: $input) { clientMutationId slug version } }`;
const RESTORE = `mutation ($input: RestoreConceptInput!) { restoreConcept(input: $input) { concept { ${CONCEPT} } } }`;

const read = async (slug: string): Promise<Data> => (await data(READ, { slug })).concept;

test('a one-field patch changes that field only, its revision says so field by field, and revertConcept takes it back', async () => {
  const before = await read('pod');
  const summary = 'The smallest deployable unit: one or more containers that share a network namespace.';
  const updated = (
    await data(
      UPDATE,
      { input: { slug: 'pod', expectedVersion: before.version, texts: [{ locale: 'EN', summary }] } },
      write,
    )
  ).updateConcept.concept;
  expect(updated).toEqual({ ...before, version: before.version + 1, summary });

  const [last] = (await data(HISTORY, { slug: 'pod' })).revisions.nodes;
  expect(last).toMatchObject({ action: 'updateConcept', version: before.version + 1 });
  expect(last.changes).toEqual([{ field: 'text.en.summary', before: before.summary, after: summary }]);

  const reverted = (
    await data(
      REVERT,
      { input: { slug: 'pod', toVersion: before.version, expectedVersion: updated.version, clientMutationId: 'r-1' } },
      write,
    )
  ).revertConcept;
  expect(reverted).toEqual({ clientMutationId: 'r-1', concept: { ...before, version: before.version + 2 } });
  const [revert] = (await data(HISTORY, { slug: 'pod' })).revisions.nodes;
  expect(revert).toMatchObject({ action: 'revertConcept', version: before.version + 2 });
  expect(revert.changes).toEqual([{ field: 'text.en.summary', before: summary, after: before.summary }]);
});

test('a revert that is stale, or to a version that never was, is refused and writes nothing', async () => {
  const before = await read('configmap');
  const history = (await data(HISTORY, { slug: 'configmap' })).revisions.totalCount;
  const stale = await gql(
    REVERT,
    { input: { slug: 'configmap', toVersion: 1, expectedVersion: before.version + 1 } },
    write,
  );
  expect([codeOf(stale), pathsOf(stale)]).toEqual(['CONFLICT', ['expectedVersion']]);
  const never = await gql(
    REVERT,
    { input: { slug: 'configmap', toVersion: 99, expectedVersion: before.version } },
    write,
  );
  expect([codeOf(never), pathsOf(never)]).toEqual(['NOT_FOUND', ['toVersion']]);
  expect(await read('configmap')).toEqual(before);
  expect((await data(HISTORY, { slug: 'configmap' })).revisions.totalCount).toBe(history);
});

test('deleteConcept hides the concept and the relations to it; restoreConcept brings both back; the history keeps all', async () => {
  const secret = await read('secret');
  const pointing = (await read('configmap')).relations;
  expect(pointing).toContainEqual(expect.objectContaining({ target: { slug: 'secret' } }));

  const stale = await gql(DELETE, { input: { slug: 'secret', expectedVersion: secret.version + 1 } }, write);
  expect(codeOf(stale)).toBe('CONFLICT');
  const deleted = (await data(DELETE, { input: { slug: 'secret', expectedVersion: secret.version } }, write))
    .deleteConcept;
  expect(deleted).toEqual({ clientMutationId: null, slug: 'secret', version: secret.version + 1 });

  expect(await read('secret')).toBeNull();
  expect((await read('configmap')).relations).toEqual(
    pointing.filter((r: Data) => r.target.slug !== 'secret' && r.source.slug !== 'secret'),
  );
  const search = await t.http.get('/v1/search').query({ q: 'secret', limit: 100 }).expect(200);
  expect((search.body as { items: { slug: string }[] }).items.map((i) => i.slug)).not.toContain('secret');
  await t.http.get('/v1/concepts/secret').expect(404);
  // Edits of a deleted concept, and a new concept under its slug, are refused with what to do instead.
  const edit = await gql(UPDATE, { input: { slug: 'secret', expectedVersion: deleted.version } }, write);
  expect([codeOf(edit), edit.errors?.[0]?.message]).toEqual(['NOT_FOUND', expect.stringContaining('restoreConcept')]);
  const create = await gql(
    `mutation ($input: CreateConceptInput!) { createConcept(input: $input) { concept { slug } } }`,
    {
      input: {
        slug: 'secret',
        kind: 'RESOURCE',
        category: 'config',
        texts: [{ locale: 'EN', title: 'Secret', summary: 'Again.' }],
      },
    },
    write,
  );
  expect([codeOf(create), create.errors?.[0]?.message]).toEqual([
    'CONFLICT',
    expect.stringContaining('restoreConcept'),
  ]);

  const restored = (await data(RESTORE, { input: { slug: 'secret' } }, write)).restoreConcept.concept;
  expect(restored).toEqual({ ...secret, version: secret.version + 2 });
  expect((await read('configmap')).relations).toEqual(pointing);
  expect(codeOf(await gql(RESTORE, { input: { slug: 'secret' } }, write))).toBe('CONFLICT');

  const nodes = (await data(HISTORY, { slug: 'secret' })).revisions.nodes;
  expect(nodes.slice(0, 2).map((n: Data) => [n.action, n.version])).toEqual([
    ['restoreConcept', secret.version + 2],
    ['deleteConcept', secret.version + 1],
  ]);
  // A deletion's change is the whole document, gone; a restore's, the whole document, back.
  expect(nodes[1].changes).toEqual([{ field: '', before: expect.objectContaining({ slug: 'secret' }), after: null }]);
  expect(nodes[0].changes).toEqual([{ field: '', before: null, after: nodes[1].changes[0].before }]);
  const revertToDeleted = await gql(
    REVERT,
    { input: { slug: 'secret', toVersion: secret.version + 1, expectedVersion: secret.version + 2 } },
    write,
  );
  expect([codeOf(revertToDeleted), pathsOf(revertToDeleted)]).toEqual(['BAD_USER_INPUT', ['toVersion']]);
});

test('REST and MCP read the same history as GraphQL, with the same changes', async () => {
  const before = await read('deployment');
  await data(
    UPDATE,
    { input: { slug: 'deployment', expectedVersion: before.version, texts: [{ locale: 'KO', body: null }] } },
    write,
  );
  const graphql = (await data(HISTORY, { slug: 'deployment' })).revisions;
  const rest = (await t.http.get('/v1/concepts/deployment/revisions').expect(200)).body;
  const tool = (await mcp.callTool({ name: 'get_revisions', arguments: { slug: 'deployment' } })) as CallToolResult;
  expect(tool.structuredContent).toEqual(rest);
  expect(rest.total).toBe(graphql.totalCount);
  expect(
    rest.items.map((r: Data) => ({ action: r.action, version: r.version, author: r.author, changes: r.changes })),
  ).toEqual(graphql.nodes);
  expect(rest.items[0].changes).toEqual([{ field: 'text.ko.body', before: expect.any(String), after: '' }]);
  expect((tool.content[0] as { text: string }).text).toContain('`text.ko.body`');
  const text = await t.http.get('/v1/concepts/deployment/revisions').query({ format: 'text' }).expect(200);
  expect(text.text).toMatch(/^v\d+\s+updateConcept\s+\S+ {2}by .+ {2}text\.ko\.body$/m);
  // The author, as JSON and MCP give it, on the text line too.
  const line = text.text.split('\n').find((l: string) => l.includes('updateConcept'));
  expect(line).toContain(`by ${rest.items[0].author}  text.ko.body`);
});

test('a reference is edited as a concept is: expectedVersion, a revision per edit on every transport, and revertReference', async () => {
  const REF = `key title note url version`;
  const READ_REF = `query ($key: String!) { reference(key: $key) { ${REF} } }`;
  const UPDATE_REF = `mutation ($input: UpdateReferenceInput!) { updateReference(input: $input) { reference { ${REF} } } }`;
  const REVERT_REF = `mutation ($input: RevertReferenceInput!) { revertReference(input: $input) { reference { ${REF} } } }`;
  const key = 'k8s-configmap';
  const seeded = (await data(READ_REF, { key })).reference;
  expect(seeded.version).toBe(1);

  const edited = (
    await data(
      UPDATE_REF,
      { input: { key, expectedVersion: 1, title: 'ConfigMaps (edited)', note: 'Checked.' } },
      write,
    )
  ).updateReference.reference;
  expect(edited).toEqual({ ...seeded, title: 'ConfigMaps (edited)', note: 'Checked.', version: 2 });
  // A stale version is refused and changes nothing.
  const stale = await gql(UPDATE_REF, { input: { key, expectedVersion: 1, title: 'Lost update' } }, write);
  expect([codeOf(stale), pathsOf(stale)]).toEqual(['CONFLICT', ['expectedVersion']]);
  expect((await data(READ_REF, { key })).reference).toEqual(edited);

  const subject = `reference:${key}`;
  const rest = (await t.http.get(`/v1/concepts/${subject}/revisions`).expect(200)).body;
  const tool = (await mcp.callTool({ name: 'get_revisions', arguments: { slug: subject } })) as CallToolResult;
  expect(tool.structuredContent).toEqual(rest);
  expect(rest.items.map((r: Data) => [r.action, r.version])).toEqual([
    ['updateReference', 2],
    ['seed.create', 1],
  ]);
  expect(rest.items[0].changes).toHaveLength(2);
  expect(rest.items[0].changes).toEqual(
    expect.arrayContaining([
      { field: 'title', before: seeded.title, after: 'ConfigMaps (edited)' },
      { field: 'note', before: seeded.note, after: 'Checked.' },
    ]),
  );
  expect((await data(HISTORY, { slug: subject })).revisions.totalCount).toBe(2);

  const reverted = (await data(REVERT_REF, { input: { key, toVersion: 1, expectedVersion: 2 } }, write)).revertReference
    .reference;
  expect(reverted).toEqual({ ...seeded, version: 3 });
  // Reverting to what it already is would only add an empty version; a version it never had is not found.
  const again = await gql(REVERT_REF, { input: { key, toVersion: 1, expectedVersion: 3 } }, write);
  expect([codeOf(again), pathsOf(again)]).toEqual(['BAD_USER_INPUT', ['toVersion']]);
  const never = await gql(REVERT_REF, { input: { key, toVersion: 9, expectedVersion: 3 } }, write);
  expect([codeOf(never), pathsOf(never)]).toEqual(['NOT_FOUND', ['toVersion']]);
  // The revert is itself a revision, so it can be undone too.
  const undone = (await data(REVERT_REF, { input: { key, toVersion: 2, expectedVersion: 3 } }, write)).revertReference
    .reference;
  expect(undone).toEqual({ ...edited, version: 4 });
});

test('examples are part of their concept: added, changed and removed as its revisions, and revertConcept brings one back', async () => {
  const EX = `mutation ($input: AddExampleInput!) { addExample(input: $input) { concept { version } example { key manifest } } }`;
  const RM = `mutation ($input: RemoveExampleInput!) { removeExample(input: $input) { concept { version } } }`;
  const examples = async () =>
    (await data('{ concept(slug: "namespace") { version examples { key manifest } } }')).concept;
  const start = await examples();
  const manifest = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';
  const added = (
    await data(
      EX,
      { input: { slug: 'namespace', key: 'shop', title: { en: 'A namespace', ko: '네임스페이스' }, manifest } },
      write,
    )
  ).addExample;
  expect(added).toEqual({ concept: { version: start.version + 1 }, example: { key: 'shop', manifest } });
  // A manifest the kernel cannot read is refused at its field, and changes nothing.
  const bad = await gql(
    EX,
    { input: { slug: 'namespace', key: 'bad', title: { en: 'Bad', ko: '나쁨' }, manifest: 'kind: [' } },
    write,
  );
  expect([codeOf(bad), pathsOf(bad)[0]]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/^manifest/)]);
  const removed = await data(
    RM,
    { input: { slug: 'namespace', key: 'shop', expectedVersion: start.version + 1 } },
    write,
  );
  expect(removed.removeExample.concept.version).toBe(start.version + 2);
  const [last] = (await data(HISTORY, { slug: 'namespace' })).revisions.nodes;
  expect(last).toMatchObject({ action: 'removeExample', changes: [{ field: 'examples.shop', after: null }] });
  await data(
    REVERT,
    { input: { slug: 'namespace', toVersion: start.version + 1, expectedVersion: start.version + 2 } },
    write,
  );
  expect((await examples()).examples).toEqual([...start.examples, { key: 'shop', manifest }]);
});

test('a manifest with a prototype key is refused at its path when written, and nothing is stored', async () => {
  // The computed fields refuse such a key (docs/errors.md): kept, it would fail every one of them.
  const EX = `mutation ($input: AddExampleInput!) { addExample(input: $input) { concept { version } } }`;
  const UP = `mutation ($input: UpdateExampleInput!) { updateExample(input: $input) { concept { version } } }`;
  const state = async () => ({
    concept: (await data('{ concept(slug: "pod") { version examples { key manifest } } }')).concept,
    history: (await data(HISTORY, { slug: 'pod' })).revisions.totalCount,
  });
  const before = await state();
  const manifest =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, __proto__: {x: 1}}\nspec: {containers: [{name: c, image: x}]}\n';
  const title = { en: 'Poisoned', ko: '오염' };
  const added = await gql(EX, { input: { slug: 'pod', key: 'poisoned', title, manifest } }, write);
  expect([codeOf(added), pathsOf(added)]).toEqual(['BAD_USER_INPUT', ['manifest[0].metadata.__proto__']]);
  const key = before.concept.examples[0].key;
  const updated = await gql(
    UP,
    { input: { slug: 'pod', key, manifest: manifest.replace('__proto__', '"\\x5f_proto__"') } },
    write,
  );
  expect([codeOf(updated), pathsOf(updated)]).toEqual(['BAD_USER_INPUT', ['manifest[0].metadata.__proto__']]);
  expect(await state()).toEqual(before);
});

test('a search asked before and after an edit gets the answer of the knowledge as it is when asked (no kept answer outlives an edit)', async () => {
  // A word no concept of the content uses.
  const word = 'quixotically';
  const search = async () =>
    (
      await t.http
        .get('/v1/search')
        .query({ q: `${word} pod`, lang: 'en' })
        .expect(200)
    ).body as {
      items: { slug: string; snippet: string }[];
    };
  const before = await search();
  expect(await search()).toEqual(before);
  expect(before.items.map((i) => i.snippet).join(' ')).not.toContain(word);

  const pod = await read('pod');
  const summary = `A Pod is ${word} the smallest thing Kubernetes runs.`;
  await data(
    UPDATE,
    { input: { slug: 'pod', expectedVersion: pod.version, texts: [{ locale: 'EN', summary }] } },
    write,
  );
  expect((await search()).items[0]).toMatchObject({ slug: 'pod', snippet: summary });
});
