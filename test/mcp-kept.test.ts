// MCP's kept results (src/mcp/kept.ts) through the real app on a real, seeded database: a repeated
// get_concept or related_concepts call is answered with the result made for the snapshot, which is the
// result made anew, and an edit through the API gives the next call the new text.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { keptResults } from '../src/mcp/kept';
import { startTestApp, type TestApp } from './helpers/app';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await startTestApp();
  client = await mcpClient(t, 'kept-test');
});
afterAll(async () => {
  await client.close();
  await t.close();
});

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
const kept = () => keptResults.size(t.knowledge.snapshot);

/** An edit of the concept's English summary through GraphQL, as a client with a write key makes it. */
async function editSummary(slug: string, summary: string): Promise<void> {
  const authorization = await t.bearer('write');
  const { version } = (await t.http.get(`/v1/concepts/${slug}`).expect(200)).body as { version: number };
  const res = await t.http
    .post('/graphql')
    .set('authorization', authorization)
    .send({
      query: `mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }`,
      variables: { input: { slug, expectedVersion: version, texts: [{ locale: 'EN', summary }] } },
    })
    .expect(200);
  expect(res.body.errors).toBeUndefined();
}

test('a repeated call is answered with the kept result, the same as the one made for it', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['get_concept', { slug: 'headless-service' }],
    ['get_concept', { slug: 'headless-service', lang: 'ko', maxChars: 1000 }],
    ['get_concept', { slug: 'sts' }],
    ['related_concepts', { slug: 'service', direction: 'incoming', limit: 2 }],
  ];
  for (const [name, args] of cases) {
    const before = kept();
    const made = await call(name, args);
    expect(made.isError).toBeFalsy();
    expect(kept()).toBe(before + 1);
    const again = await call(name, args);
    expect(kept()).toBe(before + 1);
    expect(again).toEqual(made);
  }
  // Uncached, the same concept is read through the resource, which renders the same markdown.
  const resource = await client.readResource({ uri: 'kubeknow://concepts/headless-service' });
  const full = await call('get_concept', { slug: 'headless-service', maxChars: 20000 });
  expect(textOf(await call('get_concept', { slug: 'headless-service', maxChars: 20000 }))).toBe(textOf(full));
  expect(textOf(full)).toBe((resource.contents[0] as { text: string }).text);
});

test('errors are not kept: a concept that does not exist stays an error result', async () => {
  const before = kept();
  for (let i = 0; i < 2; i++) {
    const r = await call('get_concept', { slug: 'no-such-concept' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/NOT_FOUND/);
  }
  expect(kept()).toBe(before);
});

test('a kept result is not served to a caller the call would refuse: reads that need a key still need one', async () => {
  const app = await buildApp({ knowledge: t.knowledge, mcp: { requireKey: true } });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);
    const connect = async (headers: Record<string, string>) => {
      const c = new Client({ name: 'kept-test', version: '1' });
      await c.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
      return c;
    };
    const reader = await connect({ authorization: await t.bearer('read') });
    const anonymous = await connect({});
    const args = { name: 'get_concept', arguments: { slug: 'service' } };
    const made = (await reader.callTool(args)) as CallToolResult;
    expect(made.isError).toBeFalsy();
    expect(await reader.callTool(args)).toEqual(made);
    const refused = (await anonymous.callTool(args)) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/UNAUTHENTICATED/);
    await Promise.all([reader.close(), anonymous.close()]);
  } finally {
    await app.close();
  }
});

test('an edit through the API gives the next call the new text, as REST gives the new answer', async () => {
  const before = await call('get_concept', { slug: 'pod' });
  expect(await call('get_concept', { slug: 'pod' })).toEqual(before);
  const summary = 'Kept results end with the snapshot they were made from.';
  await editSummary('pod', summary);
  const after = await call('get_concept', { slug: 'pod' });
  expect(textOf(after)).toContain(summary);
  expect(textOf(before)).not.toContain(summary);
  expect(after.structuredContent).toMatchObject({
    summary,
    version: (before.structuredContent!.version as number) + 1,
  });
  expect((await t.http.get('/v1/concepts/pod').expect(200)).body).toMatchObject({ summary });
  // Kept again, for the new snapshot.
  expect(kept()).toBe(1);
  expect(await call('get_concept', { slug: 'pod' })).toEqual(after);
});
