// The API describing itself, through real HTTP against the real app: the OpenAPI 3.1 document is
// valid, complete and true to the responses; /docs and GraphiQL load only from this server; GET /
// indexes the routes; the SDL is served; every concept or list GET negotiates format and language.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { buildSchema } from 'graphql';
import { parseAllDocuments } from 'yaml';
import { printKubeknowSchema } from '../src/graphql/print';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let spec: OpenApi;
beforeAll(async () => {
  t = await startTestApp();
  spec = (await t.http.get('/openapi.json').expect(200)).body;
});
afterAll(() => t.close());

interface Media {
  schema?: Record<string, unknown>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: object }[];
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );

/** Every route the app serves, read from fastify's route tree ("├── /:slug (GET, HEAD)" lines). */
function registeredRoutes(): { method: string; path: string }[] {
  const stack: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─\s]*)(\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1].length / 4 - 1;
    stack.push(m[2]);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, path: stack.join('') });
  }
  return routes;
}

/** An ajv that knows the document's components, for checking schemas and real responses. */
function validator() {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; formats are annotations here.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi.json', components: spec.components });
  const resolve = (schema: object) =>
    JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/'));
  return { ajv, resolve };
}

describe('GET /openapi.json', () => {
  test('is an OpenAPI 3.1 document whose schemas are valid JSON Schema 2020-12 and whose $refs resolve', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.info).toMatchObject({ title: 'kubeknow', version: expect.any(String) });
    const { ajv, resolve } = validator();
    const text = JSON.stringify(spec);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
      expect(name && spec.components.schemas[name]).toBeTruthy();
    }
    for (const { method, path, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) {
        expect({ where, p: p.name, valid: ajv.validateSchema(p.schema ?? {}) }).toEqual({
          where,
          p: p.name,
          valid: true,
        });
        if (p.in === 'path')
          expect({ where, p: p.name, required: p.required }).toEqual({ where, p: p.name, required: true });
      }
      for (const name of path.match(/\{(\w+)\}/g) ?? [])
        expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
      for (const [status, r] of Object.entries(op.responses)) {
        expect({ where, status, description: Boolean(r.description) }).toEqual({ where, status, description: true });
        for (const media of Object.values(r.content ?? {}))
          expect(() => ajv.compile(resolve(media.schema ?? {}))).not.toThrow();
      }
    }
  });

  test('documents every /v1 route the app serves', async () => {
    const v1 = registeredRoutes().filter((r) => r.path.startsWith('/v1/') && r.method !== 'HEAD');
    expect(v1.length).toBeGreaterThanOrEqual(6);
    for (const r of v1) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      // A method a path does not take has a route that only answers 405 (src/http/methods.ts): nothing to document.
      const url = r.path.replace(/:(\w+)/g, 'x');
      if ((await t.app.inject({ method: r.method as 'GET', url })).statusCode === 405) continue;
      expect({ route: `${r.method} ${path}`, documented: Boolean(spec.paths[path]?.[r.method.toLowerCase()]) }).toEqual(
        {
          route: `${r.method} ${path}`,
          documented: true,
        },
      );
    }
    for (const path of [
      '/v1/concepts',
      '/v1/concepts/{slug}',
      '/v1/concepts/{slug}/relations',
      '/v1/references',
      '/v1/search',
      '/v1/export',
    ])
      expect(spec.paths[path]?.get).toBeDefined();
  });

  test('every operation has a summary, a description, tags, and its errors as problem+json with the shared Problem schema', () => {
    const problem = Object.entries(spec.components.schemas).find(([name]) => name === 'Problem');
    expect(problem).toBeDefined();
    expect(problem![1]).toMatchObject({
      required: expect.arrayContaining(['type', 'title', 'status', 'code', 'detail', 'problems']),
    });
    for (const { method, path, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      expect({
        where,
        summary: Boolean(op.summary),
        description: Boolean(op.description),
        tags: Boolean(op.tags?.length),
        errors:
          errors.length > 0 &&
          errors.every(
            ([, r]) => r.content?.['application/problem+json']?.schema?.$ref === `#/components/schemas/${problem![0]}`,
          ),
        success: Object.keys(op.responses).some((s) => s.startsWith('2')),
      }).toEqual({ where, summary: true, description: true, tags: true, errors: true, success: true });
    }
  });

  test('real responses match the documented JSON schemas', async () => {
    const { ajv, resolve } = validator();
    const check = async (path: string, url: string, status = 200) => {
      const res = await t.http.get(url).expect(status);
      const media = status === 200 ? 'application/json' : 'application/problem+json';
      const schema = spec.paths[path].get.responses[status].content![media].schema!;
      const validate = ajv.compile(resolve(schema));
      expect({ url, valid: validate(res.body), errors: validate.errors ?? null }).toEqual({
        url,
        valid: true,
        errors: null,
      });
    };
    await check('/v1/concepts', '/v1/concepts?limit=5');
    await check('/v1/concepts/{slug}', '/v1/concepts/headless-service?lang=ko');
    await check('/v1/concepts/{slug}', '/v1/concepts/headlss-service', 404);
    await check('/v1/concepts/{slug}/relations', '/v1/concepts/service-type-loadbalancer/relations');
    await check('/v1/references', '/v1/references?limit=100');
    await check('/v1/search', '/v1/search?q=headless%20service');
    await check('/v1/search', '/v1/search', 400);
    await check('/v1/export', '/v1/export?format=json');
    await check('/readyz', '/readyz');
  });
});

