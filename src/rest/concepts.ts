// GET /v1/concepts, /v1/concepts/:slug, /v1/concepts/:slug/relations — parse, call, shape.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE, formatOf, langOf, sendLines } from '../http/negotiate';
import {
  conceptBrief,
  conceptJson,
  conceptMarkdown,
  conceptText,
  relatedOf,
  type Direction,
} from '../knowledge/present';
import type { Knowledge } from '../knowledge/service';
import { CONCEPT_KINDS, RELATION_TYPES, type ConceptKind } from '../knowledge/types';
import { conceptLine, relationLine } from './lines';
import { nextPageQuery, pageBody, pageOf, pageParams, restPage, type PageQuery } from './page';
import {
  conceptBriefSchema,
  conceptJsonSchema,
  formatParam,
  langParam,
  negotiatedResponse,
  problemResponses,
  relationListSchema,
  slugParams,
} from './schemas';

interface ListQuery extends PageQuery {
  category?: string;
  kind?: ConceptKind;
  lang?: string;
  format?: string;
}

/** Registers the concept routes. */
export function conceptRoutes(app: FastifyInstance, knowledge: Knowledge): void {
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
          200: negotiatedResponse('A page of concepts.', pageOf(conceptBriefSchema)),
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const page = restPage(knowledge.concepts(req.query), req.query);
      const items = page.items.map(({ node }) => conceptBrief(node, lang));
      const format = formatOf(req);
      if (format === 'json') return pageBody(page, items);
      const lines = items.map((c) => conceptLine(c, format));
      if (page.hasNextPage) lines.push('', `next page: /v1/concepts?${nextPageQuery(req.query, page.endCursor!)}`);
      return sendLines(reply, format, lines);
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
          200: negotiatedResponse('The concept in one language.', conceptJsonSchema),
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
      if (format === 'json') return conceptJson(concept, lang, knowledge.concept);
      const render = format === 'md' ? conceptMarkdown : conceptText;
      return reply.type(CONTENT_TYPE[format]).send(render(concept, lang, knowledge.concept));
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
          200: negotiatedResponse('The relations.', relationListSchema),
          ...problemResponses(400, 404, 500),
        },
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const items = relatedOf(knowledge.requireConcept(req.params.slug), lang, knowledge.concept, req.query);
      const format = formatOf(req);
      reply.header('Vary', 'Accept, Accept-Language').header('Content-Language', lang);
      if (format === 'json') return { items };
      return sendLines(
        reply,
        format,
        items.map((r) => relationLine(r, format)),
      );
    },
  );
}
