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

type Unit = keyof typeof CONTEXT_BUDGET;

const outOfRange = (unit: Unit) =>
  `must be a whole number of ${unit} between ${CONTEXT_BUDGET[unit].min} and ${CONTEXT_BUDGET[unit].max}`;

// A budget in one unit, as its own argument: GraphQL's budgetChars and budgetTokens, defined here once
// with their bounds and default. REST and MCP name the budget `budget`, with its `unit`.
const budgetIn = (unit: Unit) =>
  z
    .int()
    .optional()
    .describe(
      `Size budget in ${unit === 'chars' ? 'characters' : 'approximate LLM tokens (~4 chars/token Latin, ~1.5 Hangul)'}: ${CONTEXT_BUDGET[unit].min}-${CONTEXT_BUDGET[unit].max}` +
        (unit === 'chars'
          ? `; ${chars.default} when no budget is given.`
          : ` (${tokens.default} is its default), instead of budgetChars.`),
    );

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
    budgetChars: budgetIn('chars'),
    budgetTokens: budgetIn('tokens'),
    fit: z
      .enum(['both', 'markdown'])
      .default('both')
      .describe('Which renderings must fit the budget: both, or only the markdown (for a caller that sends only it).'),
  })
  .superRefine(({ budget, unit, budgetChars, budgetTokens }, ctx) => {
    const given: [string, Unit, number | undefined][] = [
      ['budget', unit, budget],
      ['budgetChars', 'chars', budgetChars],
      ['budgetTokens', 'tokens', budgetTokens],
    ];
    for (const [path, u, value] of given) {
      const { min, max } = CONTEXT_BUDGET[u];
      if (value !== undefined && (value < min || value > max))
        ctx.addIssue({ code: 'custom', path: [path], input: value, message: outOfRange(u) });
    }
    const named = given.filter(([, , value]) => value !== undefined).map(([path]) => path);
    if (named.length > 1)
      ctx.addIssue({ code: 'custom', path: [named[1]], message: `give one budget, not ${named.join(' and ')}` });
  })
  // The one budget and its unit, whichever argument named it.
  .transform(({ budgetChars, budgetTokens, ...rest }) =>
    budgetChars !== undefined
      ? { ...rest, budget: budgetChars, unit: 'chars' as const }
      : budgetTokens !== undefined
        ? { ...rest, budget: budgetTokens, unit: 'tokens' as const }
        : rest,
  );

// REST's and MCP's names, declared once for both: the question is `q`, and the budget is `budget` with
// its `unit`, not GraphQL's arguments of one unit each.
const NAMES = { q: 'question' } as const;
const GRAPHQL_BUDGETS = ['budgetChars', 'budgetTokens'] as const;

export const context = defineCapability({
  name: 'context',
  summary: 'Grounded context for a question',
  description:
    'What a retrieval-augmented chatbot puts in its prompt for a question: the best concepts, the facts that bear on the question (each with its source and reliability; DISPUTED sources only under caveats) and related concepts, cut to a size budget. JSON, or markdown ready for a prompt.',
  input,
  output: groundedContext,
  ...LOOKUP,
  takesTurns: true,
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
    params: NAMES,
    omit: ['fit', ...GRAPHQL_BUDGETS],
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
      `The answer fits a size budget: \`budget\` characters (${chars.min}-${chars.max}, default ${chars.default}), or ` +
      `with \`unit\` "tokens" approximate LLM tokens (${tokens.min}-${tokens.max}, default ${tokens.default}, for a prompt budgeted in tokens); ` +
      'when something had to be left out it says what. Use this first for any how/why/what question. ' +
      'Examples: {"q": "What DNS records does a headless Service get?"}, ' +
      '{"q": "레디니스 프로브가 실패하면 어떻게 되나요?", "budget": 2500}, ' +
      '{"q": "Why is my pod pending?", "budget": 800, "unit": "tokens"}.',
    args: NAMES,
    omit: GRAPHQL_BUDGETS,
    fixed: { fit: 'markdown' },
    text: (out) => contextMarkdown(out),
  },
  graphql: {
    field: 'groundedContext',
    resolver: 'handwritten',
    omit: ['budget', 'unit', 'fit'],
  },
});
