// One contract over every capability: for a table of inputs per capability (options left out, a
// Korean question without `lang`, bad inputs), REST, GraphQL and MCP answer the same — the same
// output modulo presentation, or the same error codes at the same field paths — through the real
// app on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL). Inputs are written once,
// with the capability's own field names; each transport is asked under its own names, found from
// its binding, and its answer is read back the same way.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { getNamedType, isEnumType, isObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { CAPABILITIES } from '../src/capabilities';
import type { ArgMap, Capability } from '../src/capabilities/capability';
import { buildGraphqlSchema } from '../src/graphql/schema';
import { ERROR_META } from '../src/mcp/tool';
import { mcpClient } from './helpers/mcp';
import { startTestApp, type TestApp } from './helpers/app';
import { SCHEDULING_QUESTION } from './helpers/scheduling';

let t: TestApp;
let mcp: Client;
let schema: GraphQLSchema;

beforeAll(async () => {
  t = await startTestApp();
  mcp = await mcpClient(t, 'contract-test');
  // Listing the tools first makes the SDK client check every structuredContent against its outputSchema.
  await mcp.listTools();
  schema = await buildGraphqlSchema();
});
afterAll(async () => {
  await mcp?.close();
  await t?.close();
});

type Input = Record<string, unknown>;
/** A string input value, or '' for anything else. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** What a transport answered: the output, read back into the capability's shape, or an error. */
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; paths: string[] };
/** A case's expected error, or `ok`. GraphQL refuses some inputs by its types before the capability runs. */
interface Case {
  name: string;
  input: Input;
  want: 'ok' | { code: string; paths: string[] };
  /** GraphQL refuses this by its own types, before the capability runs. */
  graphql?: 'typeSystem';
  /** Transports that cannot be asked this: their field or tool lacks the argument, or fixes it. */
  absent?: ('graphql' | 'mcp')[];
  /** What else to check of the agreed answer, in the capability's output shape. */
  check?: (value: never) => void;
}

const inverse = (renames: ArgMap = {}) => Object.fromEntries(Object.entries(renames).map(([n, p]) => [p, n]));

/** The input under a transport's argument names: nested fields flat where the transport takes them so. */
function named(input: Input, renames: ArgMap = {}): Input {
  const byPath = inverse(renames);
  const out: Input = {};
  for (const [k, v] of Object.entries(input)) {
    if (byPath[k]) out[byPath[k]] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((f) => byPath[`${k}.${f}`]))
      for (const [f, fv] of Object.entries(v)) out[byPath[`${k}.${f}`]] = fv;
    else out[k] = v;
  }
  return out;
}

/** Problem paths under the capability's own field names. */
const canonical = (paths: string[], renames: ArgMap = {}) =>
  paths.map((p) => {
    for (const [name, field] of Object.entries(renames))
      if (p === name || p.startsWith(`${name}.`) || p.startsWith(`${name}[`)) return field + p.slice(name.length);
    return p;
  });

// --- REST ---------------------------------------------------------------------------------------

async function viaRest(cap: Capability, input: Input): Promise<Outcome> {
  const rest = cap.rest!;
  const params = rest.path.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? [];
  const url = rest.path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(String(input[p])));
  const rest$ = Object.fromEntries(Object.entries(input).filter(([k]) => !params.includes(k)));
  const query = named(rest$, rest.params) as Record<string, string>;
  const res =
    rest.method === 'GET'
      ? await t.http.get(url).query(query)
      : rest.method === 'DELETE'
        ? await t.http.delete(url).query(query)
        : await t.http.post(url).set('content-type', 'application/json').send(rest$);
  if (res.status >= 400) {
    const body = res.body as { code: string; problems: { path: string }[] };
    return {
      ok: false,
      code: body.code,
      paths: canonical(
        body.problems.map((p) => p.path),
        rest.params,
      ),
    };
  }
  return { ok: true, value: res.body };
}

// --- MCP ----------------------------------------------------------------------------------------

async function viaMcp(cap: Capability, input: Input): Promise<Outcome> {
  const tool = cap.mcp!;
  const r = (await mcp.callTool({ name: tool.tool, arguments: named(input, tool.args) })) as CallToolResult;
  expect(r.content[0]).toMatchObject({ type: 'text', text: expect.any(String) });
  if (r.isError) {
    const e = r._meta?.[ERROR_META] as { code: string; problems: { path: string }[] };
    return {
      ok: false,
      code: e.code,
      paths: canonical(
        e.problems.map((p) => p.path),
        tool.args,
      ),
    };
  }
  return { ok: true, value: r.structuredContent };
}

// --- GraphQL ------------------------------------------------------------------------------------

/** Every field of a type, as a selection (JSON scalars are selected whole). */
function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  return `{ ${Object.values(named.getFields())
    .map((f) => `${f.name} ${selectionOf(f.type)}`)
    .join(' ')} }`;
}

