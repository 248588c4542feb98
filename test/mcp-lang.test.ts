// `lang` on MCP as on REST (new-user review: scheduling_evaluate refused `lang` and answered in English
// while REST's `?lang=ko` led with the Korean summary). Every tool offers `lang` — its input's own, or the
// reader's language that src/mcp/tools.ts declares once for the tools without one — and a tool whose REST
// route answers in Korean with `?lang=ko` answers in Korean over MCP with `lang: "ko"`, both over real HTTP.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';
import { mcpClient } from './helpers/mcp';
import { ADMISSION, SERVICE } from './helpers/lang';
import { SCHEDULING_QUESTION } from './helpers/scheduling';

let t: TestApp;
const clients = new Map<string, Client>();
const HEADERS = ['none', 'en', 'ko'] as const;
beforeAll(async () => {
  t = await startTestApp();
  for (const h of HEADERS)
    clients.set(h, await mcpClient(t, `lang-${h}`, h === 'none' ? {} : { 'Accept-Language': h }));
});
afterAll(async () => {
  for (const c of clients.values()) await c.close();
  await t.close();
});

const SELECTED = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;

interface Case {
  tool: string;
  args: Record<string, unknown>;
  /** The same question on REST (its text rendering where it has one); `lang=` is added to the query. */
  rest: { method: 'GET' | 'POST'; url: string; yaml?: string };
}

const CASES: Case[] = [
  {
    tool: 'scheduling_evaluate',
    args: { manifests: SCHEDULING_QUESTION },
    rest: { method: 'POST', url: '/v1/scheduling/evaluate?format=text', yaml: SCHEDULING_QUESTION },
  },
  {
    tool: 'dns_query',
    args: { manifests: SERVICE, name: 'web.shop.svc.cluster.local', type: 'A' },
    rest: { method: 'POST', url: '/v1/dns/query?name=web.shop.svc.cluster.local&type=A', yaml: SERVICE },
  },
  {
    tool: 'dns_records',
    args: { manifests: SERVICE },
    rest: { method: 'POST', url: '/v1/dns/records', yaml: SERVICE },
  },
  {
    tool: 'dns_resolve',
    args: { manifests: SERVICE, name: 'web', fromNamespace: 'shop' },
    rest: { method: 'POST', url: '/v1/dns/resolve?name=web&fromNamespace=shop', yaml: SERVICE },
  },
  {
    tool: 'endpoint_slices',
    args: { manifests: SELECTED },
    rest: { method: 'POST', url: '/v1/endpointslices?format=yaml', yaml: SELECTED },
  },
  {
    tool: 'pod_admission',
    args: { manifests: ADMISSION },
    rest: { method: 'POST', url: '/v1/admission/pod?format=yaml', yaml: ADMISSION },
  },
  {
    tool: 'get_concept',
    args: { slug: 'readiness-probe' },
    rest: { method: 'GET', url: '/v1/concepts/readiness-probe?format=md' },
  },
  {
    tool: 'get_context',
    args: { q: 'readiness probe' },
    rest: { method: 'GET', url: '/v1/context?q=readiness%20probe&format=md' },
  },
  {
    tool: 'search_concepts',
    args: { q: 'readiness probe' },
    rest: { method: 'GET', url: '/v1/search?q=readiness%20probe' },
  },
];

const HANGUL = /[가-힣]/;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

async function restText(c: Case, lang: string | undefined, header: (typeof HEADERS)[number]): Promise<string> {
  const url = lang ? `${c.rest.url}${c.rest.url.includes('?') ? '&' : '?'}lang=${lang}` : c.rest.url;
  const req = c.rest.method === 'GET' ? t.http.get(url) : t.http.post(url).set('content-type', 'application/yaml');
  if (header !== 'none') req.set('accept-language', header);
  const res = await (c.rest.yaml ? req.send(c.rest.yaml) : req).expect(200);
  return res.text;
}

async function mcpText(c: Case, lang: string | undefined, header: (typeof HEADERS)[number]): Promise<string> {
  const r = (await clients.get(header)!.callTool({
    name: c.tool,
    arguments: { ...c.args, ...(lang ? { lang } : {}) },
  })) as CallToolResult;
  expect(r.isError).toBeFalsy();
  return textOf(r);
}

test('every tool offers `lang`, "en" or "ko"', async () => {
  const { tools } = await clients.get('none')!.listTools();
  for (const tool of tools)
    expect([tool.name, tool.inputSchema.properties?.lang]).toEqual([
      tool.name,
      expect.objectContaining({ enum: ['en', 'ko'] }),
    ]);
});

test('scheduling_evaluate with lang ko leads with the Korean summary, as REST’s text does (new-user review)', async () => {
  const c = CASES[0];
  const ko = await mcpText(c, 'ko', 'none');
  expect(ko.split('\n')[0]).toBe('노드 3개 중 2개가 맞고, 파드는 node-a에 배치된다.');
  expect(ko).toBe((await restText(c, 'ko', 'none')).trimEnd());
  // Accept-Language is the reader's language when `lang` is left out; `lang` wins over it.
  expect(await mcpText(c, undefined, 'ko')).toBe(ko);
  expect(await mcpText(c, 'en', 'ko')).toBe(await mcpText(c, undefined, 'none'));
  expect(await mcpText(c, 'en', 'none')).not.toMatch(HANGUL);
});

test('a bad `lang` is refused at `lang` as REST refuses it', async () => {
  const r = (await clients.get('none')!.callTool({
    name: 'scheduling_evaluate',
    arguments: { manifests: SCHEDULING_QUESTION, lang: 'fr' },
  })) as CallToolResult;
  expect(r.isError).toBe(true);
  expect(r._meta?.['kubeknow/error']).toEqual(
    expect.objectContaining({ problems: [expect.objectContaining({ code: 'FIELD_NOT_SUPPORTED', path: 'lang' })] }),
  );
});

test('property: a tool whose REST answer is in Korean for a language (in any case) is in Korean on MCP for it, and not otherwise', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CASES),
      fc.constantFrom(undefined, 'en', 'ko', 'KO', 'En'),
      fc.constantFrom(...HEADERS),
      async (c, lang, header) => {
        const [rest, mcp] = await Promise.all([restText(c, lang, header), mcpText(c, lang, header)]);
        expect([c.tool, lang, header, HANGUL.test(mcp)]).toEqual([c.tool, lang, header, HANGUL.test(rest)]);
      },
    ),
    { numRuns: 40 },
  );
});
