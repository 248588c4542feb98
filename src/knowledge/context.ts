// Grounded context: what a retrieval-augmented chatbot puts in its prompt for one question. The
// best concepts (from search), the facts that bear on the question with their sources and how far
// to trust them, and the concepts around them, cut to a size budget. GraphQL, REST and MCP all
// answer through here, so they never disagree.
import { fail, KubeknowError } from '../errors';
import { relatedOf, type Direction } from './present';
import { analyze, looksKorean } from './search/analyze';
import type { SearchResult } from './search';
import type { Snapshot } from './snapshot';
import {
  statementIn,
  textIn,
  type ConceptView,
  type FactView,
  type Locale,
  type Reliability,
  type RelationType,
} from './types';

export type BudgetUnit = 'chars' | 'tokens';
export interface ContextBudget {
  chars?: number;
  tokens?: number;
}
export interface ContextRequest {
  q: string;
  lang?: Locale;
  /** Either chars or tokens (default: 4000 chars). */
  budget?: ContextBudget;
  /** The link of a concept; default `/v1/concepts/<slug>?lang=<lang>`. */
  linkFor?: (slug: string, lang: Locale) => string;
  /**
   * Which renderings must fit the budget: both (default), or only the markdown, for a caller that
   * sends nothing else (the JSON is the larger of the two, so this keeps more).
   */
  fit?: 'both' | 'markdown';
}

export interface ContextConcept {
  slug: string;
  title: string;
  summary: string;
  link: string;
  /** Search relevance: 1 for the best concept, the others their fraction of it. */
  score: number;
}
export interface ContextFact {
  /** The concept the fact belongs to. */
  concept: string;
  key: string;
  statement: string;
  /** The fact corrects a common misunderstanding (one the seed notes made). */
  correctsNotes: boolean;
  reliability: Reliability;
  source: { key: string; title: string; url: string | null };
  /** Present unless the source is authoritative: how far the statement may be trusted. */
  caution?: string;
}
export interface ContextRelation {
  /** The included concept the relation is seen from. */
  from: string;
  direction: Direction;
  type: RelationType;
  slug: string;
  title: string;
}
export interface GroundedContext {
  /** The question, cut to 80 characters. */
  query: string;
  lang: Locale;
  budget: { unit: BudgetUnit; limit: number; used: { json: number; markdown: number } };
  concepts: ContextConcept[];
  /** Statements backed by an authoritative, community or unverified source (flagged by reliability and caution). */
  facts: ContextFact[];
  /** Statements whose only source is DISPUTED: never to be presented as fact. */
  caveats: ContextFact[];
  related: ContextRelation[];
  /** Whether anything was dropped (or the top summary cut) to fit the budget. */
  truncated: boolean;
  omitted: { concepts: number; facts: number; caveats: number; related: number };
}

/** What contextFor reads from the knowledge service. */
export interface ContextSource {
  readonly snapshot: Snapshot;
  search(query: string, opts: { lang?: Locale; limit?: number }): SearchResult;
  concept(slug: string): ConceptView | undefined;
}

// The JSON envelope (query, budget, omitted counts) alone takes about 300 characters; the minimums
// leave room for at least the best concept's title, link and the start of its summary.
export const CONTEXT_BUDGET = {
  chars: { min: 600, max: 20000, default: 4000 },
  tokens: { min: 200, max: 5000, default: 1000 },
} as const;
const MAX_CONCEPTS = 5;
const QUERY_ECHO = 80;
// A concept's first relations (its own outgoing ones come first) say what it is; the rest is noise here.
const RELATIONS_PER_CONCEPT = 6;

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

const CAUTION: Record<Locale, Partial<Record<Reliability, string>>> = {
  en: {
    COMMUNITY: 'Community source, not official documentation: check it before relying on it.',
    UNVERIFIED:
      'Unverified source, not checked against the Kubernetes documentation: do not present it as authoritative.',
    DISPUTED:
      'Disputed source, known to be vague or wrong in places: do not present this as fact; prefer the official documentation.',
  },
  ko: {
    COMMUNITY: '커뮤니티 출처이며 공식 문서가 아니다. 근거로 쓰기 전에 확인할 것.',
    UNVERIFIED: '검증되지 않은 출처로, 쿠버네티스 문서와 대조하지 않았다. 권위 있는 근거로 제시하지 말 것.',
    DISPUTED:
      '신뢰성에 논란이 있는 출처로, 모호하거나 틀린 부분이 알려져 있다. 사실로 제시하지 말고 공식 문서를 우선할 것.',
  },
};

type Item =
  | { kind: 'concept'; priority: number; concept: ContextConcept }
  | { kind: 'fact' | 'caveat'; priority: number; fact: ContextFact }
  | { kind: 'related'; priority: number; related: ContextRelation };
const KIND_ORDER = { concept: 0, fact: 1, caveat: 2, related: 3 } as const;