/** A GraphQL answer as REST writes the same object: fields GraphQL gives as null are absent. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === null ? [] : [[k, withoutNulls(x)]])));
  return v;
}

async function gql(query: string, variables: Input = {}): Promise<Outcome & { data?: Record<string, unknown> }> {
  const res = await t.http.post('/graphql').send({ query, variables });
  const body = res.body as { data?: Record<string, unknown>; errors?: { extensions: Record<string, unknown> }[] };
  const e = body.errors?.[0]?.extensions;
  if (e) {
    const problems = (e.problems ?? []) as { path: string }[];
    return { ok: false, code: String(e.kubeknowCode ?? e.code), paths: problems.map((p) => p.path) };
  }
  return { ok: true, value: body.data, data: body.data };
}

/** A generated field, asked with the input's arguments under GraphQL's names and every output field selected. */
async function viaGeneratedField(cap: Capability, input: Input): Promise<Outcome> {
  const binding = cap.graphql!;
  const field = schema.getQueryType()!.getFields()[binding.field];
  const args = named(input, binding.args);
  const given = field.args.filter((a) => args[a.name] !== undefined);
  const variables = Object.fromEntries(
    given.map((a) => {
      const v = args[a.name];
      return [a.name, isEnumType(getNamedType(a.type)) ? String(v).toUpperCase() : v];
    }),
  );
  const decl = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `query${decl ? `(${decl})` : ''} { out: ${binding.field}${call ? `(${call})` : ''} ${selectionOf(field.type)} }`;
  const out = await gql(query, variables);
  if (!out.ok) return { ...out, paths: canonical(out.paths, binding.args) };
  const value = withoutNulls(out.data!.out);
  return { ok: true, value: binding.pick ? { [binding.pick]: value } : value };
}

// The hand-written fields, read back into the capability's shape where GraphQL's types differ.
const handwritten: Record<string, (input: Input) => Promise<Outcome>> = {
  async concept({ slug, lang }) {
    const l = lang ? `(lang: ${text(lang).toUpperCase()})` : '';
    const out = await gql(
      `query($slug: String!) { concept(slug: $slug) { slug version title${l} summary${l} language${l} } }`,
      { slug },
    );
    if (!out.ok) return out;
    const c = out.data!.concept as Record<string, string> | null;
    // A nullable lookup: GraphQL answers null where REST and MCP answer NOT_FOUND.
    if (!c) return { ok: false, code: 'NOT_FOUND', paths: ['slug'] };
    return {
      ok: true,
      value: { slug: c.slug, version: c.version, title: c.title, summary: c.summary, lang: c.language.toLowerCase() },
    };
  },
  async concepts(input) {
    const args = named(input, { first: 'limit', after: 'cursor' });
    const out = await gql(
      `query($first: Int, $after: String, $category: String, $kind: ConceptKind) { concepts(first: $first, after: $after, category: $category, kind: $kind) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } } }`,
      args,
    );
    if (!out.ok) return { ...out, paths: canonical(out.paths, { first: 'limit', after: 'cursor' }) };
    const c = out.data!.concepts as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { slug: string }[];
    };
    return {
      ok: true,
      value: {
        slugs: c.nodes.map((n) => n.slug),
        total: c.totalCount,
        nextCursor: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null,
      },
    };
  },
  async references(input) {
    const args = named(input, { first: 'limit', after: 'cursor' });
    const out = await gql(
      `query($first: Int, $after: String, $reliability: Reliability) { references(first: $first, after: $after, reliability: $reliability) { totalCount pageInfo { hasNextPage endCursor } nodes { key } } }`,
      args,
    );
    if (!out.ok) return { ...out, paths: canonical(out.paths, { first: 'limit', after: 'cursor' }) };
    const r = out.data!.references as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { key: string }[];
    };
    return {
      ok: true,
      value: {
        keys: r.nodes.map((n) => n.key),
        total: r.totalCount,
        nextCursor: r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null,
      },
    };
  },
  async revisions(input) {
    const args = named(input, { first: 'limit', after: 'cursor' });
    const out = await gql(
      `query($slug: String!, $first: Int, $after: String) { revisions(slug: $slug, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { action version author createdAt changes { field } } } }`,
      args,
    );
    if (!out.ok) return { ...out, paths: canonical(out.paths, { first: 'limit', after: 'cursor' }) };
    const r = out.data!.revisions as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } };
    const nodes = (out.data!.revisions as { nodes: { changes: { field: string }[] }[] }).nodes;
    return {
      ok: true,
      value: {
        revisions: nodes.map((n) => ({ ...n, changes: n.changes.map((c) => c.field) })),
        total: r.totalCount,
        nextCursor: r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null,
      },
    };
  },
  async search(input) {
    const args = named(input, { first: 'limit', after: 'cursor' });
    if (args.lang) args.lang = text(args.lang).toUpperCase();
    const out = await gql(
      `query($query: String!, $first: Int, $after: String, $lang: Language) { search(query: $query, first: $first, after: $after, lang: $lang) { totalCount match edges { score relevance matchedLanguage matchedField snippet highlights { start end } node { slug } } } }`,
      args,
    );
    if (!out.ok) return { ...out, paths: canonical(out.paths, { first: 'limit', after: 'cursor' }) };
    const s = out.data!.search as {
      totalCount: number;
      match: string;
      edges: {
        score: number;
        relevance: number;
        matchedLanguage: string;
        matchedField: string;
        snippet: string;
        highlights: { start: number; end: number }[];
        node: { slug: string };
      }[];
    };
    return {
      ok: true,
      value: {
        total: s.totalCount,
        match: s.match.toLowerCase(),
        hits: s.edges.map((e) => ({
          slug: e.node.slug,
          score: e.score,
          relevance: e.relevance,
          matchedLang: e.matchedLanguage.toLowerCase(),
          matchedField: e.matchedField.toLowerCase(),
          snippet: e.snippet,
          highlights: e.highlights.map((h) => [h.start, h.end]),
        })),
      },
    };
  },
  async relations({ slug, direction, type }) {
    const dir = direction ? `direction: ${text(direction).toUpperCase()}` : '';
    const typ = type ? `type: ${text(type)}` : '';
    const args = [dir, typ].filter(Boolean).join(', ');
    const out = await gql(
      `query($slug: String!) { concept(slug: $slug) { relations${args ? `(${args})` : ''} { direction type source { slug } target { slug } } } }`,
      { slug },
    );
    if (!out.ok) return out;
    const c = out.data!.concept as {
      relations: { direction: string; type: string; source: { slug: string }; target: { slug: string } }[];
    } | null;
    if (!c) return { ok: false, code: 'NOT_FOUND', paths: ['slug'] };
    return {
      ok: true,
      value: c.relations.map((r) => {
        const outgoing = r.direction === 'OUTGOING';
        return `${outgoing ? 'outgoing' : 'incoming'} ${r.type} ${outgoing ? r.target.slug : r.source.slug}`;
      }),
    };
  },
  async context({ question, lang, budget, unit }) {
    const name = unit === 'tokens' ? 'budgetTokens' : 'budgetChars';
    const out = await gql(
      `query($question: String!, $lang: Language, $budget: Int) { groundedContext(question: $question, lang: $lang, ${name}: $budget) { budget truncated match markdown concepts { slug relevance } facts { key } caveats { key } } }`,
      { question, budget, ...(lang ? { lang: text(lang).toUpperCase() } : {}) },
    );
    if (!out.ok) return { ...out, paths: canonical(out.paths, { [name]: 'budget' }) };
    const g = out.data!.groundedContext as {
      budget: number;
      truncated: boolean;
      match: string;
      markdown: string;
      concepts: { slug: string; relevance: number }[];
      facts: { key: string }[];
      caveats: { key: string }[];
    };
    return {
      ok: true,
      value: {
        limit: g.budget,
        truncated: g.truncated,
        match: g.match.toLowerCase(),
        concepts: g.concepts.map((c) => c.slug),
        relevance: g.concepts.map((c) => c.relevance),
        facts: g.facts.map((f) => f.key),
        caveats: g.caveats.map((f) => f.key),
        markdown: g.markdown,
      },
    };
  },
};

