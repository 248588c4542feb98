// GET /v1/concepts, /v1/concepts/:slug, /v1/concepts/:slug/relations — parse, call, shape.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE, formatOf, langOf } from '../http/negotiate';
import { paginate } from '../knowledge/page';
import { conceptJson, conceptMarkdown, conceptText, relatedOf, type Direction } from '../knowledge/present';
import type { Knowledge } from '../knowledge/service';
import { CONCEPT_KINDS, RELATION_TYPES, textIn, type ConceptKind } from '../knowledge/types';
import {
  conceptBrief,
  conceptDocument,
  formatParam,
  langParam,
  negotiatedResponse,
  pageOf,
  pageParams,
  problemResponses,
  relatedSchema,
  slugParams,
} from './schemas';

interface ListQuery {
  limit: number;
  cursor?: string;
  category?: string;
  kind?: ConceptKind;
  lang?: string;
  format?: string;
}

/** Registers the concept routes. */
export function conceptRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  const lookup = (slug: string) => knowledge.concept(slug);

  app.get<{ Querystring: ListQuery }>(
    '/v1/concepts',
    {
      schema: {
        summary: 'List concepts',
        description:
          'Concepts in a stable order, a page at a time (follow `nextCursor`); text is one concept a line, markdown a bullet list.',
        tags: ['concepts'],
        querystring: {
          type: 'object',
          properties: {
            ...pageParams,
            category: { type: 'string' },
            kind: { type: 'string', enum: [...CONCEPT_KINDS] },
            lang: langParam,
            format: formatParam,
          },
        },
        response: {
          200: negotiatedResponse('A page of concepts.', pageOf(conceptBrief)),
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const page = paginate(knowledge.concepts(req.query), req.query.limit, req.query.cursor, {
        first: 'limit',
        after: 'cursor',
      });
      const items = page.items.map(({ node }) => {
        const t = textIn(node, lang);
        return { slug: node.slug, title: t.title, summary: t.summary, kind: node.kind, category: node.category };
      });
      const format = formatOf(req);
      if (format === 'json')
        return { items, total: page.totalCount, nextCursor: page.hasNextPage ? page.endCursor : null };
      const lines = items.map((i) =>
        format === 'md' ? `- **${i.title}** (\`${i.slug}\`): ${i.summary}` : `${i.slug.padEnd(28)} ${i.title}`,
      );
      if (page.hasNextPage) lines.push('', `next page: /v1/concepts?cursor=${page.endCursor}&limit=${req.query.limit}`);
      return reply.type(CONTENT_TYPE[format]).send(lines.join('\n') + '\n');
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { lang?: string; format?: string } }>(
    '/v1/concepts/:slug',
    {
      schema: {
        summary: 'One concept',
        description:
          'A concept with its facts (each citing a reference with its reliability), relations and example manifests. `ETag` and `Content-Language` name the version and language served.',
        tags: ['concepts'],
        params: slugParams,
        querystring: { type: 'object', properties: { lang: langParam, format: formatParam } },
        response: {
          200: negotiatedResponse('The concept in one language.', conceptDocument),
          ...problemResponses(400, 404, 500),
        },
      },
    },
    async (req, reply) => {
      const concept = knowledge.requireConcept(req.params.slug);
      const lang = langOf(req);
      const format = formatOf(req);
      reply
        .header('Vary', 'Accept, Accept-Language')
        .header('Content-Language', lang)
        .header('ETag', `"${concept.slug}-v${concept.version}-${lang}-${format}"`);
      if (format === 'json') return conceptJson(concept, lang, lookup);
      return reply
        .type(CONTENT_TYPE[format])
        .send((format === 'md' ? conceptMarkdown : conceptText)(concept, lang, lookup));
    },
  );

  app.get<{
    Params: { slug: string };
    Querystring: { lang?: string; format?: string; direction?: Direction; type?: string };
  }>(
    '/v1/concepts/:slug/relations',
    {
      schema: {
        summary: 'Relations of a concept',
        description:
          'Typed relations from the concept (`outgoing`) and to it (`incoming`), with the title of the concept at the other end.',
        tags: ['concepts'],
        params: slugParams,
        querystring: {
          type: 'object',
          properties: {
            lang: langParam,
            format: formatParam,
            direction: { type: 'string', enum: ['outgoing', 'incoming'] },
            type: { type: 'string', enum: [...RELATION_TYPES] },
          },
        },
        response: {
          200: negotiatedResponse('The relations.', {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: relatedSchema } },
          }),
          ...problemResponses(400, 404, 500),
        },
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const items = relatedOf(knowledge.requireConcept(req.params.slug), lang, lookup, req.query);
      const format = formatOf(req);
      if (format === 'json') return { items };
      const line = (r: (typeof items)[number]) => {
        const arrow = r.direction === 'outgoing' ? `${r.type} →` : `← ${r.type}`;
        return format === 'md'
          ? `- ${arrow} **${r.title}** (\`${r.slug}\`)${r.note ? `: ${r.note}` : ''}`
          : `${arrow.padEnd(20)} ${r.slug.padEnd(28)} ${r.title}`;
      };
      return reply
        .type(CONTENT_TYPE[format])
        .header('Content-Language', lang)
        .send(items.map(line).join('\n') + '\n');
    },
  );
}
