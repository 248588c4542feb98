// get_context: grounded context for a question, within a character budget.
import { z } from 'zod';
import { CONTEXT_BUDGET, contextFor, contextMarkdown } from '../../knowledge/context';
import { defineTool } from '../tool';
import { lang } from './shared';

const { min, max, default: fallback } = CONTEXT_BUDGET.chars;

export const getContext = defineTool({
  name: 'get_context',
  title: 'Grounded context for a Kubernetes question',
  description:
    'Everything needed to answer a Kubernetes question with citations, as markdown: the best-matching concepts (title, summary, ' +
    'link), the facts that bear on the question, each with its source URL and reliability, and related concepts. Facts from ' +
    'UNVERIFIED or community sources carry a caution; statements whose only source is DISPUTED are listed under Caveats and must not ' +
    'be presented as fact. A fact that reads "A common belief is that …; in fact, …" corrects what people often get wrong. ' +
    'The answer fits `budgetChars`; when something had to be left out it says what. Use this first for any how/why/what question. ' +
    'Examples: {"question": "What DNS records does a headless Service get?"}, ' +
    '{"question": "레디니스 프로브가 실패하면 어떻게 되나요?", "budgetChars": 2500}.',
  inputSchema: {
    question: z.string().min(1).max(500).describe('The question, in English or Korean.'),
    lang,
    budgetChars: z
      .number()
      .int()
      .min(min)
      .max(max)
      .default(fallback)
      .describe(
        `Most characters to return (${min}-${max}, default ${fallback}); lower-ranked items are left out first.`,
      ),
  },
  scope: 'read',
  run({ question, lang, budgetChars }, { knowledge }) {
    const ctx = contextFor(knowledge, {
      q: question,
      lang,
      budget: { chars: budgetChars },
      linkFor: (slug, l) => `kubeknow://concepts/${slug}?lang=${l}`,
      fit: 'markdown',
    });
    return contextMarkdown(ctx);
  },
});
