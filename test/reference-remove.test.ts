// removeReference (issue 9): a reference added by mistake can be taken back, and the removal undone.
// It is refused while facts cite it (naming them), checks the version it expects, keeps a revision,
// and revertReference brings the reference back under its key, with its history. Served by GraphQL,
// REST (DELETE /v1/references/:key) and MCP (remove_reference), through the real app on a real database.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { mcpClient } from './helpers/mcp';
import { startTestApp, type TestApp } from './helpers/app';
import { codeOf, graphqlClient, pathsOf, type Data } from './helpers/graphql';

let t: TestApp;
let write: Record<string, string>;
let mcp: Client;
beforeAll(async () => {
  t = await startTestApp();
  write = { authorization: await t.bearer('write') };
  mcp = await mcpClient(t, 'reference-remove-test', write);
});
afterAll(async () => {
  await mcp?.close();
  await t?.close();
});
const { gql, data } = graphqlClient(() => t);

const REF = 'id key title note url version citedBy { slug }';
const READ = `query ($key: String!) { reference(key: $key) { ${REF} } }`;
const ADD = `mutation ($input: AddReferenceInput!) { addReference(input: $input) { reference { ${REF} } } }`;
const UPDATE = `mutation ($input: UpdateReferenceInput!) { updateReference(input: $input) { reference { version } } }`;
const REMOVE = `mutation ($input: RemoveReferenceInput!) { removeReference(input: $input) { clientMutationId key version } }`;
const REVERT = `mutation ($input: RevertReferenceInput!) { revertReference(input: $input) { reference { ${REF} } } }`;
const ADD_FACT = `mutation ($input: AddFactInput!) { addFact(input: $input) { concept { version } } }`;
const REMOVE_FACT = `mutation ($input: RemoveFactInput!) { removeFact(input: $input) { concept { version } } }`;

/** A GraphQL refusal's code and problem paths. */
const refusal = (reply: Awaited<ReturnType<typeof gql>>) => [codeOf(reply), pathsOf(reply)];
const read = async (key: string): Promise<Data> => (await data(READ, { key })).reference;
const history = async (key: string): Promise<Data[]> =>
  (await t.http.get(`/v1/concepts/reference:${key}/revisions`).expect(200)).body.items;
/** Everything a failed removal must leave as it was: the reference, its history, and the listing. */
const stateOf = async (key: string) => ({
  reference: await read(key),
  history: await history(key),
  listed: (await t.http.get('/v1/references?limit=1').expect(200)).body.total,
});
const add = (key: string) =>
  data(
    ADD,
    {
      input: { key, title: `Draft ${key}`, language: 'en', kind: 'BLOG', reliability: 'UNVERIFIED', note: 'typo' },
    },
    write,
  );

test('a cited reference is refused with CONFLICT naming the facts that cite it, and nothing changes', async () => {
  const before = await stateOf('k8s-configmap');
  const reply = await gql(
    REMOVE,
    { input: { key: 'k8s-configmap', expectedVersion: before.reference.version } },
    write,
  );
  expect(refusal(reply)).toEqual(['CONFLICT', ['key']]);
  expect(reply.errors![0].message).toMatch(
    /is cited by \d+ fact\(s\): .*configmap\/no-secrecy.*removeFact.*updateFact/,
  );
  const rest = await t.http.delete('/v1/references/k8s-configmap').query({ expectedVersion: 1 }).set(write).expect(409);
  expect(rest.body.problems[0].message).toContain('configmap/size-limit');
  expect(await stateOf('k8s-configmap')).toEqual(before);
});