/** The grounded context for a question, within the budget (both as JSON and as markdown). */
export function contextFor(source: ContextSource, req: ContextRequest): GroundedContext {
  const { unit, limit } = budgetOf(req.budget);
  const q = req.q.trim();
  if (!q) fail('BAD_USER_INPUT', 'must not be empty', 'q');
  const lang: Locale = req.lang ?? (looksKorean(q) ? 'ko' : 'en');
  const items = rankedItems(source, q, lang, req.linkFor ?? ((slug, l) => `/v1/concepts/${slug}?lang=${l}`));
  const base = { query: clip(q, QUERY_ECHO), lang, unit, limit };
  const attempt = (k: number, summaryChars?: number) => measured(assemble(base, items, k, summaryChars));
  const fits = (ctx: GroundedContext) =>
    ctx.budget.used.markdown <= limit && (req.fit === 'markdown' || ctx.budget.used.json <= limit);
  // The kept items are always a prefix of the ranking: the lowest-ranked go first.
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(attempt(mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0 || !items.length) return attempt(lo);
  // Not even the best concept fits whole: give as much of its summary as fits, rather than nothing.
  const top = items[0];
  const summary = top.kind === 'concept' ? top.concept.summary : '';
  let [a, b] = [0, [...summary].length];
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (fits(attempt(1, mid))) a = mid;
    else b = mid - 1;
  }
  return a >= 20 ? attempt(1, a) : attempt(0);
}