// --- what each transport's answer is, read back into one shape --------------------------------

type Item = Record<string, unknown>;
/** REST's and MCP's output, in the shape the hand-written GraphQL field is read back into. */
const asHandwritten: Record<string, (out: Item, input: Input) => unknown> = {
  concept: (c) => ({ slug: c.slug, version: c.version, title: c.title, summary: c.summary, lang: c.lang }),
  concepts: (p) => ({ slugs: (p.items as Item[]).map((i) => i.slug), total: p.total, nextCursor: p.nextCursor }),
  references: (p) => ({ keys: (p.items as Item[]).map((i) => i.key), total: p.total, nextCursor: p.nextCursor }),
  revisions: (p) => ({
    revisions: (p.items as Item[]).map(({ action, version, author, createdAt, changes }) => ({
      action,
      version,
      author,
      createdAt,
      changes: (changes as Item[]).map((c) => c.field),
    })),
    total: p.total,
    nextCursor: p.nextCursor,
  }),
  search: (p) => ({
    total: p.total,
    match: p.match,
    hits: (p.items as Item[]).map(({ slug, score, relevance, matchedLang, matchedField, snippet, highlights }) => ({
      slug,
      score,
      relevance,
      matchedLang,
      matchedField,
      snippet,
      highlights,
    })),
  }),
  relations: (p) => (p.items as Item[]).map((r) => `${String(r.direction)} ${String(r.type)} ${String(r.slug)}`),
  context: (c) => ({
    limit: (c.budget as Item).limit,
    truncated: c.truncated,
    match: c.match,
    concepts: (c.concepts as Item[]).map((x) => x.slug),
    relevance: (c.concepts as Item[]).map((x) => x.relevance),
    facts: (c.facts as Item[]).map((x) => x.key),
    caveats: (c.caveats as Item[]).map((x) => x.key),
  }),
};

/** Whether every field of a value is in its schema: what the transports answer is documented. */
function undocumented(schema: z.ZodType, value: unknown, at = ''): string[] {
  const def = schema.def as {
    type: string;
    innerType?: z.ZodType;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    options?: z.ZodType[];
  };
  if (def.innerType) return undocumented(def.innerType, value, at);
  if (def.type === 'array' && Array.isArray(value))
    return value.flatMap((v, i) => undocumented(def.element!, v, `${at}[${i}]`));
  if (def.type === 'object' && value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      def.shape![k] ? undocumented(def.shape![k], v, `${at}.${k}`) : [`${at}.${k}`],
    );
  return [];
}

