// The MCP endpoint end to end: the SDK's own client over Streamable HTTP against the real app,
// listening on 127.0.0.1 on a real, seeded database.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import supertest from 'supertest';
import { buildApp } from '../src/app';
import type { McpOptions } from '../src/mcp';
import { isAllowedHost, isAllowedOrigin, mcpOptionsFromEnv } from '../src/mcp/guard';
import { bounded } from '../src/mcp/tool';
import { startTestApp, type TestApp } from './helpers/app';
import { addDisputedFact, DISPUTED_URL } from './helpers/facts';

let t: TestApp;
let url: URL;
const clients: Client[] = [];
const extraApps: FastifyInstance[] = [];

async function listen(app: FastifyInstance): Promise<URL> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);
}

async function connect(at: URL = url, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'kubeknow-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(at, { requestInit: { headers } }));
  clients.push(client);
  return client;
}

/** Another app on the same database, with its own MCP options. */
async function appWith(mcp: McpOptions): Promise<URL> {
  const app = await buildApp({ knowledge: t.knowledge, mcp });
  extraApps.push(app);
  return listen(app);
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

const HEADLESS = `
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  clusterIP: None
  selector: { app: web }
  ports: [{ name: http, port: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: web-0, namespace: shop, labels: { app: web } }
spec:
  hostname: web-0
  subdomain: web
  containers: [{ name: c, image: nginx, ports: [{ name: http, containerPort: 80 }] }]
status:
  podIP: 10.1.0.5
  conditions: [{ type: Ready, status: "True" }]
`;

beforeAll(async () => {
  t = await startTestApp();
  url = await listen(t.app);
  // What the notes took from the blog their author doubted: a statement backed only by a DISPUTED source.
  await addDisputedFact(t.knowledge);
});
afterAll(async () => {
  for (const c of clients) await c.close();
  for (const a of extraApps) await a.close();
  await t.close();
});

describe('discovery', () => {
  test('initialize names the server and gives instructions; every tool has a description and an input schema', async () => {
    const client = await connect();
    expect(client.getServerVersion()?.name).toBe('kubeknow');
    expect(client.getInstructions()).toMatch(/get_context/);
    const { tools } = await client.listTools();
    const names = tools.map((x) => x.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'search_concepts',
        'get_concept',
        'related_concepts',
        'get_context',
        'dns_query',
        'dns_records',
        'dns_resolve',
        'endpoint_slices',
      ]),
    );
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(150);
      expect(tool.description).toMatch(/Example/);
      expect(tool.inputSchema.type).toBe('object');
      expect(Object.keys(tool.inputSchema.properties ?? {}).length).toBeGreaterThan(0);
      // Every tool reads, but for the one edit an MCP client may make (with a write key).
      expect(tool.annotations?.readOnlyHint).toBe(tool.name !== 'remove_reference');
    }
    const search = tools.find((x) => x.name === 'search_concepts')!;
    expect(search.inputSchema.required).toEqual(['q']);
    // One limit for every transport, the search capability's (issue #11: REST said 50, MCP 20, GraphQL 100).
    expect(search.inputSchema.properties!.limit).toMatchObject({ type: 'integer', maximum: 100 });
  });
});