test('REST: removed with its version, gone from every read, and revertReference brings it back with its key and history', async () => {
  const key = 'draft-blog-post';
  const added = (await add(key)).addReference.reference;
  // Without a key, or at a stale version: refused, and nothing changes.
  const before = await stateOf(key);
  await t.http.delete(`/v1/references/${key}`).query({ expectedVersion: 1 }).expect(401);
  const stale = await t.http.delete(`/v1/references/${key}`).query({ expectedVersion: 2 }).set(write).expect(409);
  expect(stale.body.problems).toEqual([expect.objectContaining({ path: 'expectedVersion' })]);
  expect(await stateOf(key)).toEqual(before);

  const removed = await t.http.delete(`/v1/references/${key}`).query({ expectedVersion: 1 }).set(write).expect(200);
  expect(removed.body).toEqual({ key, version: 2 });
  expect(await read(key)).toBeNull();
  expect((await stateOf(key)).listed).toBe(before.listed - 1);
  const [removal] = await history(key);
  expect(removal).toMatchObject({ action: 'removeReference', version: 2 });
  // Shown whole, as a removed fact or example is: null on the side where it is absent.
  const { title, note, url } = added;
  const whole = { key, title, note, url, language: 'en', kind: 'BLOG', reliability: 'UNVERIFIED' };
  expect(removal.changes).toEqual([{ field: '', before: whole, after: null }]);

  // A removed reference is not edited, nor added again (its history would restart): a revert brings it back.
  const update = await gql(UPDATE, { input: { key, title: 'Edited' } }, write);
  expect(refusal(update)).toEqual(['NOT_FOUND', ['key']]);
  expect(update.errors![0].message).toContain('revertReference');
  const again = await gql(
    ADD,
    { input: { key, title: 'Again', language: 'en', kind: 'BLOG', reliability: 'UNVERIFIED' } },
    write,
  );
  expect(refusal(again)).toEqual(['CONFLICT', ['key']]);
  const toRemoval = await gql(REVERT, { input: { key, toVersion: 2, expectedVersion: 2 } }, write);
  expect(refusal(toRemoval)).toEqual(['BAD_USER_INPUT', ['toVersion']]);
  const staleRevert = await gql(REVERT, { input: { key, toVersion: 1, expectedVersion: 1 } }, write);
  expect(refusal(staleRevert)).toEqual(['CONFLICT', ['expectedVersion']]);

  const back = (await data(REVERT, { input: { key, toVersion: 1, expectedVersion: 2 } }, write)).revertReference
    .reference;
  expect(back).toEqual({ ...added, version: 3 });
  expect(await read(key)).toEqual(back);
  expect((await history(key)).map((r) => [r.action, r.version])).toEqual([
    ['revertReference', 3],
    ['removeReference', 2],
    ['addReference', 1],
  ]);
  // The revert is an edit like any other: it can be undone by removing again.
  expect(
    (await t.http.delete(`/v1/references/${key}`).query({ expectedVersion: 3 }).set(write).expect(200)).body,
  ).toEqual({ key, version: 4 });
});

test('GraphQL and MCP: a reference a fact cites goes once the fact is removed; MCP removes, GraphQL reverts', async () => {
  const key = 'draft-for-namespace';
  await add(key);
  const concept = async () => (await data('{ concept(slug: "namespace") { version } }')).concept.version;
  await data(
    ADD_FACT,
    {
      input: {
        slug: 'namespace',
        key: 'draft-fact',
        reference: key,
        statements: { en: 'Namespaces scope names.', ko: '네임스페이스는 이름의 범위를 정한다.' },
      },
    },
    write,
  );
  const cited = (await mcp.callTool({
    name: 'remove_reference',
    arguments: { key, expectedVersion: 1 },
  })) as CallToolResult;
  expect(cited.isError).toBe(true);
  expect((cited.content[0] as { text: string }).text).toContain('namespace/draft-fact');
  expect((await read(key)).citedBy).toEqual([{ slug: 'namespace' }]);

  await data(REMOVE_FACT, { input: { slug: 'namespace', key: 'draft-fact', expectedVersion: await concept() } }, write);
  const tool = (await mcp.callTool({
    name: 'remove_reference',
    arguments: { key, expectedVersion: 1 },
  })) as CallToolResult;
  expect(tool.isError).toBeFalsy();
  expect(tool.structuredContent).toEqual({ key, version: 2 });
  expect(await read(key)).toBeNull();
  // A fact cannot cite it while it is removed.
  const orphan = await gql(
    ADD_FACT,
    { input: { slug: 'namespace', reference: key, statements: { en: 'x', ko: 'x' } } },
    write,
  );
  expect(refusal(orphan)).toEqual(['NOT_FOUND', ['reference']]);

  const back = (await data(REVERT, { input: { key, toVersion: 1, expectedVersion: 2 } }, write)).revertReference;
  expect(back.reference).toMatchObject({ key, version: 3, citedBy: [] });

  // GraphQL's own mutation, with its clientMutationId.
  const gone = await data(REMOVE, { input: { key, expectedVersion: 3, clientMutationId: 'rm-1' } }, write);
  expect(gone.removeReference).toEqual({ clientMutationId: 'rm-1', key, version: 4 });
});

test('any input to DELETE /v1/references/:key on a cited reference is refused at a field it names, and changes nothing', async () => {
  const before = await stateOf('k8s-service');
  const hostile = fc.oneof(
    fc.constantFrom('', '0', '-1', '1.5', 'x', 'a'.repeat(10_000), '%00', '99999999999999999999'),
    fc.integer({ min: -5, max: 5 }).map(String),
  );
  const queries = fc.record({ expectedVersion: hostile, extra: fc.string({ maxLength: 5 }) }, { requiredKeys: [] });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('k8s-service', 'K8S', 'a'.repeat(200), '%E2%80%8B'),
      queries,
      async (key, query) => {
        const res = await t.http.delete(`/v1/references/${key}`).query(query).set(write);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        // A path segment longer than any key is refused as the request's whole (414), before the route.
        const fields = res.status === 414 ? [''] : ['key', 'expectedVersion', 'extra'];
        for (const p of res.body.problems) expect(fields).toContain(p.path);
      },
    ),
    { numRuns: 60 },
  );
  expect(await stateOf('k8s-service')).toEqual(before);
});
