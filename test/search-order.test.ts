// What the order of search results is, said the same way everywhere (new-user review: search_concepts said
// "most relevant first" and listed daemonset, relevance 0.80, above scheduling-topology-filter, 1.00).
// Results are ranked by score; relevance is a separate measure (docs/search.md). Over real HTTP: the MCP
// tool's description and text, the REST route's OpenAPI fields and GraphQL's fields say so, and for random
// questions the tool's text lists the items in the order of their scores, each with its score and relevance.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await startTestApp();
  client = await mcpClient(t, 'search-order');
});
afterAll(async () => {
  await client.close();
  await t.close();
});
const { data } = graphqlClient(() => t);

interface Item {
  slug: string;
  score: number;
  relevance: number;
}

test('the tool, REST and GraphQL say the results are ranked by score and relevance is not the order', async () => {
  const tool = (await client.listTools()).tools.find((x) => x.name === 'search_concepts')!;
  expect(tool.description).not.toMatch(/most relevant/i);
  expect(tool.description).toMatch(/ranked by score/);
  expect(tool.description).toMatch(/a lower item may show a higher relevance/);
  const spec = (await t.http.get('/openapi.json').expect(200)).body;
  const text = JSON.stringify(spec.paths['/v1/search']) + JSON.stringify(spec.components ?? {});
  expect(text).not.toMatch(/most relevant|best first/i);
  expect(text).toMatch(/ranked by score/);
  const { __type } = await data('{ __type(name: "SearchResultEdge") { fields { name description } } }');
  const field = (name: string) => __type.fields.find((f: { name: string }) => f.name === name).description;
  expect(field('score')).toMatch(/ranked by/);
  expect(field('relevance')).toMatch(/Not the order: results are ranked by score/);
});

const WORDS = [
  'daemonset',
  'pod',
  'pending',
  'node',
  'scheduling',
  'filter',
  'topology',
  'taint',
  'readiness',
  'probe',
  'service',
  'dns',
  '데몬셋',
  '파드',
  '노드',
  '스케줄링',
  '안떠요',
  'why',
  'not',
  'some',
];

test('property: the tool lists items in the order of their scores, each with its score and relevance', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }), async (words) => {
      const query = words.join(' ');
      const r = (await client.callTool({
        name: 'search_concepts',
        arguments: { q: query, limit: 8 },
      })) as CallToolResult;
      expect(r.isError).toBeFalsy();
      const items = (r.structuredContent as { items: Item[] }).items;
      for (let i = 1; i < items.length; i++) expect(items[i - 1].score).toBeGreaterThanOrEqual(items[i].score);
      const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      if (!items.length) return;
      expect(text.split('\n')[0]).toMatch(/ranked by score\./);
      const listed = [...text.matchAll(/slug `([^`]+)` \(score ([\d.]+), relevance ([\d.]+),/g)];
      expect(listed.map((m) => [m[1], m[2], m[3]])).toEqual(
        items.map((h) => [h.slug, h.score.toFixed(2), h.relevance.toFixed(2)]),
      );
    }),
    { numRuns: 40 },
  );
});
