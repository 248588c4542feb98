// What goes into a grounded context, best first: facts by how much of the question they share, then
// by their concept's search score, so a fact that answers the question beats a footnote of a better
// concept; concepts by their score, or by their best fact's when that is higher; relations below
// the facts that share words with it. A dependent never outranks its concept (a concept is lifted
// to its best fact), so every prefix of the ranking is coherent. A fact that corrects a common
// belief is lifted only when the question carries the belief, and lowered otherwise. When
// the search says no concept covers the question, nothing is grounded on what it found: a weak match
// keeps only the nearest concepts (to suggest, not to cite), no match keeps nothing.
//
// One exception to the order, so that a small budget still cites something: the best concept's best
// fact comes right after it, before any other concept (citedFirst). An answer that cites no fact is
// worse for a chatbot than one concept with its best cited fact (new-user review: at 800 characters,
// "readiness probe 실패하면 어떻게 되나요" kept two concepts' summaries and none of their facts).
import type { SearchMatch } from '../search';
import { relatedOf } from '../present';
import { analyze } from '../search/analyze';
import type { Snapshot } from '../snapshot';
import { beliefIn, statementIn, textIn, type FactView, type Locale, type Reliability } from '../types';
import type { ContextConcept, ContextFact, ContextRelation, ContextSource } from './types';

/** One ranked entry of a context; `priority` orders them, highest first. */
export type Item =
  | { kind: 'concept'; priority: number; concept: ContextConcept }
  | { kind: 'fact' | 'caveat'; priority: number; fact: ContextFact }
  | { kind: 'related'; priority: number; related: ContextRelation };
const KIND_ORDER = { concept: 0, fact: 1, caveat: 2, related: 3 } as const;

const MAX_CONCEPTS = 5;
// The share of the question a belief must share for the question to be taken as carrying it.
const BELIEF_OVERLAP = 0.3;
// A concept's first relations (its own outgoing ones come first) say what it is; the rest is noise here.
const RELATIONS_PER_CONCEPT = 6;

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