describe('knowledge tools', () => {
  test('search_concepts finds the headless Service for "clusterIP: None"', async () => {
    const r = await call(await connect(), 'search_concepts', { q: 'clusterIP: None', limit: 3 });
    expect(r.isError).toBeFalsy();
    const text = textOf(r);
    expect(text.split('\n').find((l) => /^1\. /.test(l))).toMatch(/`headless-service`/);
    expect((text.match(/^\d+\. /gm) ?? []).length).toBeLessThanOrEqual(3);
  });

  test('search_concepts says whether a concept answers: match and relevance, in text and structured content', async () => {
    const client = await connect();
    const strong = await call(client, 'search_concepts', { q: 'clusterIP: None', limit: 3 });
    expect(textOf(strong)).toMatch(/Match: strong/);
    expect(strong.structuredContent).toMatchObject({ match: 'strong' });
    const none = await call(client, 'search_concepts', { q: 'best pizza dough recipe' });
    expect(none.structuredContent).toMatchObject({ match: 'none' });
    expect(textOf(none)).toMatch(/no concept (covers|matches)/i);
  });

  test('get_concept finds a concept by any of its names', async () => {
    const r = await call(await connect(), 'get_concept', { slug: 'sts' });
    expect(r.structuredContent).toMatchObject({ slug: 'statefulset' });
  });

  test('get_concept returns the markdown of the concept, and cuts it to maxChars with a note', async () => {
    const client = await connect();
    const full = textOf(await call(client, 'get_concept', { slug: 'headless-service', lang: 'ko' }));
    expect(full).toMatch(/^# .*[가-힣]/);
    expect(full).not.toMatch(/\[truncated/);
    const cut = textOf(await call(client, 'get_concept', { slug: 'headless-service', maxChars: 500 }));
    expect([...cut].length).toBeLessThanOrEqual(500);
    expect(cut).toMatch(/^# Headless Service/);
    expect(cut).toMatch(/\[truncated: cut to fit 500 of \d+ characters\. .*maxChars/);
  });

  test('related_concepts lists typed relations and says when the limit cut them', async () => {
    const client = await connect();
    const text = textOf(await call(client, 'related_concepts', { slug: 'headless-service' }));
    expect(text).toMatch(/^- outgoing: headless-service IS_A Service \(`service`\)/m);
    const incoming = textOf(
      await call(client, 'related_concepts', { slug: 'headless-service', direction: 'incoming' }),
    );
    expect(incoming).not.toMatch(/outgoing/);
    expect(incoming).toMatch(/`statefulset`\) COMPLEMENTS headless-service/);
    const one = textOf(await call(client, 'related_concepts', { slug: 'service', limit: 1 }));
    expect(one).toMatch(/\[truncated: showing 1 of \d+ relations/);
  });

  test('get_context stays within its budget, cites sources, and flags the DISPUTED blog as a caveat', async () => {
    const client = await connect();
    const text = textOf(
      await call(client, 'get_context', { q: '파드가 특정 노드에 선점되기 위한 조건은?', budget: 3000 }),
    );
    expect([...text].length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/kubeknow:\/\/concepts\/pod-scheduling\?lang=ko/);
    const caveats = text.slice(text.indexOf('## 주의'));
    expect(caveats).toContain(DISPUTED_URL);
    expect(caveats).toMatch(/\*\*DISPUTED\*\*: /);
    const facts = text.slice(text.indexOf('## 사실'), text.indexOf('## 주의'));
    expect(facts).not.toContain(DISPUTED_URL);
    // A fact that corrects a common belief is written to the reader as a correction.
    expect(facts).toMatch(/^- `pod-scheduling`: 흔히 “.+”라고 알려져 있지만, 실제로는 /m);
  });

  // The tool named its arguments otherwise than REST, the documented reference (question, budgetChars and
  // budgetTokens for q, budget and unit): a client moving between the two had to rename them. REST's now.
  test('get_context takes REST’s arguments: q, budget and unit, for the markdown REST gives for the same query string', async () => {
    const client = await connect();
    const tool = (await client.listTools()).tools.find((x) => x.name === 'get_context')!;
    expect(Object.keys(tool.inputSchema.properties ?? {}).sort()).toEqual(['budget', 'lang', 'q', 'unit']);
    expect(tool.inputSchema.required).toEqual(['q']);
    expect(tool.description).toMatch(/`unit` "tokens" approximate LLM tokens \(200-5000/);
    const question = 'What DNS records does a headless Service get?';
    const text = textOf(await call(client, 'get_context', { q: question, budget: 300, unit: 'tokens' }));
    const rest = await t.http
      .get('/v1/context')
      .query({ q: question, budget: 300, unit: 'tokens', format: 'md' })
      .expect(200);
    // The tool links concepts as MCP resources, REST as URLs: the same context otherwise.
    const links = (md: string) => md.replace(/kubeknow:\/\/concepts\/|\/v1\/concepts\//g, '').trimEnd();
    expect(links(text)).toBe(links(rest.text));
    // GraphQL's spellings are not the tool's: refused, naming the tool's.
    const graphqlSpelling = await call(client, 'get_context', { q: question, budgetTokens: 300 });
    expect(textOf(graphqlSpelling)).toMatch(/budgetTokens: unknown argument; supported: .*"budget"/);
  });

  test('property: get_context refuses a budget in tokens exactly when REST refuses it, with the same problem', async () => {
    const client = await connect();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -10, max: 6000 }), async (n) => {
        const tool = await call(client, 'get_context', { q: 'pod', budget: n, unit: 'tokens' });
        const rest = await t.http.get('/v1/context').query({ q: 'pod', budget: n, unit: 'tokens' });
        expect([n, Boolean(tool.isError)]).toEqual([n, rest.status !== 200]);
        if (tool.isError) {
          const [problem] = (tool._meta?.['kubeknow/error'] as { problems: { path: string; message: string }[] })
            .problems;
          expect(problem).toEqual(rest.body.problems[0]);
        }
      }),
      { numRuns: 20, examples: [[199], [200], [5000], [5001]] },
    );
  });

  test('an unknown slug is a tool error (isError) that suggests the nearest slug, not a protocol error', async () => {
    const r = await call(await connect(), 'get_concept', { slug: 'headlss-service' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/^Error NOT_FOUND:\n- slug: no concept "headlss-service"/);
    expect(textOf(r)).toMatch(/Suggestions: headless-service/);
    // In _meta, not structuredContent: the tool now declares an outputSchema, which an error does not match.
    expect(r._meta?.['kubeknow/error']).toMatchObject({
      code: 'NOT_FOUND',
      suggestions: expect.arrayContaining(['headless-service']),
    });
  });

  test('arguments outside the schema are a tool error naming the argument', async () => {
    const r = await call(await connect(), 'search_concepts', { q: 'pod', limit: 500 });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/limit/);
  });
});

describe('computing tools', () => {
  test('dns_records lists the zone, with the rule behind each record when asked', async () => {
    const text = textOf(await call(await connect(), 'dns_records', { manifests: HEADLESS, explain: true }));
    expect(text).toMatch(/^web\.shop\.svc\.cluster\.local\. 5 IN A 10\.1\.0\.5 ; .*headless/m);
    expect(text).toMatch(/^web-0\.web\.shop\.svc\.cluster\.local\. 5 IN A 10\.1\.0\.5/m);
  });

  test('dns_query answers like dig, with reasons', async () => {
    const text = textOf(
      await call(await connect(), 'dns_query', { manifests: HEADLESS, name: 'web-0.web.shop.svc.cluster.local' }),
    );
    expect(text).toMatch(/;; status: NOERROR, authoritative/);
    expect(text).toMatch(/;; ANSWER SECTION:\nweb-0\.web\.shop\.svc\.cluster\.local\. 5 IN A 10\.1\.0\.5/);
    expect(text).toMatch(/^Why: /m);
  });

  test('dns_query with lang ko gives the reasons and the records’ rules in Korean, the DNS data unchanged', async () => {
    const result = await call(await connect(), 'dns_query', {
      manifests: HEADLESS,
      name: 'web-0.web.shop.svc.cluster.local',
      lang: 'ko',
    });
    const text = textOf(result);
    expect(text).toMatch(/;; ANSWER SECTION:\nweb-0\.web\.shop\.svc\.cluster\.local\. 5 IN A 10\.1\.0\.5/);
    expect(text).toMatch(/^이유: .*hostname이 있는 ready endpoint/m);
    expect(text).not.toMatch(/^Why: /m);
  });

  test('dns_resolve walks the search list of a Pod in the namespace', async () => {
    const text = textOf(
      await call(await connect(), 'dns_resolve', { manifests: HEADLESS, name: 'web', fromNamespace: 'shop' }),
    );
    expect(text).toMatch(/search shop\.svc\.cluster\.local svc\.cluster\.local cluster\.local/);
    expect(text).toMatch(/1\. web\.shop\.svc\.cluster\.local\. → NOERROR, 1 answer/);
  });

  test('endpoint_slices derives the slice of the headless Service as YAML', async () => {
    const text = textOf(await call(await connect(), 'endpoint_slices', { manifests: HEADLESS }));
    expect(text).toMatch(/^# 1 EndpointSlice/);
    expect(text).toMatch(/kubernetes\.io\/service-name: web/);
    expect(text).toMatch(/- 10\.1\.0\.5/);
  });

  test('endpoint_slices says there are none in the reader’s language (Accept-Language)', async () => {
    const none =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: nginx }] }\n';
    const en = textOf(await call(await connect(), 'endpoint_slices', { manifests: none }));
    expect(en).toMatch(/^No EndpointSlices: the EndpointSlice controller writes them for Services with a selector/);
    // A selector-less Service is a Service: the answer must not say there is none (new-user review).
    const selectorless = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }\n';
    const told = textOf(await call(await connect(), 'endpoint_slices', { manifests: selectorless }));
    expect(told).toMatch(/without a selector gets them only from an Endpoints object/);
    expect(told).not.toMatch(/no Service/);
    const ko = textOf(
      await call(await connect(url, { 'Accept-Language': 'ko' }), 'endpoint_slices', { manifests: none }),
    );
    expect(ko).toMatch(/^EndpointSlice가 없다/);
  });

  test('pod_admission gives the verdict, the API server’s message and each quota’s sums', async () => {
    const manifests = `apiVersion: v1
kind: ResourceQuota
metadata: { name: q, namespace: shop }
spec: { hard: { pods: "1" } }
---
apiVersion: v1
kind: Pod
metadata: { name: old, namespace: shop }
spec: { containers: [{ name: c, image: nginx }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec: { containers: [{ name: c, image: nginx }] }
`;
    const text = textOf(await call(await connect(), 'pod_admission', { manifests }));
    expect(text).toMatch(
      /^Pod web: refused\.\npods "web" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1\n/,
    );
    expect(text).toMatch(/ResourceQuota q: charges this Pod\n {2}pods: used 1 \+ 1 of hard 1 — exceeded/);
  });

  test('a manifest error is a tool error with the field path', async () => {
    const bad = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 70000 }] }\n';
    const r = await call(await connect(), 'dns_records', { manifests: bad });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/objects\[0\]\.spec\.ports\[0\]\.port/);
  });
});