function budgetOf(budget: ContextBudget = {}): { unit: BudgetUnit; limit: number } {
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

// Concepts by search score; facts by the concept's score weighted by how much of the question they
// share; relations below the facts that share words with it. A dependent never outranks its concept,
// so every prefix of the ranking is coherent.
function rankedItems(
  source: ContextSource,
  q: string,
  lang: Locale,
  linkFor: (slug: string, lang: Locale) => string,
): Item[] {
  const hits = source.search(q, { lang, limit: MAX_CONCEPTS }).hits;
  const terms = factTerms(source.snapshot);
  const query = queryWeights(q, terms);
  const items: Item[] = [];
  const seenRelations = new Set<string>();
  hits.forEach((hit, rank) => {
    const c = source.concept(hit.slug);
    if (!c) return;
    const t = textIn(c, lang);
    const score = Math.round(hit.score * 1000) / 1000;
    items.push({
      kind: 'concept',
      priority: score,
      concept: { slug: c.slug, title: t.title, summary: t.summary, link: linkFor(c.slug, lang), score },
    });
    for (const f of c.facts) {
      const overlap = overlapOf(query, terms.byFact.get(c.slug)?.get(f.key));
      // The best concept is what was asked about: all of its facts bear on the question.
      if (overlap > 0 || rank === 0) items.push(factItem(c.slug, f, lang, score, overlap));
    }
    for (const r of relatedOf(c, lang, (s) => source.concept(s)).slice(0, RELATIONS_PER_CONCEPT)) {
      const id = r.direction === 'outgoing' ? `${c.slug} ${r.type} ${r.slug}` : `${r.slug} ${r.type} ${c.slug}`;
      if (seenRelations.has(id)) continue;
      seenRelations.add(id);
      items.push({
        kind: 'related',
        priority: score * 0.3,
        related: { from: c.slug, direction: r.direction, type: r.type, slug: r.slug, title: r.title },
      });
    }
  });
  // Array.prototype.sort is stable: equal items keep search order, then the concept's own order.
  return items.sort((a, b) => b.priority - a.priority || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

// A fact as the context shows it; one whose only source is DISPUTED becomes a caveat, ranked lower.
function factItem(slug: string, f: FactView, lang: Locale, conceptScore: number, overlap: number): Item {
  const { reliability } = f.reference;
  const disputed = reliability === 'DISPUTED';
  const weight = (0.25 + 0.75 * overlap) * (f.correctsNotes ? 1.1 : 1) * (disputed ? 0.8 : 1);
  const caution = CAUTION[lang][reliability];
  const fact: ContextFact = {
    concept: slug,
    key: f.key,
    statement: statementIn(f, lang),
    correctsNotes: f.correctsNotes,
    reliability,
    source: { key: f.reference.key, title: f.reference.title, url: f.reference.url },
    ...(caution ? { caution } : {}),
  };
  return { kind: disputed ? 'caveat' : 'fact', priority: Math.min(conceptScore, conceptScore * weight), fact };
}

interface FactTerms {
  byFact: Map<string, Map<string, Set<string>>>; // slug → fact key → terms of both statements
  df: Map<string, number>;
  n: number;
}
const factTermCache = new WeakMap<Snapshot, FactTerms>();

// Terms of every fact (en and ko), built once per snapshot: what the question's words are matched against.
function factTerms(snapshot: Snapshot): FactTerms {
  const cached = factTermCache.get(snapshot);
  if (cached) return cached;
  const out: FactTerms = { byFact: new Map(), df: new Map(), n: 0 };
  for (const c of snapshot.concepts) {
    const perFact = new Map<string, Set<string>>();
    for (const f of c.facts) {
      const terms = new Set<string>();
      for (const s of Object.values(f.statements))
        for (const u of analyze(s.normalize('NFKC'), 'index').units) for (const t of u.terms) terms.add(t.text);
      perFact.set(f.key, terms);
      for (const t of terms) out.df.set(t, (out.df.get(t) ?? 0) + 1);
      out.n++;
    }
    out.byFact.set(c.slug, perFact);
  }
  factTermCache.set(snapshot, out);
  return out;
}

// The question's terms that some fact contains, weighted by rarity (IDF); a Hangul bigram is half evidence.
function queryWeights(q: string, facts: FactTerms): Map<string, number> {
  const weights = new Map<string, number>();
  for (const u of analyze(q.normalize('NFKC'), 'query').units) {
    for (const t of u.terms) {
      const df = facts.df.get(t.text);
      if (t.kind === 'raw' || !df) continue;
      const idf = Math.log(1 + (facts.n - df + 0.5) / (df + 0.5));
      weights.set(t.text, idf * (t.kind === 'bigram' ? 0.5 : 1));
    }
  }
  return weights;
}

function overlapOf(query: Map<string, number>, terms: Set<string> | undefined): number {
  let total = 0;
  let shared = 0;
  for (const [t, w] of query) {
    total += w;
    if (terms?.has(t)) shared += w;
  }
  return total ? shared / total : 0;
}

type Base = { query: string; lang: Locale; unit: BudgetUnit; limit: number };

function assemble(base: Base, items: readonly Item[], k: number, summaryChars?: number): GroundedContext {
  const ctx: GroundedContext = {
    query: base.query,
    lang: base.lang,
    budget: { unit: base.unit, limit: base.limit, used: { json: 0, markdown: 0 } },
    concepts: [],
    facts: [],
    caveats: [],
    related: [],
    truncated: k < items.length || summaryChars !== undefined,
    omitted: { concepts: 0, facts: 0, caveats: 0, related: 0 },
  };
  items.forEach((item, i) => {
    const key =
      item.kind === 'concept'
        ? 'concepts'
        : item.kind === 'fact'
          ? 'facts'
          : item.kind === 'caveat'
            ? 'caveats'
            : 'related';
    if (i >= k) ctx.omitted[key]++;
    else if (item.kind === 'concept')
      ctx.concepts.push(
        summaryChars === undefined
          ? item.concept
          : { ...item.concept, summary: clip(item.concept.summary, summaryChars) },
      );
    else if (item.kind === 'related') ctx.related.push(item.related);
    else ctx[key as 'facts' | 'caveats'].push(item.fact);
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

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`;
}

const WORDS = {
  en: {
    title: 'Context for',
    concepts: 'Concepts',
    facts: 'Facts',
    caveats: 'Caveats (disputed sources: do not present as fact)',
    related: 'Related',
    none: 'No concept matched the question.',
    corrects: 'corrects a common misunderstanding',
    noLink: 'no link',
    omitted: 'Cut to fit the budget; left out:',
    kinds: ['concepts', 'facts', 'caveats', 'relations'],
  },
  ko: {
    title: '질문 관련 자료:',
    concepts: '개념',
    facts: '사실',
    caveats: '주의 (논란 있는 출처: 사실로 제시하지 말 것)',
    related: '관련 개념',
    none: '질문에 맞는 개념이 없다.',
    corrects: '흔한 오해를 바로잡음',
    noLink: '링크 없음',
    omitted: '예산에 맞추느라 뺀 항목:',
    kinds: ['개념', '사실', '주의', '관계'],
  },
} as const;

/** The context as markdown for a prompt: concepts, facts with citations and cautions, caveats, relations. */
export function contextMarkdown(ctx: GroundedContext): string {
  const w = WORDS[ctx.lang];
  const lines = [`# ${w.title} "${ctx.query}"`, ''];
  if (ctx.concepts.length) {
    lines.push(`## ${w.concepts}`, '');
    for (const c of ctx.concepts) lines.push(`- **${c.title}** (\`${c.slug}\`, ${c.link}): ${c.summary}`);
    lines.push('');
  } else lines.push(w.none, '');
  const fact = (f: ContextFact) => {
    const src = f.source.url ? `[${f.source.title}](${f.source.url})` : `${f.source.title} (${w.noLink})`;
    const flag = f.caution ? ` — **${f.reliability}**: ${f.caution}` : '';
    return `- \`${f.concept}\`: ${f.correctsNotes ? `(${w.corrects}) ` : ''}${f.statement} — ${src}${flag}`;
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
    .map((n, i) => (n ? `${n} ${w.kinds[i]}` : ''))
    .filter(Boolean);
  if (ctx.truncated) lines.push(`_${w.omitted} ${left.join(', ') || '—'}._`, '');
  return lines.join('\n');
}