const HEADLESS = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { clusterIP: None, selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { clusterIP: 10.96.0.20, selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-0, namespace: shop, labels: { app: web } }
spec: { hostname: web-0, subdomain: web, containers: [{ name: c, image: nginx, ports: [{ name: http, containerPort: 80 }] }] }
status: { podIP: 10.1.0.5, conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: other }
spec: { containers: [{ name: c, image: busybox }] }
status: { podIP: 10.2.0.9 }
`;
const OBJECTS = parseAllDocuments(HEADLESS).map((d) => d.toJS() as object);
const LIST = { apiVersion: 'v1', kind: 'List', items: OBJECTS };
const INVALID = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { ports: [{ port: 70000 }] },
  },
];
const SCHEDULING_OBJECTS = parseAllDocuments(SCHEDULING_QUESTION).map((d) => d.toJS() as object);
const PROBED = {
  name: 'web',
  image: 'web:1',
  livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 10, failureThreshold: 3 },
  readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 5 },
};
const testdata = (f: string) => readFileSync(join(__dirname, '..', 'src', 'k8s', 'secrets', 'testdata', f), 'utf8');
const TLS = { cert: testdata('rsa.crt'), key: testdata('rsa.key'), otherKey: testdata('rsa-other.key') };
const KOREAN = '헤드리스 서비스는 DNS에서 뭘 돌려줘?';
const hangul = /[가-힣]/;
const bad = (code: string, ...paths: string[]) => ({ code, paths });
// podAdmission's namespace: a quota of one Pod with one running, and a LimitRange with cpu defaults.
const QUOTA_NAMESPACE = `apiVersion: v1
kind: ResourceQuota
metadata: { name: pods, namespace: shop }
spec: { hard: { pods: "1" } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1, namespace: shop }
spec: { containers: [{ name: c, image: nginx }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-2, namespace: shop }
spec: { containers: [{ name: c, image: nginx }] }
`;
const [, , QUOTA_POD] = parseAllDocuments(QUOTA_NAMESPACE).map((d) => d.toJS() as Record<string, unknown>);
const LIMIT_RANGE = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'cpu', namespace: 'shop' },
  spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }] },
};

const CASES: Record<string, Case[]> = {
  concept: [
    {
      name: 'options left out: English',
      input: { slug: 'headless-service' },
      want: 'ok',
      check: (c: { lang: string }) => expect(c.lang).toBe('en'),
    },
    {
      name: 'in Korean',
      input: { slug: 'headless-service', lang: 'ko' },
      want: 'ok',
      check: (c: { title: string }) => expect(c.title).toMatch(hangul),
    },
    { name: 'an unknown slug', input: { slug: 'headlss-service' }, want: bad('NOT_FOUND', 'slug') },
    { name: 'an empty slug', input: { slug: '' }, want: bad('BAD_USER_INPUT', 'slug') },
    {
      name: 'an unknown language',
      input: { slug: 'pod', lang: 'fr' },
      want: bad('BAD_USER_INPUT', 'lang'),
      absent: ['graphql'],
    },
  ],
  concepts: [
    {
      name: 'options left out: the first 20',
      input: {},
      want: 'ok',
      check: (p: { items: unknown[] }) => expect(p.items).toHaveLength(20),
    },
    { name: 'a category, a page of 3', input: { category: 'dns', limit: 3 }, want: 'ok' },
    { name: 'an unknown category', input: { category: 'networkin' }, want: bad('BAD_USER_INPUT', 'category') },
    { name: 'a kind', input: { kind: 'RESOURCE', limit: 100 }, want: 'ok' },
    { name: 'a page of none', input: { limit: 0 }, want: bad('BAD_USER_INPUT', 'limit') },
    { name: 'a cursor this API never gave', input: { cursor: 'bm9wZQ' }, want: bad('BAD_USER_INPUT', 'cursor') },
  ],
  search: [
    {
      name: 'options left out: 10 hits',
      input: { query: 'service' },
      want: 'ok',
      check: (s: { items: unknown[] }) => expect(s.items).toHaveLength(10),
    },
    {
      name: 'a Korean question without lang answers in Korean',
      input: { query: KOREAN },
      want: 'ok',
      check: (s: { items: { slug: string; title: string }[] }) =>
        expect(s.items[0]).toMatchObject({ slug: 'headless-service', title: expect.stringMatching(hangul) }),
    },
    {
      name: 'snippets: each in the language asked, whole sentences with "…" where the passage goes on',
      input: { query: '레디니스 프로브가 실패하면 파드가 재시작되나요?', limit: 10 },
      want: 'ok',
      check: (s: { items: { snippet: string; matchedLang: string }[] }) => {
        for (const { snippet, matchedLang } of s.items) {
          expect(matchedLang).toBe('ko');
          expect(snippet).toMatch(hangul);
          // A cut after a whole sentence stands apart ("다. …"); one inside a sentence too long for a
          // snippet sits on the word.
          if (snippet.endsWith(' …')) expect(snippet).toMatch(/[.?!。]["'”’)`*]* …$/);
          if (snippet.startsWith('… ')) expect(snippet).toMatch(/^… \S/);
        }
      },
    },
    { name: 'a page after a cursor', input: { query: 'service', limit: 2, cursor: 'b2Zmc2V0OjE' }, want: 'ok' },
    {
      name: 'a question no concept covers: match none',
      input: { query: 'best pizza dough recipe' },
      want: 'ok',
      check: (s: { match: string }) => expect(s.match).toBe('none'),
    },
    {
      name: 'a question a concept answers: match strong, relevance on every item',
      input: { query: 'clusterIP: None' },
      want: 'ok',
      check: (s: { match: string; items: { relevance: number }[] }) => {
        expect(s.match).toBe('strong');
        for (const i of s.items) expect(i.relevance).toBeGreaterThanOrEqual(0);
      },
    },
    { name: 'an empty question', input: { query: '' }, want: bad('BAD_USER_INPUT', 'query') },
    { name: 'a question too long', input: { query: 'x'.repeat(501) }, want: bad('BAD_USER_INPUT', 'query') },
    { name: 'too many hits', input: { query: 'pod', limit: 500 }, want: bad('BAD_USER_INPUT', 'limit') },
  ],
  relations: [
    {
      name: 'options left out: both directions (GraphQL reads OUTGOING unless asked)',
      input: { slug: 'headless-service' },
      want: 'ok',
    },
    {
      name: 'incoming of one type',
      input: { slug: 'service', direction: 'incoming', type: 'IS_A' },
      want: 'ok',
      check: (r: { items: { slug: string }[] }) => expect(r.items.map((x) => x.slug)).toContain('headless-service'),
    },
    { name: 'an unknown slug', input: { slug: 'nope' }, want: bad('NOT_FOUND', 'slug') },
    { name: 'a limit', input: { slug: 'service', limit: 1 }, want: 'ok', absent: ['graphql'] },
  ],
  revisions: [
    {
      name: 'options left out: the newest 20 of a concept',
      input: { slug: 'service' },
      want: 'ok',
      check: (p: { items: { action: string }[] }) => expect(p.items.at(-1)?.action).toBe('seed.create'),
    },
    { name: 'a reference’s history', input: { slug: 'reference:k8s-service' }, want: 'ok' },
    { name: 'a page of none', input: { slug: 'service', limit: 0 }, want: bad('BAD_USER_INPUT', 'limit') },
    {
      name: 'a cursor this API never gave',
      input: { slug: 'pod', cursor: 'bm9wZQ' },
      want: bad('BAD_USER_INPUT', 'cursor'),
    },
    {
      name: 'a slug with no history',
      input: { slug: 'no-such-concept' },
      want: 'ok',
      check: (p: { total: number }) => expect(p.total).toBe(0),
    },
  ],
  context: [
    {
      name: 'options left out: 4000 characters, English',
      input: { question: 'What DNS records does a headless Service get?' },
      want: 'ok',
    },
    {
      name: 'a Korean question without lang answers in Korean',
      input: { question: KOREAN },
      want: 'ok',
      check: (c: { lang: string }) => expect(c.lang).toBe('ko'),
    },
    {
      name: 'a budget in tokens',
      input: { question: 'pod', budget: 300, unit: 'tokens' },
      want: 'ok',
    },
    {
      name: 'a budget under the minimum',
      input: { question: 'pod', budget: 100 },
      want: bad('BAD_USER_INPUT', 'budget'),
    },
    { name: 'an empty question', input: { question: '' }, want: bad('BAD_USER_INPUT', 'question') },
  ],
  references: [
    { name: 'options left out', input: {}, want: 'ok' },
    { name: 'only the DISPUTED ones', input: { reliability: 'DISPUTED', limit: 100 }, want: 'ok' },
    { name: 'a page of none', input: { limit: 0 }, want: bad('BAD_USER_INPUT', 'limit') },
  ],
  export: [
    { name: 'options left out: every language', input: {}, want: 'ok' },
    { name: 'Korean only', input: { lang: 'ko', limit: 5 }, want: 'ok' },
    { name: 'a page of none', input: { limit: 0 }, want: bad('BAD_USER_INPUT', 'limit') },
  ],
  dnsQuery: [
    {
      name: 'options left out: type A, cluster.local, TTL 5',
      input: { manifests: HEADLESS, query: { name: 'web-0.web.shop.svc.cluster.local' } },
      want: 'ok',
      check: (a: { answer: { ttl: number; data: string }[] }) =>
        expect(a.answer).toEqual([expect.objectContaining({ ttl: 5, data: '10.1.0.5' })]),
    },
    {
      name: 'objects as a kind: List, an SRV question, a zone and a TTL',
      input: {
        objects: LIST,
        query: { name: '_http._tcp.api.shop.svc.example.internal', type: 'SRV' },
        clusterDomain: 'example.internal',
        ttl: 30,
      },
      want: 'ok',
    },
    {
      name: 'a bad name and a bad TTL, together',
      input: { manifests: HEADLESS, query: { name: 'a..b' }, ttl: 99999 },
      want: bad('FIELD_INVALID', 'query.name', 'ttl'),
    },
    {
      name: 'an unknown query type',
      input: { manifests: HEADLESS, query: { name: 'web', type: 'AAA' } },
      want: bad('FIELD_NOT_SUPPORTED', 'query.type'),
      graphql: 'typeSystem',
    },
    {
      name: 'invalid manifests, at their paths',
      input: { objects: INVALID, query: { name: 'web.shop.svc.cluster.local' } },
      want: bad('FIELD_INVALID', 'objects[0].spec.ports[0].port'),
    },
    {
      name: 'no manifests',
      input: { query: { name: 'web.shop.svc.cluster.local' } },
      want: bad('FIELD_REQUIRED', 'objects'),
    },
  ],
  dnsRecords: [
    {
      name: 'options left out',
      input: { manifests: HEADLESS },
      want: 'ok',
      check: (r: { records: { ttl: number; name: string }[] }) =>
        expect(r.records.every((x) => x.ttl === 5 || x.name.startsWith('dns-version'))).toBe(true),
    },
    {
      name: 'objects, a zone, a pod mode',
      input: { objects: OBJECTS, clusterDomain: 'example.internal', podMode: 'disabled' },
      want: 'ok',
    },
    {
      name: 'a reverse zone as the cluster domain',
      input: { manifests: HEADLESS, clusterDomain: 'in-addr.arpa' },
      want: bad('FIELD_INVALID', 'clusterDomain'),
    },
    {
      name: 'a misspelt pod mode',
      input: { manifests: HEADLESS, podMode: 'verifed' },
      want: bad('FIELD_NOT_SUPPORTED', 'podMode'),
      graphql: 'typeSystem',
    },
    {
      name: 'manifest text that is not YAML',
      input: { manifests: 'kind: Service\nmetadata: {name: web\n  spec: [\n' },
      want: bad('MANIFEST_UNPARSABLE', ''),
    },
    {
      name: 'objects and manifests both',
      input: { manifests: HEADLESS, objects: OBJECTS },
      want: bad('FIELD_INVALID', 'manifests'),
    },
  ],
  dnsResolve: [
    { name: 'options left out', input: { manifests: HEADLESS, name: 'web', fromNamespace: 'shop' }, want: 'ok' },
    {
      name: 'from a Pod',
      input: { objects: OBJECTS, name: 'api.shop', fromPod: 'other/client', type: 'AAAA' },
      want: 'ok',
    },
    { name: 'no asking Pod', input: { manifests: HEADLESS, name: 'web' }, want: bad('FIELD_REQUIRED', 'fromPod') },
    {
      name: 'an asking Pod that is not there',
      input: { manifests: HEADLESS, name: 'web', fromPod: 'shop/nobody' },
      want: bad('NOT_FOUND', 'fromPod'),
    },
  ],
  endpointSlices: [
    { name: 'options left out', input: { manifests: HEADLESS }, want: 'ok' },
    { name: 'one endpoint per slice', input: { objects: OBJECTS, maxEndpointsPerSlice: 1 }, want: 'ok' },
    {
      name: 'too many endpoints per slice',
      input: { manifests: HEADLESS, maxEndpointsPerSlice: 5000 },
      want: bad('FIELD_INVALID', 'maxEndpointsPerSlice'),
    },
  ],
  schedulingEvaluate: [
    {
      name: 'options left out: the last Pod, every node evaluated, LeastAllocated',
      input: { manifests: SCHEDULING_QUESTION },
      want: 'ok',
      check: (r: { selectedNode: string; nodes: { name: string; feasible: boolean }[] }) => {
        expect(r.selectedNode).toBe('node-a');
        expect(r.nodes.map((n) => [n.name, n.feasible])).toEqual([
          ['node-a', true],
          ['node-b', true],
          ['node-c', false],
        ]);
      },
    },
    {
      name: 'objects, the Pod apart, bin packing',
      input: { objects: SCHEDULING_OBJECTS.slice(0, 3), pod: SCHEDULING_OBJECTS[3], scoringStrategy: 'MostAllocated' },
      want: 'ok',
    },
    {
      name: 'a shape whose utilizations do not increase',
      input: {
        manifests: SCHEDULING_QUESTION,
        scoringStrategy: 'RequestedToCapacityRatio',
        shape: [
          { utilization: 50, score: 5 },
          { utilization: 10, score: 1 },
        ],
      },
      want: bad('FIELD_INVALID', 'shape[1].utilization'),
    },
    {
      name: 'a misspelt scoring strategy',
      input: { manifests: SCHEDULING_QUESTION, scoringStrategy: 'LeastAlocated' },
      want: bad('FIELD_NOT_SUPPORTED', 'scoringStrategy'),
      graphql: 'typeSystem',
    },
    { name: 'no Pod to place', input: { objects: SCHEDULING_OBJECTS.slice(0, 3) }, want: bad('FIELD_REQUIRED', 'pod') },
  ],
  probesTimeline: [
    {
      name: 'options left out: a container, the default scenario (300 s, answering at once)',
      input: { container: PROBED },
      want: 'ok',
      check: (r: { summary: { restarts: number; firstReadyAt: number } }) =>
        expect(r.summary).toMatchObject({ restarts: 0, firstReadyAt: 0 }),
    },
    {
      name: 'a Pod, its Service and a hang only a restart ends',
      input: {
        pod: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'web', labels: { app: 'web' } },
          spec: { containers: [PROBED] },
        },
        service: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
        },
        scenario: { durationSeconds: 120, failures: [{ probes: 'liveness', from: 30 }] },
      },
      want: 'ok',
    },
    {
      name: 'manifests: the last Pod is simulated',
      input: {
        manifests: `apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containers: [${JSON.stringify(PROBED)}] }\n`,
        scenario: { durationSeconds: 60 },
      },
      want: 'ok',
    },
    {
      name: 'a period of 0, at its field',
      input: { container: { ...PROBED, livenessProbe: { exec: { command: ['true'] }, periodSeconds: 0 } } },
      want: bad('FIELD_INVALID', 'container.livenessProbe.periodSeconds'),
    },
    {
      name: 'a scenario of no seconds',
      input: { container: PROBED, scenario: { durationSeconds: 0 } },
      want: bad('FIELD_INVALID', 'scenario.durationSeconds'),
    },
    {
      name: 'a misspelt restart policy',
      input: { container: PROBED, restartPolicy: 'Allways' },
      want: bad('FIELD_NOT_SUPPORTED', 'restartPolicy'),
      graphql: 'typeSystem',
    },
    {
      name: 'neither a Pod nor a container',
      input: { scenario: { durationSeconds: 60 } },
      want: bad('FIELD_REQUIRED', 'pod'),
    },
  ],
  secretGeneric: [
    {
      name: 'options left out: no namespace, no type, no hash',
      input: { name: 'db', fromLiteral: ['user=admin'] },
      want: 'ok',
      check: (s: { yaml: string }) =>
        expect(s.yaml).toBe('apiVersion: v1\ndata:\n  user: YWRtaW4=\nkind: Secret\nmetadata:\n  name: db\n'),
    },
    {
      name: 'a file, a namespace and --append-hash',
      input: {
        name: 'app',
        namespace: 'shop',
        fromFile: [{ filename: 'app.conf', contentBase64: 'eD0x' }],
        appendHash: true,
      },
      want: 'ok',
    },
    {
      name: 'kubectl refuses a literal without =',
      input: { name: 'x', fromLiteral: ['nokey'] },
      want: bad('FIELD_INVALID', 'fromLiteral[0]'),
    },
    { name: 'kubectl refuses an empty name', input: { name: '' }, want: bad('FIELD_INVALID', 'name') },
  ],
  secretDecode: [
    {
      name: 'a Secret as YAML: each value decoded',
      input: {
        manifests: 'apiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: shop }\ndata: { user: YWRtaW4= }\n',
      },
      want: 'ok',
      check: (d: { type: string; data: unknown[] }) =>
        expect(d).toMatchObject({
          type: 'Opaque',
          data: [{ key: 'user', base64: 'YWRtaW4=', bytes: 5, text: 'admin' }],
        }),
    },
    {
      name: 'a value that is not base64, at its path',
      input: { objects: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'admin' } } },
      want: bad('FIELD_INVALID', 'objects[0].data["user"]'),
    },
    { name: 'no Secret', input: {}, want: bad('FIELD_REQUIRED', 'objects') },
  ],
  secretTls: [
    { name: 'options left out', input: { name: 'web', cert: TLS.cert, key: TLS.key }, want: 'ok' },
    {
      name: 'kubectl refuses a key of another pair',
      input: { name: 'web', cert: TLS.cert, key: TLS.otherKey },
      want: bad('FIELD_INVALID', 'cert'),
    },
  ],
  secretDockerRegistry: [
    {
      name: 'options left out: Docker Hub',
      input: { name: 'regcred', username: 'ci', password: 'p4ss' },
      want: 'ok',
      check: (s: { secret: { type: string } }) => expect(s.secret.type).toBe('kubernetes.io/dockerconfigjson'),
    },
    {
      name: 'kubectl refuses a user without a password',
      input: { name: 'regcred', username: 'ci' },
      want: bad('FIELD_INVALID', 'password'),
    },
  ],
  podAdmission: [
    {
      name: 'the Pod last in the manifests, refused by the quota',
      input: { manifests: QUOTA_NAMESPACE },
      want: 'ok',
      check: (r: { allowed: boolean; messages: string[] }) =>
        expect(r.messages).toEqual([
          'pods "web-2" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1',
        ]),
    },
    {
      name: 'objects and a separate pod, admitted with defaults',
      input: { objects: [LIMIT_RANGE], pod: QUOTA_POD },
      want: 'ok',
      check: (r: { allowed: boolean; defaults: unknown[] }) => expect(r.defaults).toHaveLength(2),
    },
    { name: 'no Pod to admit', input: { objects: [LIMIT_RANGE] }, want: bad('FIELD_REQUIRED', 'pod') },
    {
      name: 'an invalid pod, at its path',
      input: { objects: [], pod: { ...QUOTA_POD, spec: {} } },
      want: bad('FIELD_REQUIRED', 'pod.spec.containers'),
    },
  ],
  clusterApply: [
    { name: 'options left out', input: { manifests: HEADLESS }, want: 'ok' },
    {
      name: 'objects and cluster options',
      input: { objects: OBJECTS, cluster: { nodes: 2, nodePortRange: '31000-31999' } },
      want: 'ok',
    },
    {
      name: 'a service CIDR that is not one',
      input: { objects: OBJECTS, cluster: { serviceCIDR: '10.96.0.0/33' } },
      want: bad('FIELD_INVALID', 'cluster.serviceCIDR'),
    },
  ],
  // An edit: these calls carry no key, so each transport refuses it alike before reading the input
  // (test/reference-remove.test.ts removes references with one).
  removeReference: [
    { name: 'without an API key', input: { key: 'k8s-service', expectedVersion: 1 }, want: bad('UNAUTHENTICATED', '') },
    { name: 'without an API key, bad input too', input: { key: 'Not A Key' }, want: bad('UNAUTHENTICATED', '') },
  ],
  podEnvironment: [
    { name: 'a Pod by namespace and name', input: { manifests: HEADLESS, pod: 'shop/web-0' }, want: 'ok' },
    { name: 'a Pod that is not there', input: { objects: OBJECTS, pod: 'shop/nope' }, want: bad('NOT_FOUND', 'pod') },
    { name: 'not a Pod reference', input: { objects: OBJECTS, pod: 'a/b/c' }, want: bad('FIELD_INVALID', 'pod') },
  ],
};