/** Everything that could go into the context for the question, best first, and how well the best concept matched. */
export function rankedItems(
  source: ContextSource,
  q: string,
  lang: Locale,
  linkFor: (slug: string, lang: Locale) => string,
): { items: Item[]; match: SearchMatch } {
  const { hits, match } = source.search(q, { lang, limit: MAX_CONCEPTS });
  if (match === 'none') return { items: [], match };
  const terms = factTerms(source.snapshot);
  const query = queryWeights(q, terms);
  const items: Item[] = [];
  const seenRelations = new Set<string>();
  hits.forEach((hit, rank) => {
    const c = source.concept(hit.slug);
    if (!c) return;
    const t = textIn(c, lang);
    const score = Math.round(hit.score * 1000) / 1000;
    const relevance = Math.round(hit.relevance * 1000) / 1000;
    const concept: Item = {
      kind: 'concept',
      priority: score,
      concept: { slug: c.slug, title: t.title, summary: t.summary, link: linkFor(c.slug, lang), score, relevance },
    };
    items.push(concept);
    if (match === 'weak') return;
    const asked = aboutWhat(query, terms.byName.get(c.slug));
    for (const f of c.facts) {
      const overlap = overlapOf(asked, terms.byFact.get(c.slug)?.get(f.key));
      // The best concept is what was asked about: all of its facts bear on the question.
      if (overlap === 0 && rank !== 0) continue;
      // A belief about a StatefulSet says "StatefulSet" as every fact of it does: the question carries
      // the belief only when it shares what the belief claims, not just the concept's name.
      const carriesBelief = overlapOf(asked, terms.byBelief.get(c.slug)?.get(f.key)) >= BELIEF_OVERLAP;
      const fact = factItem(c.slug, f, lang, score, overlap, carriesBelief);
      concept.priority = Math.max(concept.priority, fact.priority);
      items.push(fact);
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
  return {
    items: citedFirst(items.sort((a, b) => b.priority - a.priority || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])),
    match,
  };
}

/**
 * The ranking with the first concept's best fact moved up to follow it, so that every prefix of two
 * items or more cites a source. The first item is always a concept (a concept is lifted to its best
 * fact, and comes before its facts at equal priority); a caveat is not a fact to cite. The fitter
 * (fit.ts) cuts the first concept's summary to keep that fact when both do not fit whole.
 */
function citedFirst(items: Item[]): Item[] {
  const top = items[0];
  if (top?.kind !== 'concept') return items;
  const i = items.findIndex((x) => x.kind === 'fact' && x.fact.concept === top.concept.slug);
  if (i > 1) items.splice(1, 0, ...items.splice(i, 1));
  return items;
}

// A fact as the context shows it; one whose only source is DISPUTED becomes a caveat, ranked lower.
// How much of the question it shares counts most; the concept's score decides among equals.
function factItem(
  slug: string,
  f: FactView,
  lang: Locale,
  conceptScore: number,
  overlap: number,
  carriesBelief: boolean,
): Item {
  const { reliability } = f.reference;
  const disputed = reliability === 'DISPUTED';
  const correction = f.corrects ? (carriesBelief ? 1.1 : 0.8) : 1;
  const weight = (0.25 + 0.75 * overlap) * correction * (disputed ? 0.8 : 1);
  const caution = CAUTION[lang][reliability];
  const belief = beliefIn(f, lang);
  const fact: ContextFact = {
    concept: slug,
    key: f.key,
    statement: statementIn(f, lang),
    ...(belief ? { corrects: { belief } } : {}),
    reliability,
    source: { key: f.reference.key, title: f.reference.title, url: f.reference.url },
    ...(caution ? { caution } : {}),
  };
  return { kind: disputed ? 'caveat' : 'fact', priority: weight * (0.4 + 0.6 * conceptScore), fact };
}

interface FactTerms {
  byFact: Map<string, Map<string, Set<string>>>; // slug → fact key → terms of both statements
  byBelief: Map<string, Map<string, Set<string>>>; // slug → fact key → terms of the belief it corrects
  byName: Map<string, Set<string>>; // slug → terms of its titles and aliases
  df: Map<string, number>;
  n: number;
}
const factTermCache = new WeakMap<Snapshot, FactTerms>();

// Terms of every fact (en and ko), built once per snapshot: what the question's words are matched against.
function factTerms(snapshot: Snapshot): FactTerms {
  const cached = factTermCache.get(snapshot);
  if (cached) return cached;
  const out: FactTerms = { byFact: new Map(), byBelief: new Map(), byName: new Map(), df: new Map(), n: 0 };
  const termsOf = (texts: readonly string[]) => {
    const terms = new Set<string>();
    for (const s of texts)
      for (const u of analyze(s.normalize('NFKC'), 'index').units) for (const t of u.terms) terms.add(t.text);
    return terms;
  };
  for (const c of snapshot.concepts) {
    const perFact = new Map<string, Set<string>>();
    const beliefs = new Map<string, Set<string>>();
    for (const f of c.facts) {
      const terms = termsOf(Object.values(f.statements));
      if (f.corrects) beliefs.set(f.key, termsOf(Object.values(f.corrects.belief)));
      perFact.set(f.key, terms);
      for (const t of terms) out.df.set(t, (out.df.get(t) ?? 0) + 1);
      out.n++;
    }
    out.byFact.set(c.slug, perFact);
    out.byName.set(c.slug, termsOf(Object.values(c.texts).flatMap((t) => (t ? [t.title, ...t.aliases] : []))));
    out.byBelief.set(c.slug, beliefs);
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

/**
 * What the question asks about a concept: its words other than the concept's own names. Every fact
 * of the StatefulSet concept says "StatefulSet"; in "what is a StatefulSet Pod's DNS name" it is
 * "DNS name" that picks the fact. The whole question when it is nothing but names.
 */
function aboutWhat(query: Map<string, number>, names: Set<string> | undefined): Map<string, number> {
  if (!names) return query;
  const rest = new Map([...query].filter(([t]) => !names.has(t)));
  return rest.size ? rest : query;
}

// The share of the question's weight that a fact's terms cover.
function overlapOf(query: Map<string, number>, terms: Set<string> | undefined): number {
  let total = 0;
  let shared = 0;
  for (const [t, w] of query) {
    total += w;
    if (terms?.has(t)) shared += w;
  }
  return total ? shared / total : 0;
}
