// Cutting a ranked context to its budget. The kept items are always a prefix of the ranking: the
// lowest-ranked go first. The ranking puts the best concept's best fact second (select.ts), and a
// budget that can hold that concept's header (title, slug, link) and that fact with its source keeps
// both, cutting the concept's summary as far as needed: a cited fact is worth more than a summary.
// Only a budget too small for that keeps the concept alone, its summary cut to fit.
import type { SearchMatch } from '../search';
import type { Locale } from '../types';
import { clipAtSentence } from '../../util/sentences';
import { sizeOf, type BudgetUnit } from './budget';
import { contextMarkdown } from './markdown';
import type { Item } from './select';
import type { GroundedContext } from './types';

/** What every attempt at fitting shares: the echoed question, the language, the match and the budget. */
export interface Frame {
  query: string;
  lang: Locale;
  match: SearchMatch;
  unit: BudgetUnit;
  limit: number;
}

const LIST = { concept: 'concepts', fact: 'facts', caveat: 'caveats', related: 'related' } as const;

/** The longest prefix of the items whose JSON (unless only the markdown must fit) and markdown fit the budget. */
export function fitted(items: readonly Item[], frame: Frame, fit: 'both' | 'markdown'): GroundedContext {
  const attempt = (k: number, summaryChars?: number) => measured(assemble(frame, items, k, summaryChars));
  const fits = (ctx: GroundedContext) =>
    ctx.budget.used.markdown <= frame.limit && (fit === 'markdown' || ctx.budget.used.json <= frame.limit);
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(attempt(mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 1 || !items.length) return attempt(lo);
  // The best concept and its best fact do not both fit whole: keep the fact and its source, with as
  // much of the summary as fits beside them (none but "…" if need be).
  if (items[1]?.kind === 'fact') {
    const chars = longestSummary(items[0], (n) => fits(attempt(2, n)));
    if (chars !== undefined) return attempt(2, chars);
  }
  if (lo === 1) return attempt(1);
  // Not even the best concept fits whole: give as much of its summary as fits, rather than nothing.
  const chars = longestSummary(items[0], (n) => fits(attempt(1, n)));
  return chars !== undefined && chars >= 20 ? attempt(1, chars) : attempt(0);
}

/** The most characters of the concept's summary with which the context fits, if it fits with none. */
function longestSummary(top: Item, fitsWith: (chars: number) => boolean): number | undefined {
  if (!fitsWith(0)) return undefined;
  const summary = top.kind === 'concept' ? top.concept.summary : '';
  let [a, b] = [0, [...summary].length];
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (fitsWith(mid)) a = mid;
    else b = mid - 1;
  }
  return a;
}

// The first k items as a context (the others counted as omitted), the top summary cut when asked.
function assemble(frame: Frame, items: readonly Item[], k: number, summaryChars?: number): GroundedContext {
  const ctx: GroundedContext = {
    query: frame.query,
    lang: frame.lang,
    match: frame.match,
    budget: { unit: frame.unit, limit: frame.limit, used: { json: 0, markdown: 0 } },
    concepts: [],
    facts: [],
    caveats: [],
    related: [],
    truncated: k < items.length || summaryChars !== undefined,
    omitted: { concepts: 0, facts: 0, caveats: 0, related: 0 },
  };
  items.forEach((item, i) => {
    if (i >= k) ctx.omitted[LIST[item.kind]]++;
    else if (item.kind === 'concept')
      ctx.concepts.push(
        summaryChars === undefined
          ? item.concept
          : { ...item.concept, summary: clipAtSentence(item.concept.summary, summaryChars) },
      );
    else if (item.kind === 'related') ctx.related.push(item.related);
    else ctx[LIST[item.kind]].push(item.fact);
  });
  return ctx;
}

// Fills in `used`. The JSON's size depends on the digits of `used.json` itself, so it is measured
// again until it stops growing; the value is then an upper bound that is exact in practice.
function measured(ctx: GroundedContext): GroundedContext {
  const { unit } = ctx.budget;
  ctx.budget.used.markdown = sizeOf(contextMarkdown(ctx), unit);
  for (let used = 0; ;) {
    ctx.budget.used.json = used;
    const size = sizeOf(JSON.stringify(ctx), unit);
    if (size <= used) return ctx;
    used = size;
  }
}
