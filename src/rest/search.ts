// GET /v1/search?q=&limit=&lang= — concepts ranked for a question in Korean or English.
import type { FastifyInstance } from 'fastify';
import { formatOf, langOf, sendLines } from '../http/negotiate';
import type { Knowledge } from '../knowledge/service';
import { textIn } from '../knowledge/types';
import { hitLine } from './lines';
import { formatParam, langParam, negotiatedResponse, problemResponses } from './schemas';

const hitSchema = {
  type: 'object',
  required: ['slug', 'title', 'summary', 'score', 'matchedLang', 'snippet', 'highlights'],
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    summary: { type: 'string' },
    score: { type: 'number', description: 'Relevance: 1 for the best hit, a fraction of it for the others.' },
    matchedLang: { type: 'string', description: 'The language of the text the snippet quotes.' },
    snippet: { type: 'string', description: 'About 200 characters around the best match; "…" marks a cut.' },
    highlights: {
      type: 'array',
      items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
      description: '[start, end) offsets of the matched words in the snippet.',
    },
  },
} as const;

/** Registers the search route. */
export function searchRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: { q: string; limit: number; lang?: string; format?: string } }>(
    '/v1/search',
    {
      schema: {
        summary: 'Search concepts',
        description:
          'Concepts ranked for a question or keywords in Korean or English (aliases, typos and Korean particles are understood), best first, each with a snippet around the match.',
        tags: ['search'],
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 500,
              description: 'The question or keywords, in Korean or English.',
            },
            limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
            lang: langParam,
            format: formatParam,
          },
        },
        response: {
          200: negotiatedResponse('The hits, best first.', {
            type: 'object',
            required: ['items', 'total'],
            properties: { items: { type: 'array', items: hitSchema }, total: { type: 'integer' } },
          }),
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const { hits, total } = knowledge.search(req.query.q, { lang, limit: req.query.limit });
      const items = hits.map((h) => {
        const t = textIn(knowledge.requireConcept(h.slug), lang);
        return {
          slug: h.slug,
          title: t.title,
          summary: t.summary,
          score: h.score,
          matchedLang: h.matchedLang,
          snippet: h.snippet,
          highlights: h.highlights,
        };
      });
      const format = formatOf(req);
      reply.header('Vary', 'Accept, Accept-Language').header('Content-Language', lang);
      if (format === 'json') return { items, total };
      return sendLines(
        reply,
        format,
        items.map((h, n) => hitLine(h, n, format)),
      );
    },
  );
}
