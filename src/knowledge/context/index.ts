// Grounded context: what a retrieval-augmented chatbot puts in its prompt for one question. The
// best concepts (from search), the facts that bear on the question with their sources and how far
// to trust them, and the concepts around them, cut to a size budget. GraphQL, REST and MCP all
// answer through here, so they never disagree.
import { fail } from '../../errors';
import { questionLanguage } from '../search/analyze';
import type { Locale } from '../types';
import { clipAtSentence } from '../../util/sentences';
import { budgetOf } from './budget';
import { fitted } from './fit';
import { rankedItems } from './select';
import type { ContextRequest, ContextSource, GroundedContext } from './types';

export { CONTEXT_BUDGET, estimateTokens, sizeOf, type BudgetUnit, type ContextBudget } from './budget';
export { contextMarkdown } from './markdown';
export type {
  ContextConcept,
  ContextFact,
  ContextRelation,
  ContextRequest,
  ContextSource,
  GroundedContext,
} from './types';

const QUERY_ECHO = 80;

/** The grounded context for a question, within the budget (both as JSON and as markdown). */
export function contextFor(source: ContextSource, req: ContextRequest): GroundedContext {
  const { unit, limit } = budgetOf(req.budget);
  const q = req.q.trim();
  if (!q) fail('BAD_USER_INPUT', 'must not be empty', 'q');
  const lang: Locale = req.lang ?? questionLanguage(q);
  const { items, match } = rankedItems(source, q, lang, req.linkFor ?? ((slug, l) => `/v1/concepts/${slug}?lang=${l}`));
  return fitted(items, { query: clipAtSentence(q, QUERY_ECHO), lang, match, unit, limit }, req.fit ?? 'both');
}