describe('resources', () => {
  test('every concept is listed as kubeknow://concepts/<slug> and reads as markdown, in Korean with ?lang=ko', async () => {
    const client = await connect();
    const { resources } = await client.listResources();
    expect(resources.length).toBe(t.knowledge.concepts().length);
    const headless = resources.find((r) => r.uri === 'kubeknow://concepts/headless-service')!;
    expect(headless).toMatchObject({ name: 'headless-service', title: 'Headless Service', mimeType: 'text/markdown' });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toContain('kubeknow://concepts/{slug}');
    const en = await client.readResource({ uri: 'kubeknow://concepts/headless-service' });
    expect(en.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
    expect((en.contents[0] as { text: string }).text).toMatch(/^# Headless Service/);
    const ko = await client.readResource({ uri: 'kubeknow://concepts/headless-service?lang=ko' });
    expect((ko.contents[0] as { text: string }).text).toMatch(/^# .*[가-힣]/);
  });

  test('an unknown concept is a resource-not-found error with suggestions', async () => {
    const client = await connect();
    await expect(client.readResource({ uri: 'kubeknow://concepts/headlss-service' })).rejects.toMatchObject({
      code: -32002,
      message: expect.stringMatching(/did you mean "headless-service"/),
    });
  });

  test('a concept URI is read as REST reads the path: bad encoding, an unknown or repeated parameter are refused at uri', async () => {
    const client = await connect();
    for (const [uri, problem] of [
      ['kubeknow://concepts/%E0%A4%A', /not percent-encoded UTF-8/],
      ['kubeknow://concepts/pod?x=1', /takes only \?lang=en or \?lang=ko; got \?x=/],
      ['kubeknow://concepts/pod?lang=ko&lang=en', /lang given twice/],
    ] as const)
      await expect(client.readResource({ uri })).rejects.toMatchObject({
        code: -32600,
        data: { code: 'BAD_USER_INPUT', problems: [{ path: 'uri', message: expect.stringMatching(problem) }] },
      });
    expect((await client.readResource({ uri: 'kubeknow://concepts/pod?lang=ko' })).contents).toHaveLength(1);
  });

  test('an unknown tool is refused with the tools there are and the nearest name', async () => {
    const client = await connect();
    await expect(client.callTool({ name: 'search_concept', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(
        /Tool search_concept not found; tools: .*get_context.*Did you mean "search_concepts"\?$/,
      ),
      data: { tools: expect.arrayContaining(['search_concepts', 'dns_query']) },
    });
  });
});

describe('security', () => {
  const http = () => supertest(t.app.server);
  const init = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  };
  const accept = 'application/json, text/event-stream';

  test('a request from a foreign Origin is a 403 JSON-RPC error (DNS-rebinding protection)', async () => {
    const res = await http().post('/mcp').set('Origin', 'https://evil.example').set('Accept', accept).send(init);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, data: { code: 'FORBIDDEN', problems: [{ path: 'headers.origin' }] } },
    });
    const nullOrigin = await http().post('/mcp').set('Origin', 'null').set('Accept', accept).send(init);
    expect(nullOrigin.status).toBe(403);
  });

  test('a page on localhost may call it', async () => {
    const res = await http().post('/mcp').set('Origin', 'http://localhost:6274').set('Accept', accept).send(init);
    expect(res.status).toBe(200);
    expect(res.body.result.serverInfo.name).toBe('kubeknow');
  });

  test('a foreign Host is a 403 JSON-RPC error, on every method', async () => {
    for (const req of [http().post('/mcp').send(init), http().get('/mcp')]) {
      const res = await req.set('Host', 'attacker.example:4000').set('Accept', accept);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ data: { code: 'FORBIDDEN', problems: [{ path: 'headers.host' }] } });
    }
  });

  // Hostile review: these passed as localhost, then the MCP transport, building a URL of the Host, answered an
  // empty 400. A Host that is not host[:port] is a bad request (RFC 9112 §3.2), refused by the guard.
  test.each(['localhost:', 'localhost:99999', '127.0.0.1:4000:1', 'local host'])(
    'Host %j is refused by the guard: 400 JSON-RPC error at headers.host',
    async (host) => {
      const res = await http().post('/mcp').set('Host', host).set('Accept', accept).send(init);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, data: { code: 'BAD_USER_INPUT', problems: [{ path: 'headers.host' }] } },
      });
    },
  );

  test('MCP_ALLOWED_HOSTS and MCP_ALLOWED_ORIGINS admit more', async () => {
    const at = await appWith({ allowedHosts: ['kubeknow.internal'], allowedOrigins: ['https://portal.example.com'] });
    const res = await supertest(at.origin)
      .post('/mcp')
      .set('Host', 'kubeknow.internal:8080')
      .set('Origin', 'https://portal.example.com')
      .set('Accept', accept)
      .send(init);
    expect(res.status).toBe(200);
    const other = await supertest(at.origin)
      .post('/mcp')
      .set('Origin', 'https://portal.example.com.evil')
      .set('Accept', accept)
      .send(init);
    expect(other.status).toBe(403);
  });

  test('GET and DELETE are 405: the server is stateless', async () => {
    for (const req of [http().get('/mcp').set('Accept', 'text/event-stream'), http().delete('/mcp')]) {
      const res = await req;
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      // As every other method /mcp does not take (src/http/methods.ts): JSON-RPC's invalid request, our code.
      expect(res.body.error).toMatchObject({ code: -32600, data: { code: 'METHOD_NOT_ALLOWED' } });
      expect(res.body.error.message).toMatch(/stateless/);
    }
  });

  test('a malformed API key is a 401 JSON-RPC error', async () => {
    const res = await http().post('/mcp').set('Authorization', 'Bearer nope').set('Accept', accept).send(init);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: -32600, data: { code: 'UNAUTHENTICATED' } });
  });

  test('with requireKey every tool call and resource read needs a key with the read scope, checked on the call', async () => {
    const at = await appWith({ requireKey: true });
    const anonymous = await connect(at);
    // Listing stays open so that a client can show what it would get with a key.
    expect((await anonymous.listTools()).tools.length).toBeGreaterThan(0);
    const denied = await call(anonymous, 'search_concepts', { q: 'pod' });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^Error UNAUTHENTICATED:/);
    await expect(anonymous.readResource({ uri: 'kubeknow://concepts/pod' })).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(anonymous.listResources()).rejects.toMatchObject({
      code: -32600,
      message: expect.stringMatching(/UNAUTHENTICATED/),
    });
    const completeSlug = (client: Client) =>
      client.complete({
        ref: { type: 'ref/resource', uri: 'kubeknow://concepts/{slug}' },
        argument: { name: 'slug', value: 'po' },
      });
    // Completion lists slugs too.
    await expect(completeSlug(anonymous)).rejects.toThrow(/UNAUTHENTICATED/);

    const reader = await connect(at, { Authorization: await t.bearer('read') });
    const ok = await call(reader, 'search_concepts', { q: 'pod' });
    expect(ok.isError).toBeFalsy();
    expect((await reader.readResource({ uri: 'kubeknow://concepts/pod' })).contents).toHaveLength(1);
    expect((await completeSlug(reader)).completion.values).toContain('pod');

    const writer = await connect(at, { Authorization: await t.bearer('write') });
    expect(textOf(await call(writer, 'search_concepts', { q: 'pod' }))).toMatch(
      /^Error FORBIDDEN:\n- this API key lacks the "read" scope/,
    );

    const admin = await connect(at, { Authorization: await t.bearer('admin') });
    expect((await call(admin, 'get_concept', { slug: 'pod', maxChars: 500 })).isError).toBeFalsy();
  });
});

