// GET /v1/references — the sources facts cite, with their reliability.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE, formatOf } from '../http/negotiate';
import { paginate } from '../knowledge/page';
import type { Knowledge } from '../knowledge/service';
import { RELIABILITIES, type Reliability } from '../knowledge/types';
import { formatParam, negotiatedResponse, pageOf, pageParams, problemResponses } from './schemas';

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
  app.get<{ Querystring: { limit: number; cursor?: string; reliability?: Reliability; format?: string } }>(
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
      const page = paginate(knowledge.references(req.query), req.query.limit, req.query.cursor, {
        first: 'limit',
        after: 'cursor',
      });
      const items = page.items.map(({ node }) => ({ ...node, citedBy: knowledge.citing(node.key).map((c) => c.slug) }));
      const nextCursor = page.hasNextPage ? page.endCursor : null;
      const format = formatOf(req);
      if (format === 'json') return { items, total: page.totalCount, nextCursor };
      const lines = items.map((r) =>
        format === 'md'
          ? `- **${r.title}**${r.url ? ` <${r.url}>` : ''} — ${r.reliability}${r.citedBy.length ? `; cited by ${r.citedBy.map((s) => `\`${s}\``).join(', ')}` : ''}`
          : `${r.reliability.padEnd(13)} ${r.title}${r.url ? ` <${r.url}>` : ''}`,
      );
      if (nextCursor) {
        const query = new URLSearchParams({ ...req.query, limit: String(req.query.limit), cursor: nextCursor });
        lines.push('', `next page: /v1/references?${query}`);
      }
      return reply.type(CONTENT_TYPE[format]).send(lines.join('\n') + '\n');
    },
  );
}