/** The same-origin URLs a page loads (src and href), failing on any absolute URL. */
function pageAssets(html: string): string[] {
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(urls.filter((u) => /^([a-z]+:)?\/\//i.test(u))).toEqual([]);
  return urls;
}

describe('browser UIs are served from this server alone', () => {
  test('/docs/ (with the slash people type) redirects to /docs', async () => {
    const res = await t.http.get('/docs/').set('Accept', 'text/html').expect(301);
    expect(res.headers.location).toBe('/docs');
  });

  test('/docs: Swagger UI on /openapi.json, every asset local', async () => {
    const res = await t.http.get('/docs').set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/connect-src 'self'/);
    const assets = pageAssets(res.text);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/start.js']));
    for (const url of assets) {
      const asset = await t.http.get(url).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript|css|image\/png/);
    }
    const start = await t.http.get('/docs/assets/start.js').expect(200);
    expect(start.text).toContain("'/openapi.json'");
    expect(start.text).toMatch(/validatorUrl: null/);
    expect(start.text).not.toMatch(/https?:\/\//);
  });

  test('GET /graphql: GraphiQL for a browser, local assets; other Accepts are 406; POST still answers', async () => {
    const res = await t.http.get('/graphql').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const assets = pageAssets(res.text);
    expect(assets).toEqual(
      expect.arrayContaining(['/graphql/assets/graphiql.min.js', '/graphql/assets/react.production.min.js']),
    );
    for (const url of assets) await t.http.get(url).expect(200);
    const graphiql = await t.http.get('/graphql/assets/graphiql.min.js').expect(200);
    expect(graphiql.text).not.toMatch(/sourceMappingURL/);
    const start = (await t.http.get('/graphql/assets/start.js').expect(200)).text;
    expect(start).not.toMatch(/https?:\/\//);
    // The query GraphiQL opens with must run as it is.
    const defaultQuery = JSON.parse(/defaultQuery: ("(?:[^"\\]|\\.)*")/.exec(start)![1]) as string;
    const run = await t.http.post('/graphql').send({ query: defaultQuery }).expect(200);
    expect(run.body.errors).toBeUndefined();
    expect(run.body.data.concept.ko).toMatch(/[가-힣]/);
    await t.http.get('/graphql/assets/..%2Fpackage.json').expect(404);

    const json = await t.http.get('/graphql?query={__typename}').set('Accept', 'application/json').expect(406);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json.body).toMatchObject({ code: 'NOT_ACCEPTABLE', detail: expect.stringMatching(/POST \/graphql/) });

    const post = await t.http
      .post('/graphql')
      .send({ query: '{ concept(slug: "headless-service") { slug } }' })
      .expect(200);
    expect(post.body.data.concept.slug).toBe('headless-service');
  });
});

test('GET /graphql/schema.graphql is the served schema as SDL', async () => {
  const res = await t.http.get('/graphql/schema.graphql').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  expect(res.text).toBe(await printKubeknowSchema());
  expect(Object.keys(buildSchema(res.text).getQueryType()!.getFields())).toEqual(
    expect.arrayContaining(['concept', 'search']),
  );
});

describe('GET /', () => {
  test('a plain-text index of every route, with curl commands for the host asked', async () => {
    const res = await t.http.get('/').set('Host', 'kubeknow.example:8080').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const { method, path } of operations())
      expect(res.text).toMatch(new RegExp(`${method.toUpperCase()} +${path.replace(/[{}]/g, '\\$&')} `));
    for (const path of ['POST   /graphql', '/graphql/schema.graphql', '/docs', '/openapi.json', '/v1/export'])
      expect(res.text).toContain(path);
    if (t.app.hasRoute({ method: 'POST', url: '/mcp' })) expect(res.text).toContain('POST   /mcp');
    expect(res.text).toContain("curl 'http://kubeknow.example:8080/v1/concepts?limit=5'");
    // A URL with `?` is quoted, so that a shell does not read it as a glob (zsh refuses one that matches nothing).
    expect(res.text).not.toMatch(/curl[^'\n]* http\S*\?/);
    expect(res.text).not.toMatch(/127\.0\.0\.1/);
  });

  test('a page of links for a browser, and JSON for a program', async () => {
    const html = await t.http.get('/').set('Accept', 'text/html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<a href="/docs">/docs</a>');
    expect(html.text).toContain('<a href="/v1/concepts">/v1/concepts</a>');
    const json = await t.http.get('/').set('Accept', 'application/json').expect(200);
    expect(json.body.routes).toEqual(
      expect.arrayContaining([{ method: 'GET', path: '/v1/export', what: expect.any(String), tag: 'export' }]),
    );
  });
});

describe('every concept or list GET answers JSON, text or markdown, in English or Korean', () => {
  const routes = [
    { url: '/v1/concepts?limit=5', korean: true },
    { url: '/v1/concepts/headless-service', korean: true },
    { url: '/v1/concepts/headless-service/relations', korean: true },
    { url: '/v1/search?q=headless', korean: true },
    { url: '/v1/references?limit=5', korean: false }, // references keep their own language
  ];
  const hangul = /[가-힣]/;
  const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

  for (const { url, korean } of routes)
    test(url, async () => {
      const json = await t.http.get(url).expect(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const byAccept = await t.http.get(url).set('Accept', 'text/plain').expect(200);
      expect(byAccept.headers['content-type']).toMatch(/^text\/plain/);
      expect(byAccept.text.trim()).not.toBe('');
      // The next-page hint keeps the query given (?format, ?lang), so it is the one line that may differ.
      const page = (text: string) => text.replace(/^next page: .*$/m, '');
      const byQuery = await t.http.get(withQuery(url, 'format=text')).expect(200);
      expect(page(byQuery.text)).toBe(page(byAccept.text));
      const md = await t.http.get(url).set('Accept', 'text/markdown').expect(200);
      expect(md.headers['content-type']).toMatch(/^text\/markdown/);
      expect(md.text).toMatch(/^(#|- |\d+\. )/m);
      expect(page((await t.http.get(withQuery(url, 'format=md')).expect(200)).text)).toBe(page(md.text));
      await t.http.get(withQuery(url, 'format=xml')).expect(400);
      if (!korean) return;
      expect(byAccept.text).not.toMatch(hangul);
      const ko = await t.http.get(withQuery(url, 'format=text&lang=ko')).expect(200);
      expect(ko.text).toMatch(hangul);
      const koByHeader = await t.http
        .get(url)
        .set('Accept', 'text/plain')
        .set('Accept-Language', 'ko-KR,ko;q=0.9')
        .expect(200);
      expect(page(koByHeader.text)).toBe(page(ko.text));
    });
});

test('catalog-info.yaml: a Backstage Component providing the REST and GraphQL APIs, whose definitions exist', async () => {
  const root = path.join(__dirname, '..');
  const entities = parseAllDocuments(readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8')).map((d) => d.toJS());
  for (const e of entities) {
    expect(e.apiVersion).toBe('backstage.io/v1alpha1');
    expect(e.metadata.name).toMatch(/^[a-z0-9A-Z]+([-_.][a-z0-9A-Z]+)*$/);
    expect(e.spec.owner).toBeTruthy();
  }
  const apis = new Map(entities.filter((e) => e.kind === 'API').map((e) => [e.metadata.name, e.spec]));
  const component = entities.find((e) => e.kind === 'Component');
  expect(component.spec.providesApis.sort()).toEqual([...apis.keys()].sort());
  const types = [...apis.values()].map((a) => a.type).sort();
  expect(types).toEqual(['graphql', 'openapi']);
  for (const api of apis.values()) {
    const ref: string = api.definition.$text;
    if (api.type === 'openapi') {
      expect((await t.http.get(new URL(ref).pathname).expect(200)).body.openapi).toBe('3.1.0');
    } else {
      expect(existsSync(path.join(root, ref))).toBe(true);
      expect(() => buildSchema(readFileSync(path.join(root, ref), 'utf8'))).not.toThrow();
    }
  }
});
