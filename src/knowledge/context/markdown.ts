// A grounded context as markdown for a prompt, in the context's language.
import { codePlaceholders } from '../../util/placeholders';
import { correctionText } from '../corrections';
import type { ContextFact, GroundedContext } from './types';

const WORDS = {
  en: {
    title: 'Context for',
    concepts: 'Concepts',
    facts: 'Facts',
    caveats: 'Caveats (disputed sources: do not present as fact)',
    related: 'Related',
    none: 'No concept covers this question: there is nothing here to ground an answer on. Say that the knowledge base does not cover it.',
    weak: 'No concept clearly covers this question. The nearest concepts are listed without their facts: suggest them, but do not ground an answer on them.',
    nearest: 'Nearest concepts',
    noLink: 'no link',
    omitted: 'Cut to fit the budget; left out:',
    kinds: ['concepts', 'facts', 'caveats', 'relations'],
    count: (n: number, kind: string) => `${n} ${kind}`,
  },
  ko: {
    title: '질문 관련 자료:',
    concepts: '개념',
    facts: '사실',
    caveats: '주의 (논란 있는 출처: 사실로 제시하지 말 것)',
    related: '관련 개념',
    none: '이 질문을 다루는 개념이 없다. 답의 근거로 삼을 자료가 없으니, 없다고 말할 것.',
    weak: '이 질문을 분명히 다루는 개념이 없다. 가장 가까운 개념을 사실 없이 나열한다. 제안은 하되 답의 근거로 삼지 말 것.',
    nearest: '가까운 개념',
    noLink: '링크 없음',
    omitted: '예산에 맞추느라 뺀 항목:',
    kinds: ['개념', '사실', '주의', '관계'],
    // Korean counts after the noun, with a counter: 개념 1개.
    count: (n: number, kind: string) => `${kind} ${n}개`,
  },
} as const;

/** The context as markdown for a prompt: concepts, facts with citations and cautions, caveats, relations. */
export function contextMarkdown(ctx: GroundedContext): string {
  const w = WORDS[ctx.lang];
  const lines = [`# ${w.title} "${ctx.query}"`, ''];
  if (ctx.match === 'weak') lines.push(w.weak, '');
  if (ctx.concepts.length) {
    lines.push(`## ${ctx.match === 'weak' ? w.nearest : w.concepts}`, '');
    for (const c of ctx.concepts)
      lines.push(`- **${c.title}** (\`${c.slug}\`, ${c.link}): ${codePlaceholders(c.summary)}`);
    lines.push('');
  } else if (ctx.match !== 'weak') lines.push(w.none, '');
  const fact = (f: ContextFact) => {
    const src = f.source.url ? `[${f.source.title}](${f.source.url})` : `${f.source.title} (${w.noLink})`;
    const flag = f.caution ? ` — **${f.reliability}**: ${f.caution}` : '';
    const text = codePlaceholders(correctionText(f.statement, f.corrects?.belief ?? null, ctx.lang));
    return `- \`${f.concept}\`: ${text} — ${src}${flag}`;
  };
  if (ctx.facts.length) lines.push(`## ${w.facts}`, '', ...ctx.facts.map(fact), '');
  if (ctx.caveats.length) lines.push(`## ${w.caveats}`, '', ...ctx.caveats.map(fact), '');
  if (ctx.related.length) {
    const title = new Map(ctx.concepts.map((c) => [c.slug, c.title]));
    lines.push(`## ${w.related}`, '');
    for (const r of ctx.related) {
      const other = `${r.title} (\`${r.slug}\`)`;
      const from = title.get(r.from) ?? r.from;
      lines.push(r.direction === 'outgoing' ? `- ${from} ${r.type} ${other}` : `- ${other} ${r.type} ${from}`);
    }
    lines.push('');
  }
  const o = ctx.omitted;
  const left = [o.concepts, o.facts, o.caveats, o.related]
    .map((n, i) => (n ? w.count(n, w.kinds[i]) : ''))
    .filter(Boolean);
  if (ctx.truncated) lines.push(`_${w.omitted} ${left.join(', ') || '—'}._`, '');
  return lines.join('\n');
}
