// GET /v1/export — every concept as a search document, for a portal's search collator. The shape is
// Backstage's IndexableDocument (title, text, location) plus the concept's own fields; links are
// absolute, because the documents are read far from this server.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE, formatOf, langOf } from '../http/negotiate';
import { publicBase } from '../http/public-url';
import type { Knowledge } from '../knowledge/service';
import { correctionText } from '../knowledge/corrections';
import { beliefIn, CONCEPT_KINDS, k8sOf, LOCALES, statementIn, textIn } from '../knowledge/types';
import type { ConceptKind, ConceptView, Locale } from '../knowledge/types';
import { nextCursorOf, nextPageQuery, pageBody, pageOf, pageParams, restPage, type PageQuery } from './page';
import { formatParamOf, langParam, problemResponses } from './schemas';

/** One concept in one language for a search index (its text falls back to the other language). */
export function searchDocument(c: ConceptView, lang: Locale, base: string) {
  const t = textIn(c, lang);
  const location = `${base}/v1/concepts/${encodeURIComponent(c.slug)}?lang=${t.lang}`;
  const related = new Set([...c.outgoing.map((r) => r.target), ...c.incoming.map((r) => r.source)]);
  return {
    title: t.title,
    // What a full-text index should index: summary, markdown body and fact statements, a correction
    // written with the belief it corrects.
    text: [
      t.summary,
      t.body.trim(),
      ...c.facts.map((f) => correctionText(statementIn(f, t.lang), beliefIn(f, t.lang), t.lang)),
    ]
      .filter(Boolean)
      .join('\n\n'),
    location,
    slug: c.slug,
    lang: t.lang,
    kind: c.kind,
    category: c.category,
    aliases: t.aliases,
    summary: t.summary,
    k8s: k8sOf(c),
    related: [...related],
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    links: { json: location, markdown: `${location}&format=md`, text: `${location}&format=text` },
  };
}

const str = { type: 'string' } as const;
const documentSchema = {
  type: 'object',
  description:
    "A concept in one language, shaped as Backstage's IndexableDocument (title, text, location) plus its own fields.",
  required: [
    'title',
    'text',
    'location',
    'slug',
    'lang',
    'kind',
    'category',
    'aliases',
    'summary',
    'related',
    'version',
    'links',
  ],
  properties: {
    title: str,
    text: {
      type: 'string',
      description: 'To index: summary, markdown body and fact statements (a correction with the belief it corrects).',
    },
    location: { type: 'string', format: 'uri', description: 'The absolute URL of the concept in this language.' },
    slug: str,
    lang: { type: 'string', enum: [...LOCALES] },
    kind: { type: 'string', enum: [...CONCEPT_KINDS] },
    category: str,
    aliases: { type: 'array', items: str },
    summary: str,
    k8s: { type: ['object', 'null'], properties: { apiVersion: str, kind: str } },
    related: { type: 'array', items: str, description: 'Slugs of the concepts it relates to, either way.' },
    version: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
    links: { type: 'object', properties: { json: str, markdown: str, text: str } },
  },
} as const;

interface ExportQuery extends PageQuery {
  lang?: string;
  format?: string;
  category?: string;
  kind?: ConceptKind;
}

const FORMATS = ['json', 'ndjson'] as const;

/** Registers GET /v1/export. */
export function exportRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: ExportQuery }>(
    '/v1/export',
    {
      schema: {
        summary: 'Export concepts for a search index',
        description:
          'Every concept as a search document: NDJSON (`format=ndjson` or `Accept: application/x-ndjson`, one document a line) or a JSON page. Without `lang`, one document per concept and language it is written in (concept by concept, en before ko); with `lang`, one per concept in that language. Accept-Language does not narrow the export. Follow `Link: rel="next"` (or `nextCursor`) until it is absent; links are absolute, from PUBLIC_URL when set.',
        tags: ['export'],
        querystring: {
          type: 'object',
          properties: {
            limit: { ...pageParams.limit, default: 100, description: 'Documents per page (1–100).' },
            cursor: pageParams.cursor,
            lang: { ...langParam, description: 'Only this language (default: every language of each concept).' },
            format: formatParamOf(FORMATS),
            category: str,
            kind: { type: 'string', enum: [...CONCEPT_KINDS] },
          },
        },
        response: {
          200: {
            description: 'A page of documents.',
            headers: {
              Link: { type: 'string', description: '`<url>; rel="next"` while there are more pages.' },
              'X-Total-Count': { type: 'integer', description: 'Documents in all pages.' },
            },
            content: {
              'application/x-ndjson': { schema: { ...documentSchema, description: 'Each line is one such document.' } },
              'application/json': { schema: pageOf(documentSchema) },
            },
          },
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const format = formatOf(req, FORMATS);
      const only = req.query.lang ? langOf(req) : null;
      const all = knowledge
        .concepts(req.query)
        .flatMap((c) => (only ? [only] : LOCALES.filter((l) => c.texts[l])).map((lang) => ({ c, lang })));
      const page = restPage(all, req.query);
      const base = publicBase(req);
      const items = page.items.map(({ node }) => searchDocument(node.c, node.lang, base));
      const next = nextCursorOf(page);
      if (next) reply.header('Link', `<${base}/v1/export?${nextPageQuery(req.query, next)}>; rel="next"`);
      reply.header('X-Total-Count', String(page.totalCount)).header('Vary', 'Accept');
      if (format === 'json') return pageBody(page, items);
      return reply.type(CONTENT_TYPE.ndjson).send(items.map((d) => `${JSON.stringify(d)}\n`).join(''));
    },
  );
}
