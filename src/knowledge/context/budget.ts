// How big a grounded context may be, and how its size is counted: Unicode code points, or an
// estimate of LLM tokens.
import { fail, KubeknowError } from '../../errors';

export type BudgetUnit = 'chars' | 'tokens';
export interface ContextBudget {
  chars?: number;
  tokens?: number;
}

// The JSON envelope (query, budget, omitted counts) alone takes about 300 characters; the minimums
// leave room for at least the best concept's title, link and the start of its summary.
export const CONTEXT_BUDGET = {
  chars: { min: 600, max: 20000, default: 4000 },
  tokens: { min: 200, max: 5000, default: 1000 },
} as const;

/**
 * Approximate LLM tokens of a text, counted per script: ~4 characters per token for Latin text,
 * digits, spaces and punctuation (English BPE vocabularies), ~1.5 per token for Hangul (Korean
 * words split into several tokens), 1 per token for CJK ideographs, kana and any other symbol.
 */
export function estimateTokens(text: string): number {
  let latin = 0;
  let hangul = 0;
  let other = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x250) latin++;
    else if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    else other++;
  }
  return Math.ceil(latin / 4 + hangul / 1.5 + other);
}

/** The size of a text in a budget unit: Unicode code points, or estimated tokens. */
export function sizeOf(text: string, unit: BudgetUnit): number {
  if (unit === 'tokens') return estimateTokens(text);
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The unit and limit of a requested budget (default: 4000 chars); BAD_USER_INPUT when out of bounds. */
export function budgetOf(budget: ContextBudget = {}): { unit: BudgetUnit; limit: number } {
  if (budget.chars !== undefined && budget.tokens !== undefined)
    fail('BAD_USER_INPUT', 'give a budget in chars or in tokens, not both', 'budget');
  const unit: BudgetUnit = budget.tokens !== undefined ? 'tokens' : 'chars';
  const { min, max, default: fallback } = CONTEXT_BUDGET[unit];
  const limit = budget[unit] ?? fallback;
  if (!Number.isInteger(limit) || limit < min || limit > max) {
    throw new KubeknowError([
      {
        code: 'BAD_USER_INPUT',
        path: 'budget',
        message: `must be a whole number of ${unit} between ${min} and ${max}`,
        value: limit,
      },
    ]);
  }
  return { unit, limit };
}
