// A concept as readers get it: JSON for programs, plain text for a terminal, markdown for chat and
// portals. REST and MCP both present through here, so they never disagree.
import { computation } from './computations';
import { correctionText } from './corrections';
import type { ConceptView, Locale, ReferenceView, RelationView } from './types';
import { beliefIn, k8sOf, statementIn, textIn } from './types';
import { codePlaceholders } from '../util/placeholders';

export type Direction = 'outgoing' | 'incoming';
export interface RelatedView {
  direction: Direction;
  type: RelationView['type'];
  slug: string; // the concept at the other end
  title: string;
  note: string;
}

/** Relations of a concept seen from it, with the other end's title; filters are optional. */
export function relatedOf(
  c: ConceptView,
  lang: Locale,
  lookup: (slug: string) => ConceptView | undefined,
  filter: { direction?: Direction; type?: string } = {},
): RelatedView[] {
  const side = (r: RelationView, direction: Direction): RelatedView => {
    const slug = direction === 'outgoing' ? r.target : r.source;
    const other = lookup(slug);
    return { direction, type: r.type, slug, title: other ? textIn(other, lang).title : slug, note: r.note };
  };
  return [...c.outgoing.map((r) => side(r, 'outgoing')), ...c.incoming.map((r) => side(r, 'incoming'))].filter(
    (r) => (!filter.direction || r.direction === filter.direction) && (!filter.type || r.type === filter.type),
  );
}

/** A concept as one entry of a list: its names and what it is. */
export interface ConceptBrief {
  slug: string;
  title: string;
  summary: string;
  kind: ConceptView['kind'];
  category: string;
}

/** The concept as a list entry, in one language. */
export function conceptBrief(c: ConceptView, lang: Locale): ConceptBrief {
  const t = textIn(c, lang);
  return { slug: c.slug, title: t.title, summary: t.summary, kind: c.kind, category: c.category };
}

/** A relation's type with an arrow that reads from the concept it is seen from: "CREATES →", "← IS_A". */
export const relationArrow = (r: Pick<RelatedView, 'direction' | 'type'>): string =>
  r.direction === 'outgoing' ? `${r.type} →` : `← ${r.type}`;

/** The computations that diagnose what the concept describes: name, route and what each shows, in one language. */
export function diagnosisOf(c: ConceptView, lang: Locale): { name: string; route: string; does: string }[] {
  return (c.diagnosedBy ?? []).flatMap((name) => {
    const found = computation(name);
    return found ? [{ name: found.name, route: found.route, does: found.does[lang] }] : [];
  });
}

const referenceBrief = (r: ReferenceView) => ({
  key: r.key,
  title: r.title,
  url: r.url,
  language: r.language,
  reliability: r.reliability,
});

/** The JSON document of a concept in one language, with links to the other. */
export function conceptJson(c: ConceptView, lang: Locale, lookup: (slug: string) => ConceptView | undefined) {
  const t = textIn(c, lang);
  return {
    slug: c.slug,
    lang: t.lang,
    languages: Object.keys(c.texts),
    kind: c.kind,
    category: c.category,
    k8s: k8sOf(c),
    title: t.title,
    aliases: t.aliases,
    summary: t.summary,
    body: t.body,
    symptoms: t.symptoms ?? [],
    diagnosedBy: diagnosisOf(c, lang),
    facts: c.facts.map((f) => ({
      key: f.key,
      statement: statementIn(f, lang),
      corrects: f.corrects ? { belief: beliefIn(f, lang) } : null,
      reference: referenceBrief(f.reference),
    })),
    relations: relatedOf(c, lang, lookup),
    examples: c.examples.map((e) => ({ key: e.key, title: e.title[lang] ?? e.title.en, manifest: e.manifest })),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    links: Object.fromEntries(Object.keys(c.texts).map((l) => [l, `/v1/concepts/${c.slug}?lang=${l}`])),
  };
}

const MARK: Record<string, string> = {
  AUTHORITATIVE: '',
  COMMUNITY: ' (community source)',
  UNVERIFIED: ' (UNVERIFIED source)',
  DISPUTED: ' (DISPUTED source: do not rely on it)',
};
const cite = (r: ReferenceView) => `${r.title}${r.url ? ` <${r.url}>` : ' (no link)'}${MARK[r.reliability]}`;

/** The concept as markdown: title, summary, body, facts with citations, relations. */
export function conceptMarkdown(
  c: ConceptView,
  lang: Locale,
  lookup: (slug: string) => ConceptView | undefined,
): string {
  return memo(c, `md:${lang}`, () => renderMarkdown(c, lang, lookup));
}

