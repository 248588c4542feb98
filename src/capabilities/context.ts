// context: grounded context for a question — the best concepts, the facts that bear on it with their
// sources and reliability (DISPUTED sources only as caveats), related concepts — within a size budget.
import { z } from 'zod';
import { CONTEXT_BUDGET, contextFor, contextMarkdown } from '../knowledge/context';
import { LOOKUP, defineCapability } from './capability';
import { lang, question, questionCost } from './fields';
import { languageOf } from './language';
import { asJson, MARKDOWN } from './renderings';
import { groundedContext } from './shapes/knowledge';

const { chars, tokens } = CONTEXT_BUDGET;

const input = z
  .object({
    question: question('The question, in Korean or English.'),
    lang,
    // Its range depends on the unit: checked below, once, with the unit's own bounds.
    budget: z
      .int()
      .optional()
      .describe(
        `Size limit: ${chars.min}-${chars.max} chars (default ${chars.default}) or ${tokens.min}-${tokens.max} tokens (default ${tokens.default}).`,
      ),
    unit: z
      .enum(['chars', 'tokens'])
      .default('chars')
      .describe('Unit of the budget: characters, or estimated tokens (~4 chars/token Latin, ~1.5 Hangul).'),
    fit: z
      .enum(['both', 'markdown'])
      .default('both')
      .describe('Which renderings must fit the budget: both, or only the markdown (for a caller that sends only it).'),
  })
  .superRefine(({ budget, unit }, ctx) => {
    const { min, max } = CONTEXT_BUDGET[unit];
    if (budget !== undefined && (budget < min || budget > max))
      ctx.addIssue({
        code: 'custom',
        path: ['budget'],
        input: budget,
        message: `must be a whole number of ${unit} between ${min} and ${max}`,
      });
  });

export const context = defineCapability({
  name: 'context',
  summary: 'Grounded context for a question',
  description:
    'What a retrieval-augmented chatbot puts in its prompt for a question: the best concepts, the facts that bear on the question (each with its source and reliability; DISPUTED sources only under caveats) and related concepts, cut to a size budget. JSON, or markdown ready for a prompt.',
  input,
  output: groundedContext,
  ...LOOKUP,
  cost: ({ question: q }) => 20 + questionCost(q),
  run: ({ question: q, lang, budget, unit, fit }, ctx) =>
    contextFor(ctx.knowledge, {
      q,
      lang: languageOf(lang, ctx, q),
      budget: { [unit]: budget ?? CONTEXT_BUDGET[unit].default },
      linkFor: ctx.linkFor,
      fit,
    }),
  rest: {
    method: 'GET',
    path: '/v1/context',
    tag: 'search',
    params: { q: 'question' },
    omit: ['fit'],
    prepare: (params, format) => ({ ...params, fit: format === 'md' ? 'markdown' : 'both' }),
    formats: {
      json: asJson('The context as JSON.'),
      md: {
        type: MARKDOWN,
        describe: 'The context as markdown, ready for a prompt.',
        render: (v) => contextMarkdown(v.output),
      },
    },
    headers: (v) => ({ Vary: 'Accept, Accept-Language', 'Content-Language': v.output.lang }),
  },
  mcp: {
    tool: 'get_context',
    title: 'Grounded context for a Kubernetes question',
    description:
      'Everything needed to answer a Kubernetes question with citations, as markdown: the best-matching concepts (title, summary, ' +
      'link), the facts that bear on the question, each with its source URL and reliability, and related concepts. Facts from ' +
      'UNVERIFIED or community sources carry a caution; statements whose only source is DISPUTED are listed under Caveats and must not ' +
      'be presented as fact. A fact that reads "A common belief is that …; in fact, …" corrects what people often get wrong. ' +
      'The answer fits `budgetChars`; when something had to be left out it says what. Use this first for any how/why/what question. ' +
      'Examples: {"question": "What DNS records does a headless Service get?"}, ' +
      '{"question": "레디니스 프로브가 실패하면 어떻게 되나요?", "budgetChars": 2500}.',
    args: { budgetChars: 'budget' },
    fixed: { unit: 'chars', fit: 'markdown' },
    text: (out) => contextMarkdown(out),
  },
  graphql: {
    field: 'groundedContext',
    resolver: 'handwritten',
    args: { budgetChars: 'budget', budgetTokens: 'budget' },
    omit: ['unit', 'fit'],
  },
});