describe('guard', () => {
  test.each([
    ['127.0.0.1:4000', [], true],
    ['localhost', [], true],
    ['LOCALHOST:80', [], true],
    ['[::1]:4000', [], true],
    ['', [], false],
    ['localhost.evil.example', [], false],
    ['127.0.0.1.nip.io:4000', [], false],
    ['kubeknow:4000', ['kubeknow'], true],
    ['kubeknow:4000', ['kubeknow:8080'], false],
    ['kubeknow:8080', ['kubeknow:8080'], true],
    ['localhost:', [], false],
    ['localhost:99999', [], false],
    ['localhost:65535', [], true],
  ])('Host %j with allowed %j → %s', (host, allowed, want) => {
    expect(isAllowedHost(host, allowed)).toBe(want);
  });

  test.each([
    [undefined, [], true],
    ['http://localhost:6274', [], true],
    ['http://127.0.0.1', [], true],
    ['http://[::1]:3000', [], true],
    ['null', [], false],
    ['https://evil.example', [], false],
    ['http://localhost.evil.example', [], false],
    ['https://portal.example.com', ['https://portal.example.com/'], true],
    ['http://portal.example.com', ['https://portal.example.com'], false],
  ])('Origin %j with allowed %j → %s', (origin, allowed, want) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(want);
  });

  test('options from the environment, with PUBLIC_URL allowed', () => {
    expect(mcpOptionsFromEnv({})).toEqual({ requireKey: false, allowedHosts: [], allowedOrigins: [] });
    expect(
      mcpOptionsFromEnv({
        MCP_REQUIRE_KEY: 'true',
        MCP_ALLOWED_HOSTS: 'a, b:81 ,',
        MCP_ALLOWED_ORIGINS: 'https://x.example',
        PUBLIC_URL: 'https://kk.example.com/',
      }),
    ).toEqual({
      requireKey: true,
      allowedHosts: ['a', 'b:81', 'kk.example.com'],
      allowedOrigins: ['https://x.example', 'https://kk.example.com'],
    });
    expect(() => mcpOptionsFromEnv({ PUBLIC_URL: 'kk.example.com' })).toThrow(/PUBLIC_URL must be an absolute URL/);
  });
});

