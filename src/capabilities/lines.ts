// Lists as text and markdown, one line per item: aligned columns for a terminal, bullets for chat and
// portals. The JSON form needs no rendering.
import { relationArrow, type ConceptBrief, type RelatedView } from '../knowledge/present';
import type { ReferenceView } from '../knowledge/types';

/** The two text forms of a list. */
export type Format = 'text' | 'md';

/** A concept of a list. */
export const conceptLine = (c: ConceptBrief, format: Format): string =>
  format === 'md' ? `- **${c.title}** (\`${c.slug}\`): ${c.summary}` : `${c.slug.padEnd(28)} ${c.title}`;

/** A relation seen from its concept. */
export function relationLine(r: RelatedView, format: Format): string {
  const arrow = relationArrow(r);
  return format === 'md'
    ? `- ${arrow} **${r.title}** (\`${r.slug}\`)${r.note ? `: ${r.note}` : ''}`
    : `${arrow.padEnd(20)} ${r.slug.padEnd(28)} ${r.title}`;
}

/** A reference with its reliability and, in markdown, the concepts citing it. */
export function referenceLine(r: ReferenceView & { citedBy: string[] }, format: Format): string {
  const url = r.url ? ` <${r.url}>` : '';
  if (format !== 'md') return `${r.reliability.padEnd(13)} ${r.title}${url}`;
  const cited = r.citedBy.length ? `; cited by ${r.citedBy.map((s) => `\`${s}\``).join(', ')}` : '';
  return `- **${r.title}**${url} — ${r.reliability}${cited}`;
}

/** The search hit at 0-based position `n`, with its score and snippet (markdown numbers the list from 1). */
export function hitLine(h: { slug: string; title: string; score: number; snippet: string }, format: Format, n: number) {
  return format === 'md'
    ? `${n + 1}. **${h.title}** (\`${h.slug}\`, ${h.score.toFixed(2)}): ${h.snippet}`
    : `${h.score.toFixed(2)} ${h.slug.padEnd(28)} ${h.title}\n     ${h.snippet}`;
}

/** The lines as one text, the last line ended by a newline too. */
const linesText = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

/** The query of the next page: the parameters that were given, the cursor moved on. */
export function nextPageQuery(query: object, cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, cursor })) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/** A list as text: its lines, then the way to the next page when there is one. */
export function listText(lines: string[], nextCursor: string | null, path: string, query: object): string {
  return linesText(nextCursor ? [...lines, '', `next page: ${path}?${nextPageQuery(query, nextCursor)}`] : lines);
}