test('every capability has a table of cases', () => {
  expect(Object.keys(CASES).sort()).toEqual(CAPABILITIES.map((c) => c.name).sort());
});

for (const cap of CAPABILITIES) {
  describe(cap.name, () => {
    for (const c of CASES[cap.name]) {
      test(c.name, async () => {
        const answers: [string, Outcome][] = [];
        if (cap.rest) answers.push(['rest', await viaRest(cap, c.input)]);
        if (cap.mcp && !c.absent?.includes('mcp')) answers.push(['mcp', await viaMcp(cap, c.input)]);
        const graphql = cap.graphql && !c.absent?.includes('graphql');
        if (graphql) {
          const out =
            cap.graphql!.resolver === 'generated'
              ? await viaGeneratedField(cap, c.input)
              : await handwritten[cap.name](c.input);
          if (c.graphql === 'typeSystem') {
            // GraphQL's own types refuse the input before the capability sees it (an unknown enum value).
            expect(out).toMatchObject({
              ok: false,
              code: expect.stringMatching(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/),
            });
          } else answers.push(['graphql', out]);
        }
        expect(answers.length).toBeGreaterThan(0);

        if (c.want !== 'ok') {
          for (const [transport, out] of answers)
            expect({ transport, out }).toEqual({
              transport,
              out: { ok: false, code: c.want.code, paths: expect.arrayContaining(c.want.paths) },
            });
          const paths = answers.map(([, out]) => (out.ok ? [] : [...out.paths].sort()));
          for (const p of paths) expect(p).toEqual(paths[0]);
          return;
        }

        for (const [transport, out] of answers)
          expect({ transport, ok: out.ok, out }).toMatchObject({ transport, ok: true });
        const values = new Map(answers.map(([transport, out]) => [transport, (out as { value: unknown }).value]));
        for (const transport of ['rest', 'mcp'] as const) {
          const v = values.get(transport);
          if (v === undefined) continue;
          expect(cap.output.safeParse(v).success).toBe(true);
          expect(undocumented(cap.output, v)).toEqual([]);
        }
        const rest = values.get('rest');
        // MCP sends context that fits only its markdown, as REST's ?format=md does; compared below.
        if (values.has('mcp') && cap.name !== 'context') expect(values.get('mcp')).toEqual(rest);
        if (values.has('graphql')) {
          const pick = cap.graphql!.pick;
          const shaped = asHandwritten[cap.name]
            ? asHandwritten[cap.name](rest as Item, c.input)
            : withoutNulls(pick ? { [pick]: (rest as Item)[pick] } : rest);
          if (cap.name === 'context')
            expect(values.get('graphql')).toEqual({ ...(shaped as object), markdown: expect.any(String) });
          else if (cap.name === 'relations' && c.input.direction === undefined) {
            // Concept.relations walks the graph from source to target: outgoing unless asked (the binding's default).
            expect(values.get('graphql')).toEqual((shaped as string[]).filter((r) => r.startsWith('outgoing')));
          } else expect(values.get('graphql')).toEqual(shaped);
        }
        c.check?.((values.get('rest') ?? values.get('mcp')) as never);
      });
    }
  });
}