test('bounded output stays within its limit, note included, and cuts at a break', () => {
  const en = 'word '.repeat(400);
  const ko = '헤드리스 서비스는 '.repeat(300);
  for (const text of [en, ko]) {
    for (const max of [500, 777, 1500]) {
      const out = bounded(text, max, 'Ask for less.');
      expect([...out].length).toBeLessThanOrEqual(max);
      expect(out).toMatch(
        new RegExp(`\\[truncated: cut to fit ${max} of ${[...text].length} characters\\. Ask for less\\.\\]$`),
      );
      expect(out.split('\n\n[truncated')[0]).toMatch(/\S$/);
    }
  }
  expect(bounded('short', 500, 'x')).toBe('short');
});

test('a JSON-RPC batch of several messages is refused at once, as the protocol no longer has batches', async () => {
  const message = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list', params: {} });
  const post = (body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(body),
    });
  const batch = await post([message(1), message(2)]);
  expect(batch.status).toBe(400);
  const refusal = 'JSON-RPC batches are not supported: send one message per request';
  expect(await batch.json()).toEqual({
    jsonrpc: '2.0',
    error: {
      code: -32600,
      message: refusal,
      data: { code: 'BAD_USER_INPUT', problems: [{ path: '', message: refusal }] },
    },
    id: null,
  });
});

