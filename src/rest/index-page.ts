// GET / — what this API offers and curl commands to try, for `curl localhost:4000/`; a browser gets
// the same as a page of links. The routes come from the OpenAPI document, so the index never forgets one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentHeaders } from '../http/headers';
import { publicBase } from '../http/public-url';
import { problemResponses } from './schemas';

interface Entry {
  method: string;
  path: string;
  what: string;
}
type Operation = { summary?: string; tags?: string[] };
type Paths = Record<string, Record<string, Operation>>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const LAST = ['graphql', 'mcp', 'docs'];
const ABOUT = 'kubeknow: Kubernetes knowledge and computed cluster behaviour, in Korean and English.';
const HOW =
  'JSON by default; plain text or markdown with Accept: text/plain | text/markdown or ?format=text|md; ' +
  'Korean with Accept-Language: ko or ?lang=ko. Errors are application/problem+json (RFC 9457).';

/** Every documented operation grouped by its first tag, with the routes OpenAPI does not describe. */
function sections(app: FastifyInstance): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  const add = (tag: string, e: Entry) => groups.set(tag, [...(groups.get(tag) ?? []), e]);
  const paths = (app.swagger() as { paths?: Paths }).paths ?? {};
  for (const [path, item] of Object.entries(paths))
    for (const method of METHODS) {
      const op = item[method];
      if (op) add(op.tags?.[0] ?? 'other', { method: method.toUpperCase(), path, what: op.summary ?? '' });
    }
  const known = (method: string, path: string) => Boolean(paths[path]?.[method.toLowerCase()]);
  const extra: [string, Entry][] = [
    [
      'graphql',
      {
        method: 'POST',
        path: '/graphql',
        what: 'GraphQL queries and mutations (GraphiQL: open /graphql in a browser)',
      },
    ],
    ['mcp', { method: 'POST', path: '/mcp', what: 'Model Context Protocol (streamable HTTP), for chatbots' }],
    ['docs', { method: 'GET', path: '/docs', what: 'The API reference in a browser' }],
    ['docs', { method: 'GET', path: '/openapi.json', what: 'OpenAPI 3.1 document' }],
  ];
  for (const [tag, e] of extra)
    if (!known(e.method, e.path) && app.hasRoute({ method: e.method, url: e.path })) add(tag, e);
  const rank = (tag: string) => LAST.indexOf(tag); // REST first, in the document's order
  return new Map([...groups].sort(([a], [b]) => rank(a) - rank(b)));
}

function examples(base: string): string[] {
  const query = JSON.stringify({ query: '{ concept(slug: "headless-service") { title summary } }' });
  return [
    `curl '${base}/v1/concepts?limit=5'`,
    `curl -H 'Accept: text/plain' '${base}/v1/concepts/headless-service?lang=ko'`,
    `curl -G ${base}/v1/search --data-urlencode 'q=헤드리스 서비스는 DNS에서 뭘 돌려줘?'`,
    `curl -s ${base}/graphql -H 'content-type: application/json' -d '${query}'`,
    `curl ${base}/graphql/schema.graphql`,
    `curl -s '${base}/v1/export?format=ndjson&lang=en' | head -3`,
  ];
}

function text(groups: Map<string, Entry[]>, base: string): string {
  const width = Math.max(...[...groups.values()].flat().map((e) => e.path.length));
  const lines = [ABOUT, '', HOW, ''];
  for (const [tag, entries] of groups) {
    lines.push(tag);
    for (const e of entries) lines.push(`  ${e.method.padEnd(6)} ${e.path.padEnd(width)}  ${e.what}`);
  }
  lines.push('', 'Try:', ...examples(base).map((e) => `  ${e}`), '');
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(groups: Map<string, Entry[]>, base: string): string {
  const item = (e: Entry) => {
    const path =
      e.method === 'GET' && !e.path.includes('{') ? `<a href="${esc(e.path)}">${esc(e.path)}</a>` : esc(e.path);
    return `<li><code>${e.method} ${path}</code> — ${esc(e.what)}</li>`;
  };
  const body = [...groups].map(
    ([tag, entries]) => `<h2>${esc(tag)}</h2>\n<ul>\n${entries.map(item).join('\n')}\n</ul>`,
  );
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>kubeknow</title></head>\n<body>
<h1>kubeknow</h1>\n<p>${esc(ABOUT)}</p>\n<p>${esc(HOW)}</p>\n${body.join('\n')}
<h2>Try</h2>\n<pre>${esc(examples(base).join('\n'))}</pre>\n</body>\n</html>\n`;
}

const accepts = (req: FastifyRequest, type: string) => (req.headers.accept ?? '').toLowerCase().includes(type);

/** Registers GET /. */
export function indexRoutes(app: FastifyInstance): void {
  app.get(
    '/',
    {
      schema: {
        summary: 'This index',
        description:
          'The routes of this API and curl commands to try. Plain text by default; an HTML page of links for `Accept: text/html`; JSON (`{ about, routes }`) for `Accept: application/json`.',
        tags: ['docs'],
        response: {
          200: {
            description: 'The index.',
            content: {
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    about: { type: 'string' },
                    routes: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          method: { type: 'string' },
                          path: { type: 'string' },
                          what: { type: 'string' },
                          tag: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          ...problemResponses(500),
        },
      },
    },
    async (req, reply) => {
      const groups = sections(app);
      const base = publicBase(req);
      reply.header('Vary', 'Accept');
      if (accepts(req, 'text/html'))
        return documentHeaders(reply).type('text/html; charset=utf-8').send(html(groups, base));
      if (accepts(req, 'application/json'))
        return { about: ABOUT, routes: [...groups].flatMap(([tag, entries]) => entries.map((e) => ({ ...e, tag }))) };
      return reply.type('text/plain; charset=utf-8').send(text(groups, base));
    },
  );
}
