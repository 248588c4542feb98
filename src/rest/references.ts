// GET /v1/references — the sources facts cite, with their reliability.
import type { FastifyInstance } from 'fastify';
import { formatOf, sendLines } from '../http/negotiate';
import type { Knowledge } from '../knowledge/service';
import { RELIABILITIES, type Reliability } from '../knowledge/types';
import { referenceLine } from './lines';
import { nextCursorOf, nextPageQuery, pageBody, pageOf, pageParams, restPage, type PageQuery } from './page';
import { formatParam, negotiatedResponse, problemResponses } from './schemas';

const str = { type: 'string' } as const;
const referenceSchema = {
  type: 'object',
  required: ['key', 'url', 'title', 'language', 'kind', 'reliability', 'citedBy'],
  properties: {
    key: str,
    url: { type: ['string', 'null'], description: 'null for a source known by its title only.' },
    title: str,
    language: str,
    kind: str,
    reliability: { type: 'string', enum: [...RELIABILITIES] },
    note: str,
    citedBy: { type: 'array', items: str, description: 'Slugs of the concepts whose facts cite it.' },
  },
} as const;

/** Registers the reference routes. */
export function referenceRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: PageQuery & { reliability?: Reliability; format?: string } }>(
    '/v1/references',
    {
      schema: {
        summary: 'List references',
        description:
          'The sources that facts cite, each marked AUTHORITATIVE, COMMUNITY, UNVERIFIED or DISPUTED, with the concepts citing it. References keep their own language; they are not translated.',
        tags: ['references'],
        querystring: {
          type: 'object',
          properties: {
            ...pageParams,
            reliability: { type: 'string', enum: [...RELIABILITIES] },
            format: formatParam,
          },
        },
        response: {
          200: negotiatedResponse('A page of references.', pageOf(referenceSchema)),
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const page = restPage(knowledge.references(req.query), req.query);
      const items = page.items.map(({ node }) => ({ ...node, citedBy: knowledge.citing(node.key).map((c) => c.slug) }));
      const format = formatOf(req);
      if (format === 'json') return pageBody(page, items);
      const lines = items.map((r) => referenceLine(r, format));
      const next = nextCursorOf(page);
      if (next) lines.push('', `next page: /v1/references?${nextPageQuery(req.query, next)}`);
      return sendLines(reply, format, lines);
    },
  );
}