test('MCP get_context is the markdown REST gives for ?format=md, with resource links', async () => {
  for (const question of ['What DNS records does a headless Service get?', KOREAN]) {
    const rest = await t.http.get('/v1/context').query({ q: question, format: 'md' }).expect(200);
    const r = (await mcp.callTool({ name: 'get_context', arguments: { q: question } })) as CallToolResult;
    const text = (r.content[0] as { text: string }).text;
    expect(text.replace(/kubeknow:\/\/concepts\//g, '/v1/concepts/')).toBe(rest.text);
    expect(r.structuredContent).toMatchObject({ lang: hangul.test(question) ? 'ko' : 'en' });
  }
});

test('every MCP tool declares its input and output schemas and annotations, from its capability', async () => {
  const { tools } = await mcp.listTools();
  const bound = CAPABILITIES.filter((c) => c.mcp);
  expect(tools.map((x) => x.name)).toEqual(bound.map((c) => c.mcp!.tool));
  for (const [i, tool] of tools.entries()) {
    const cap = bound[i];
    expect({ tool: tool.name, output: tool.outputSchema?.type, input: tool.inputSchema.type }).toEqual({
      tool: tool.name,
      output: 'object',
      input: 'object',
    });
    expect(Object.keys(tool.outputSchema!.properties ?? {}).sort()).toEqual(
      Object.keys((cap.output as unknown as { shape: object }).shape).sort(),
    );
    expect(tool.annotations).toMatchObject({
      readOnlyHint: cap.annotations.readOnly,
      idempotentHint: cap.annotations.idempotent,
      openWorldHint: false,
    });
  }
});
