// GET /v1/references — the sources facts cite, with their reliability.
import type { FastifyInstance } from 'fastify';
import { paginate } from '../knowledge/page';
import type { Knowledge } from '../knowledge/service';
import { RELIABILITIES, type Reliability } from '../knowledge/types';
import { pageParams } from './schemas';

/** Registers the reference routes. */
export function referenceRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: { limit: number; cursor?: string; reliability?: Reliability } }>(
    '/v1/references',
    {
      schema: {
        summary: 'List references',
        tags: ['references'],
        querystring: {
          type: 'object',
          properties: { ...pageParams, reliability: { type: 'string', enum: [...RELIABILITIES] } },
        },
      },
    },
    async (req) => {
      const page = paginate(knowledge.references(req.query), req.query.limit, req.query.cursor, {
        first: 'limit',
        after: 'cursor',
      });
      const items = page.items.map(({ node }) => ({ ...node, citedBy: knowledge.citing(node.key).map((c) => c.slug) }));
      return { items, total: page.totalCount, nextCursor: page.hasNextPage ? page.endCursor : null };
    },
  );
}
