// REST lists as text and markdown, one line per item: aligned columns for a terminal, bullets for
// chat and portals. The JSON form needs no rendering.
import type { Format } from '../http/negotiate';
import { relationArrow, type ConceptBrief, type RelatedView } from '../knowledge/present';
import type { ReferenceView } from '../knowledge/types';

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
export function hitLine(h: { slug: string; title: string; score: number; snippet: string }, n: number, format: Format) {
  return format === 'md'
    ? `${n + 1}. **${h.title}** (\`${h.slug}\`, ${h.score.toFixed(2)}): ${h.snippet}`
    : `${h.score.toFixed(2)} ${h.slug.padEnd(28)} ${h.title}\n     ${h.snippet}`;
}
