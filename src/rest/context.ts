// GET /v1/context?q=&lang=&budget=&unit=&format= — grounded context for a chatbot's prompt.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE, formatOf, langOf } from '../http/negotiate';
import { CONTEXT_BUDGET, contextFor, contextMarkdown, type BudgetUnit } from '../knowledge/context';
import type { Knowledge } from '../knowledge/service';
import { formatParamOf, langParam, problemResponses } from './schemas';

interface ContextQuery {
  q: string;
  lang?: string;
  budget?: number;
  unit: BudgetUnit;
  format?: string;
}

const FORMATS = ['json', 'md'] as const;

/** Registers the context route. */
export function contextRoutes(app: FastifyInstance, knowledge: Knowledge): void {
  app.get<{ Querystring: ContextQuery }>(
    '/v1/context',
    {
      schema: {
        summary: 'Grounded context for a question',
        description:
          'The best concepts, the facts that bear on the question (each with its source and reliability; DISPUTED ' +
          'sources only under caveats) and related concepts, cut to a size budget. JSON, or markdown ready for a prompt.',
        tags: ['search'],
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 500, description: 'The question, in Korean or English.' },
            lang: langParam,
            budget: {
              type: 'integer',
              minimum: CONTEXT_BUDGET.tokens.min,
              maximum: CONTEXT_BUDGET.chars.max,
              description: `Size limit: ${CONTEXT_BUDGET.chars.min}–${CONTEXT_BUDGET.chars.max} chars (default ${CONTEXT_BUDGET.chars.default}) or ${CONTEXT_BUDGET.tokens.min}–${CONTEXT_BUDGET.tokens.max} tokens (default ${CONTEXT_BUDGET.tokens.default}).`,
            },
            unit: {
              type: 'string',
              enum: ['chars', 'tokens'],
              default: 'chars',
              description: 'Unit of the budget: characters, or estimated tokens (~4 chars/token Latin, ~1.5 Hangul).',
            },
            format: formatParamOf(FORMATS),
          },
        },
        response: {
          200: {
            description: 'The context: JSON, or markdown ready for a prompt.',
            content: {
              'application/json': { schema: { type: 'object' } },
              'text/markdown': { schema: { type: 'string' } },
            },
          },
          ...problemResponses(400, 500),
        },
      },
    },
    async (req, reply) => {
      const { q, budget, unit } = req.query;
      const lang = langOf(req);
      const format = formatOf(req, FORMATS);
      const limit = budget ?? CONTEXT_BUDGET[unit].default;
      const budgetIn = unit === 'tokens' ? { tokens: limit } : { chars: limit };
      const ctx = contextFor(knowledge, { q, lang, budget: budgetIn, fit: format === 'md' ? 'markdown' : 'both' });
      reply.header('Vary', 'Accept, Accept-Language').header('Content-Language', ctx.lang);
      return format === 'md' ? reply.type(CONTENT_TYPE.md).send(contextMarkdown(ctx)) : ctx;
    },
  );
}
