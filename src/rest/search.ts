// GET /v1/search?q=&limit=&lang= — concepts ranked for a question in Korean or English.
import type { FastifyInstance } from 'fastify';
import { langOf } from '../http/negotiate';
import type { Knowledge } from '../knowledge/service';
import { textIn } from '../knowledge/types';
import { langParam } from './schemas';

/** Registers the search route. */
export function searchRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: { q: string; limit: number; lang?: string } }>(
    '/v1/search',
    {
      schema: {
        summary: 'Search concepts',
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
          },
        },
      },
    },
    async (req) => {
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
      return { items, total };
    },
  );
}
