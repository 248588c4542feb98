// A fact that corrects a common belief, written to the reader: the belief first, then what is true.
// Concept pages (markdown, plain text, MCP) and grounded context render it the same way.
import type { Locale } from './types';

// Words that stay capitalised when a statement continues a sentence: names, not sentence starts.
const NAMES = new Set(['Kubernetes', 'Linux', 'Korean', 'English', 'Go']);

// "The kubelet …" continues as "the kubelet …"; "NodePort …", "DNS …", "`generic` …" stay as they are.
function continued(statement: string): string {
  const first = /^[A-Z][a-z]*(?=[\s,;:.]|$)/.exec(statement)?.[0];
  return first && !NAMES.has(first) ? statement[0].toLowerCase() + statement.slice(1) : statement;
}

const clause = (s: string) => s.trim().replace(/[.。]$/, '');

/**
 * The statement as a correction of the belief: "A common belief is that …; in fact, …" in English,
 * "흔히 “…”라고 알려져 있지만, 실제로는 …" in Korean. Without a belief, the statement alone.
 */
export function correctionText(statement: string, belief: string | null, lang: Locale): string {
  if (!belief) return statement;
  return lang === 'ko'
    ? `흔히 “${clause(belief)}”라고 알려져 있지만, 실제로는 ${statement}`
    : `A common belief is that ${clause(belief)}; in fact, ${continued(statement)}`;
}