function renderMarkdown(c: ConceptView, lang: Locale, lookup: (slug: string) => ConceptView | undefined): string {
  const t = textIn(c, lang);
  const ko = lang === 'ko';
  const lines = [
    `# ${t.title}`,
    '',
    `\`${c.slug}\` · ${c.category}${c.k8sKind ? ` · ${c.apiVersion} ${c.k8sKind}` : ''}`,
    '',
    codePlaceholders(t.summary),
    '',
    t.body.trim(),
    '',
  ];
  const diagnosis = diagnosisOf(c, lang);
  if (diagnosis.length) {
    lines.push(`## ${ko ? 'kubeknow로 진단하기' : 'Diagnose it with kubeknow'}`, '');
    for (const d of diagnosis) lines.push(`- \`${d.route}\` (\`${d.name}\`): ${d.does}`);
    lines.push('');
  }
  if (c.facts.length) {
    lines.push(`## ${ko ? '사실' : 'Facts'}`, '');
    for (const f of c.facts)
      lines.push(
        `- ${codePlaceholders(correctionText(statementIn(f, lang), beliefIn(f, lang), lang))} — ${cite(f.reference)}`,
      );
    lines.push('');
  }
  const related = relatedOf(c, lang, lookup);
  if (related.length) {
    lines.push(`## ${ko ? '관계' : 'Related'}`, '');
    for (const r of related)
      lines.push(`- ${relationArrow(r)} ${r.title} (\`${r.slug}\`)${r.note ? `: ${codePlaceholders(r.note)}` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The concept as plain text for a terminal: markdown marks dropped, lines wrapped at 80 columns. */
export function conceptText(c: ConceptView, lang: Locale, lookup: (slug: string) => ConceptView | undefined): string {
  return memo(c, `text:${lang}`, () => renderText(conceptMarkdown(c, lang, lookup)));
}

// Renderings are kept per concept view. A view is never changed, and every committed write makes a
// new snapshot with new views for the concepts it changed and for their neighbours, whose relations
// show their titles (patchSnapshot), so a kept rendering can never be stale; old ones go with their
// views (WeakMap).
const rendered = new WeakMap<ConceptView, Map<string, string>>();
function memo(c: ConceptView, key: string, render: () => string): string {
  let byKey = rendered.get(c);
  if (!byKey) rendered.set(c, (byKey = new Map<string, string>()));
  let out = byKey.get(key);
  if (out === undefined) byKey.set(key, (out = render()));
  return out;
}

// A line that starts a block of its own: blank, a heading, a list item, a table row, a fence, a quote.
const BLOCK_START = /^\s*(?:$|#|[-*] |\d+\. |\||```|>)/;

/**
 * The markdown's lines with soft breaks joined: a line that continues a paragraph or list item is
 * appended to it, so that wrapping fills each line instead of keeping the source's breaks.
 */
function joinSoftBreaks(md: string): string[] {
  const out: string[] = [];
  let fenced = false;
  let open = false; // whether the last line is a paragraph or item that the next line may continue
  for (const raw of md.split('\n')) {
    if (raw.startsWith('```')) fenced = !fenced;
    if (!fenced && open && !BLOCK_START.test(raw) && !raw.startsWith('```')) {
      out[out.length - 1] += ` ${raw.trim()}`;
      continue;
    }
    out.push(raw);
    open = !fenced && !raw.startsWith('```') && raw.trim() !== '' && !/^\s*(?:#|\|)/.test(raw);
  }
  return out;
}

function renderText(md: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const raw of joinSoftBreaks(md)) {
    if (raw.startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push(`    ${raw}`);
      continue;
    }
    const heading = /^(#+)\s+(.*)$/.exec(raw);
    if (heading) {
      const title = heading[2];
      out.push(
        heading[1].length === 1 ? title.toUpperCase() : title,
        (heading[1].length === 1 ? '=' : '-').repeat(Math.min(80, width(title))),
      );
      continue;
    }
    const line = raw
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>');
    out.push(...wrap(line, 80));
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

// Hangul and other wide characters take two terminal columns.
const width = (s: string) =>
  [...s].reduce(
    (n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1),
    0,
  );

function wrap(line: string, cols: number): string[] {
  if (width(line) <= cols) return [line];
  const indent = /^(\s*(?:[-*] |\d+\. )?)/.exec(line)![1].replace(/[-*\d.]/g, ' ');
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(/\s+/)) {
    if (cur && width(cur) + 1 + width(word) > cols) {
      out.push(cur);
      cur = indent + word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}