describe('a message refused before the server reads it gets the JSON-RPC code the spec gives it, with our code', () => {
  const post = (body: string, contentType = 'application/json') =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json, text/event-stream' },
      body,
    });
  const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
  const cases: { name: string; body: string; contentType?: string; status: number; want: unknown }[] = [
    {
      // JSON-RPC: "rpc call with an empty Array" is an Invalid Request.
      name: 'an empty batch',
      body: '[]',
      status: 400,
      want: {
        code: -32600,
        message: 'JSON-RPC batches are not supported: send one message per request',
        data: { code: 'BAD_USER_INPUT', problems: [{ path: '' }] },
      },
    },
    ...['null', '{}', '42', '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":null}'].map((body) => ({
      // -32700 is for a body that is not JSON; this one is JSON but no message.
      name: `JSON that is not a JSON-RPC message: ${body}`,
      body,
      status: 400,
      want: { code: -32600, data: { code: 'BAD_USER_INPUT', problems: [{ path: '' }] } },
    })),
    {
      // The SDK's server answered -32603 with its schema's raw issues.
      name: 'tools/call with arguments that are not an object',
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'x', arguments: 'x' } }),
      status: 200,
      want: {
        code: -32602,
        message: expect.stringMatching(/^Invalid params: params\.arguments: /),
        data: { code: 'BAD_USER_INPUT', problems: [{ path: 'params.arguments' }] },
      },
    },
    ...['text/plain', 'application/yaml'].map((contentType) => ({
      // The SDK answered -32000 without our code; docs/errors.md gives 415 UNSUPPORTED_MEDIA_TYPE.
      name: `a ${contentType} body`,
      body: toolsList,
      contentType,
      status: 415,
      want: {
        code: -32600,
        message: `headers.content-type: send application/json; got ${contentType}`,
        data: { code: 'UNSUPPORTED_MEDIA_TYPE', problems: [{ path: 'headers.content-type' }] },
      },
    })),
  ];
  for (const c of cases)
    test(c.name, async () => {
      const res = await post(c.body, c.contentType);
      expect(res.status).toBe(c.status);
      const body = (await res.json()) as { id: unknown };
      expect(body).toMatchObject({ jsonrpc: '2.0', error: c.want });
      expect(body.id).toBe(c.status === 200 ? 7 : null);
    });
});

// A tool's flat argument beside the field it stands for (dns_query's `name` for query.name, get_context's
// `q` for question): the field's own value was kept and the other dropped without a word. Refused, as
// REST refuses a query-string parameter beside the same field in the body.
test.each([
  ['get_context', { q: 'pod', question: 'service' }, 'q', 'given twice: as q and as question; give it once'],
  [
    'dns_query',
    { manifests: HEADLESS, name: 'web.shop.svc.cluster.local', query: { name: 'db.shop.svc.cluster.local' } },
    'name',
    'given twice: as name and as query.name; give it once',
  ],
])('%s: an argument given twice, flat and as its field, is refused at its name', async (tool, args, path, message) => {
  const r = await call(await connect(), tool, args);
  expect(r.isError).toBe(true);
  expect(r._meta?.['kubeknow/error']).toEqual({
    code: 'BAD_USER_INPUT',
    problems: [{ code: 'BAD_USER_INPUT', path, message }],
  });
});
