// Bilingual (ko/en) concept search: MiniSearch's BM25+ over terms from our own analyser (Korean
// particles stripped, Hangul bigrams, identifiers split, typos matched fuzzily), then word order:
// a bonus when the query contains a concept's title or alias whole, or runs of its words appear
// in that order in the concept's text. Pure: the index is built from the views given, no clock.
// A question asked again gets the answer kept for it until the index changes (answers.ts).
import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch from 'minisearch';
import { localesFrom, type ConceptView, type Locale } from '../types';
import { indexKey, questionLanguage, termOfKey } from './analyze';
import { analysedConcept, textOf, type AnalysedConcept, type IndexedDoc } from './documents';
import { RecentAnswers } from './answers';
import { SEARCH_FIELDS, type SearchField } from './fields';
import { editDistance } from '../../util/distance';
import { clipAtSentence } from '../../util/sentences';
import { nameCoverage, runCoverage } from './phrases';
import { compileSynonyms, prepareQuery, questionRead, type CompiledSynonym, type QueryTerm } from './query';
import { bestSnippet, SNIPPET_CHARS } from './snippet';
import { SYNONYMS } from './synonyms';

export { SEARCH_FIELDS, type SearchField } from './fields';

/** Whether the best hit answers the question: `strong` it does, `weak` it may in part, `none` no concept covers it. */
export type SearchMatch = 'strong' | 'weak' | 'none';
export const SEARCH_MATCHES: readonly SearchMatch[] = ['strong', 'weak', 'none'];

export interface SearchHit {
  slug: string;
  /** Relative score, for ranking: the best hit of a search scores 1, the others their fraction of it. */
  score: number;
  /** Absolute relevance, 0–1 and comparable across questions: how much of the question this concept covers. */
  relevance: number;
  /** The language of the text the snippet quotes (the asked language whenever that text matched). */
  matchedLang: Locale;
  /** The field the snippet is taken from: the passage that matched most of the query (names win ties). */
  field: SearchField;
  /** At most about 200 characters around the best match; "…" marks a cut. */
  snippet: string;
  /** [start, end) offsets into `snippet` of the matched words, ascending and non-overlapping. */
  highlights: [number, number][];
}

export interface SearchOptions {
  /** The language to quote and prefer; defaults to Korean when the query contains Hangul, else English. */
  lang?: Locale;
  /** Page size, 1–100 (default 10); out-of-range values are clamped. */
  limit?: number;
  /** Hits to skip, ≥ 0 (default 0). */
  offset?: number;
}

export interface SearchResult {
  /** Number of relevant concepts, independent of limit and offset. */
  total: number;
  hits: SearchHit[];
  /** Whether the best hit (of the whole result, not of this page) answers the question. */
  match: SearchMatch;
}

export interface SearchIndex {
  search(query: string, opts?: SearchOptions): SearchResult;
  /**
   * Indexes these concepts anew (added, or replacing their old text) and drops the slugs gone, in
   * place: what a search then finds is what an index built from the whole new graph finds.
   */
  update(changed: readonly ConceptView[], gone: readonly string[]): void;
  /** Adds concepts analysed elsewhere (a worker thread: see build.ts) that the index does not hold yet. */
  add(analysed: readonly AnalysedConcept[]): void;
  /**
   * As add, but MiniSearch's insertions (0.1 s for the whole graph) wait for the first search, or
   * for `insertDeferred`: start-up listens and answers its first lookups meanwhile (src/server.ts).
   */
  addDeferred(analysed: readonly AnalysedConcept[]): void;
  /** Makes the insertions addDeferred left; what any search would do first. */
  insertDeferred(): void;
  /** The same, a few rows a turn of the event loop, so that requests are answered between them. */
  insertDeferredInTurns(): Promise<void>;
}

// title/aliases ≫ summary > facts > body: a word in the title says what the concept is; a word
// in the body may be in passing.
const FIELD_BOOST: Record<SearchField, number> = { title: 6, aliases: 5, summary: 2.2, facts: 1.4, body: 1 };
// A hit whose score is under this fraction of the best one is noise (a shared common word).
const MIN_RELATIVE_SCORE = 0.05;
// What word order adds, relative to the best BM25 score, at full coverage of the query: a title or
// alias found whole in the query, and a run of the query's words found in order in the text.
const NAME_BONUS = 0.8;
const RUN_BONUS = 0.8;
// Runs are looked for only among the best candidates by BM25: word order reorders, it does not recall.
const RUN_CANDIDATES = 10;
// A word found only by a typo or prefix lookup is probably, not surely, the word meant; and only
// when it is long: one letter off a short word is another word ("bake" ~ "make", "cook" ~ "look",
// "wood" ~ "word"), so a short word's approximate matches retrieve but do not count as covering it.
// In index keys (a Korean word as jamo, where a three-syllable word is six or more).
const APPROXIMATE_CREDIT = 0.5;
const MIN_APPROXIMATE_CHARS = 6;
// What all of a Korean word's bigrams found (but not the word) count for.
const BIGRAM_CREDIT = 0.8;
// How far a name or in-order run found in the question lifts relevance above word coverage.
const PHRASE_SHARE = 0.3;
const PHRASE_LIFT = 2;
// A word no concept contains weighs more than the rarest word that some concept has: the question
// is then likely about something the content does not cover.
const UNKNOWN_WORD_WEIGHT = 1.5;
// How many words such a word counts for in what a name or run found in the question cannot explain
// (see unexplainedShare): the question is more likely about it than about a word the content has.
const UNKNOWN_WORD_SHARE = 2;
// Relevance at which the best hit answers the question (strong), or may (weak); calibrated on the
// evaluation's in-scope and out-of-scope questions (test/search-eval).
const STRONG_RELEVANCE = 0.5;
const WEAK_RELEVANCE = 0.3;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** Builds the search index over these concepts. */
export function buildSearchIndex(concepts: readonly ConceptView[]): SearchIndex {
  const index = emptySearchIndex();
  index.update(concepts, []);
  return index;
}

/** An index of no concepts, to be filled with `add` or `update`. */
export const emptySearchIndex = (): SearchIndex => new ConceptSearch(compileSynonyms(SYNONYMS));

/** A concept as indexed: its document, its MiniSearch row (which removing it needs again) and its distinct terms. */
type Indexed = AnalysedConcept;

/** How many deferred rows are inserted in one turn of the event loop (about 3 ms each). */
const ROWS_PER_TURN = 4;

class ConceptSearch implements SearchIndex {
  private readonly tree = new MiniSearch<IndexedDoc>({
    fields: [...SEARCH_FIELDS],
    // The analyser has already produced the terms; MiniSearch only needs them back.
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term,
  });
  private readonly indexed = new Map<string, Indexed>();
  /** Term → how many concepts contain it. */
  private readonly df = new Map<string, number>();
  /** Answers given since the index last changed, by the question as read (questionRead) and normalized options. */
  private readonly answers = new RecentAnswers<SearchResult>();

  /** Rows added with addDeferred and not yet in the tree, in the order added. */
  private deferred: IndexedDoc[] = [];

  constructor(private readonly synonyms: readonly CompiledSynonym[]) {}

  /** MiniSearch, holding every row added: each use goes through here, so none sees it without the deferred rows. */
  private get mini(): MiniSearch<IndexedDoc> {
    this.insertDeferred();
    return this.tree;
  }

  insertDeferred(): void {
    if (!this.deferred.length) return;
    this.tree.addAll(this.deferred);
    this.deferred = [];
  }

  // All at once the insertions held the event loop 0.1-0.2 s a second after start-up, in the middle of
  // the first requests (a fault test's 100 ms bar caught it); a few rows take a few milliseconds. A
  // search meanwhile inserts what is left itself (mini), so the loop ends when nothing is.
  async insertDeferredInTurns(): Promise<void> {
    while (this.deferred.length) {
      this.tree.addAll(this.deferred.splice(0, ROWS_PER_TURN));
      await nextTurn();
    }
  }

  update(changed: readonly ConceptView[], gone: readonly string[]): void {
    for (const slug of [...gone, ...changed.map((c) => c.slug)]) this.remove(slug);
    this.add(changed.map(analysedConcept));
  }

  add(analysed: readonly AnalysedConcept[]): void {
    this.addDeferred(analysed);
    this.insertDeferred();
  }

  addDeferred(analysed: readonly AnalysedConcept[]): void {
    this.answers.clear();
    for (const a of analysed) {
      for (const t of a.terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.indexed.set(a.doc.slug, a);
      this.deferred.push(a.row);
    }
  }

  private remove(slug: string): void {
    const old = this.indexed.get(slug);
    if (!old) return;
    this.answers.clear();
    // remove (not discard): the terms leave the index now, so document frequencies are exact at once.
    this.mini.remove(old.row);
    for (const t of old.terms) {
      const n = this.df.get(t)! - 1;
      if (n) this.df.set(t, n);
      else this.df.delete(t);
    }
    this.indexed.delete(slug);
  }

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = clamp(opts.limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = clamp(opts.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const lang: Locale = opts.lang ?? questionLanguage(query);
    // Keyed on what the search reads: questions that differ only past it get the same answer.
    const read = questionRead(query);
    const key = `${lang} ${limit} ${offset} ${read}`;
    const kept = this.answers.get(key);
    if (kept) return kept;
    const answer = frozen(this.answer(read, lang, limit, offset));
    this.answers.set(key, answer);
    return answer;
  }

  private answer(query: string, lang: Locale, limit: number, offset: number): SearchResult {
    const { terms, keys } = prepareQuery(
      query,
      (t) => this.df.has(t),
      this.synonyms,
      (w, edits) => this.correction(w, edits),
    );
    if (!terms.size) return { total: 0, hits: [], match: 'none' };
    const byKey = new Map<string, QueryTerm>();
    terms.forEach((spec, t) => byKey.set(indexKey(t), spec));
    const results = this.mini.search([...byKey.keys()].join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: FIELD_BOOST,
      boostTerm: (key) => byKey.get(key)?.weight ?? 1,
      prefix: (key) => byKey.get(key)?.prefix ?? false,
      fuzzy: (key) => byKey.get(key)?.fuzzy || false,
      weights: { fuzzy: 0.5, prefix: 0.4 },
    });
    if (!results.length) return { total: 0, hits: [], match: 'none' };
    const { weights, bigrams, known } = this.groupWeights(byKey);
    const scratch = groupScratch(byKey);
    const words = weightedWords(weights, bigrams, known);
    const scored = results.map((r) => ({
      slug: String(r.id),
      // Its matched terms are read only for the hits shown (see hit).
      match: r.match,
      // MiniSearch multiplies by the number of query terms matched; a Korean word brings several
      // bigrams, so count the query's words instead (see wordsMatched).
      score: (r.score / Math.max(1, r.queryTerms.length)) * wordsMatched(r.queryTerms, byKey, scratch),
      // Coverage until ranked, then relevance: one object a result, not one for each step.
      relevance: coverageOf(r.queryTerms, r.match, byKey, words, scratch),
      // Read with the coverage, from the same scratch (see unexplainedShare).
      unexplained: unexplainedShare(words, scratch),
    }));
    let top = -Infinity;
    for (const r of scored) top = Math.max(top, r.score);
    // Ties go by slug, not by MiniSearch's order (which follows when each concept was indexed), so an
    // index updated in place ranks as one built at once.
    // Compared, not subtracted: a comparator returning a fraction boxes it, once per comparison.
    const bySlug = (a: { slug: string; score: number }, b: { slug: string; score: number }) =>
      b.score > a.score ? 1 : b.score < a.score ? -1 : a.slug < b.slug ? -1 : 1;
    scored.sort(bySlug);
    // Rescored in place: each question has a hundred results or more, and a new object for each
    // (and for its name and run coverage) was a tenth of what a search allocated.
    for (let i = 0; i < scored.length; i++) {
      const r = scored[i];
      const doc = this.indexed.get(r.slug)!.doc;
      const name = nameCoverage(doc.names, keys);
      const run = i < RUN_CANDIDATES ? runCoverage(textOf(doc), keys) : 0;
      r.score = r.score / top + (NAME_BONUS * name ** 2 + RUN_BONUS * run ** 2);
      r.relevance = relevanceOf(r.relevance, name, run, r.unexplained);
    }
    const ranked = scored.sort(bySlug);
    const best = ranked[0].score;
    const relevant = ranked.filter((r) => r.score >= best * MIN_RELATIVE_SCORE);
    const hits = relevant
      .slice(offset, offset + limit)
      .map((r) => this.hit(r.slug, r.score / best, r.relevance, Object.keys(r.match).map(termOfKey), lang));
    return { total: relevant.length, hits, match: matchOf(ranked[0].relevance) };
  }

  // Name and run coverage (see answer) are how much of the query a concept's names (title, aliases,
  // symptoms) and its text in order cover. Squared in the ranking bonus: a name or run that is most
  // of the query is strong evidence, a word or two is not.

  // How much each query word says: its inverse document frequency, the largest of its own terms'
  // (not of compounds it shares with a neighbour). A word no concept has says the most, since a
  // question about it is about something the content lacks. Also how many bigrams each word has.
  private groupWeights(byKey: ReadonlyMap<string, QueryTerm>): {
    weights: Map<number, number>;
    bigrams: Map<number, number>;
    known: Set<number>;
  } {
    const n = this.indexed.size;
    const weights = new Map<number, number>();
    const bigrams = new Map<number, number>();
    const fromPairs = new Map<number, number>();
    const known = new Set<number>();
    for (const [key, spec] of byKey) {
      if (spec.groups.length !== 1 || spec.groups[0] < 0) continue;
      const g = spec.groups[0];
      const df = this.df.get(termOfKey(key)) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (df ? 1 : UNKNOWN_WORD_WEIGHT);
      if (df) known.add(g);
      // A bigram may span two words ("자동 동기화" gives 동동), so a word's own terms decide its weight.
      const into = spec.kind === 'bigram' ? fromPairs : weights;
      if (spec.kind === 'bigram') bigrams.set(g, (bigrams.get(g) ?? 0) + 1);
      into.set(g, Math.max(into.get(g) ?? 0, idf));
    }
    for (const [g, w] of fromPairs) if (!weights.has(g)) weights.set(g, w);
    return { weights, bigrams, known };
  }

  // The word the index knows that is nearest to an unknown one, for phrase matching ("afinity" → "affinity").
  private correction(word: string, maxEdits: number): string | undefined {
    if (!maxEdits) return undefined;
    const key = indexKey(word);
    const found = this.mini.search(key, {
      tokenize: (t) => [t],
      processTerm: (t) => t,
      fuzzy: maxEdits,
      prefix: false,
    });
    let best: { key: string; distance: number; df: number } | undefined;
    for (const candidate of new Set(found.flatMap((r) => Object.keys(r.match)))) {
      const distance = editDistance(key, candidate, maxEdits);
      const df = this.df.get(termOfKey(candidate)) ?? 0;
      if (distance <= maxEdits && (!best || closer({ key: candidate, distance, df }, best)))
        best = { key: candidate, distance, df };
    }
    return best && termOfKey(best.key);
  }

  private hit(slug: string, score: number, relevance: number, matched: readonly string[], lang: Locale): SearchHit {
    const doc = this.indexed.get(slug)!.doc;
    const weights = new Map<string, number>();
    for (const t of matched) weights.set(t, this.termWeight(t));
    const weightOf = (t: string) => weights.get(t) ?? 0;
    for (const l of localesFrom(lang)) {
      const found = bestSnippet(doc.passages[l], matched, weightOf);
      if (found)
        return {
          slug,
          score,
          relevance,
          matchedLang: l,
          field: found.field,
          snippet: found.snippet,
          highlights: found.highlights,
        };
    }
    // Every indexed term comes from some passage, so this is only a guard: quote the summary.
    const fallback = doc.passages[lang].summary[0] ?? doc.passages[lang].title[0];
    return {
      slug,
      score,
      relevance,
      matchedLang: lang,
      field: 'summary',
      snippet: clipAtSentence(fallback?.text ?? slug, SNIPPET_CHARS),
      highlights: [],
    };
  }

  // Rarer terms say more about why a concept matched; a bigram is only partial evidence.
  private termWeight(term: string): number {
    const n = this.indexed.size;
    const df = this.df.get(term) ?? n;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const partial = /^[\uAC00-\uD7A3]{2}$/.test(term) ? 0.7 : 1;
    return idf * partial;
  }
}

/**
 * The weighted share of the query's words a concept matched, 0–1. Each word counts by its weight
 * (see groupWeights): fully when the word or its compound matched as typed, APPROXIMATE_CREDIT when
 * only by a typo or prefix lookup, and for a Korean word matched only through its bigrams, the share
 * of its bigrams found times BIGRAM_CREDIT (two syllables of an unknown name match many texts by
 * chance). Synonyms add no coverage: they widen recall, they are not what was asked.
 */
function coverageOf(
  matchedKeys: readonly string[],
  match: Readonly<Record<string, unknown>>,
  byKey: ReadonlyMap<string, QueryTerm>,
  words: WeightedWords,
  { whole, pairs }: GroupScratch,
): number {
  whole.fill(0);
  pairs.fill(0);
  for (const key of matchedKeys) {
    const spec = byKey.get(key);
    if (!spec) continue;
    for (const g of spec.groups) {
      if (g < 0) continue;
      if (spec.kind === 'bigram') pairs[g]++;
      else {
        const credit = Math.min(1, spec.weight) * (key in match ? 1 : approximateCredit(key));
        whole[g] = Math.max(whole[g], credit);
      }
    }
  }
  let got = 0;
  let all = 0;
  const { groups, weights, bigrams } = words;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const w = weights[i];
    // Kept in `whole` for unexplainedShare: the credit this word got.
    whole[g] = Math.max(whole[g], (pairs[g] / (bigrams[i] || 1)) * BIGRAM_CREDIT);
    all += w;
    got += w * whole[g];
  }
  return all ? got / all : 0;
}

/**
 * The share of the query's words that no concept contains and this concept did not match even
 * approximately (read right after coverageOf, from the credits it left in `whole`; a long word's
 * typo that matched is a word the content has, misspelled), each such word counting as
 * UNKNOWN_WORD_SHARE words. A name or run of the concept found in the question stands for words
 * the content has; it does not explain the others ("how do I taint wood", "the pod of whales": a
 * name, and a word about something else). Counted in words, not weights: a word no concept has
 * weighs the most (see groupWeights), and a spoken Korean ending ("안떠요") would then cap a
 * question that names its concept ("데몬셋 파드가 어떤 노드에는 안떠요").
 */
function unexplainedShare(words: WeightedWords, { whole }: GroupScratch): number {
  let missing = 0;
  let all = 0;
  const { groups, known } = words;
  for (let i = 0; i < groups.length; i++) {
    const w = known[i] ? 1 : UNKNOWN_WORD_SHARE;
    all += w;
    if (!known[i] && !whole[groups[i]]) missing += w;
  }
  return all ? missing / all : 0;
}

/**
 * The weighted words of a query (see groupWeights) as arrays, in the weights' order: coverageOf
 * reads them for each of a hundred results or more, and iterating the Maps made an entry array
 * per word and result.
 */
interface WeightedWords {
  groups: number[];
  weights: number[];
  /** How many bigrams each word has (0 for none). */
  bigrams: number[];
  /** Whether some concept contains one of the word's terms. */
  known: boolean[];
}

function weightedWords(
  weights: ReadonlyMap<number, number>,
  bigrams: ReadonlyMap<number, number>,
  known: ReadonlySet<number>,
): WeightedWords {
  const words: WeightedWords = { groups: [], weights: [], bigrams: [], known: [] };
  weights.forEach((w, g) => {
    words.groups.push(g);
    words.weights.push(w);
    words.bigrams.push(bigrams.get(g) ?? 0);
    words.known.push(known.has(g));
  });
  return words;
}

/**
 * Relevance on an absolute scale, comparable across questions: the share of the question a concept
 * answers. Word coverage is the base; a name of the concept (title, alias, symptom) or a run of its
 * text found in the question whole raises it, since the words then also stand in the right order,
 * but never over the words no concept contains that it left unmatched (see unexplainedShare).
 */
function relevanceOf(coverage: number, name: number, run: number, unexplained: number): number {
  const phrase = Math.max(name, run);
  const base = coverage * (1 - PHRASE_SHARE) + Math.max(coverage, phrase) * PHRASE_SHARE;
  return Math.min(1 - unexplained, Math.max(base, PHRASE_LIFT * phrase));
}

/** Whether the best hit answers the question: `strong` when it does, `weak` when it may, `none` when no concept does. */
export function matchOf(relevance: number): SearchMatch {
  return relevance >= STRONG_RELEVANCE ? 'strong' : relevance >= WEAK_RELEVANCE ? 'weak' : 'none';
}

/**
 * How many of the query's words a concept matched: a word counts fully when the word itself (or
 * its compound) matched, and in part when only some of its bigrams or a weaker variant did.
 */
function wordsMatched(
  matchedKeys: readonly string[],
  byKey: ReadonlyMap<string, QueryTerm>,
  { credit, order }: GroupScratch,
): number {
  // credit[g + 1]: synonyms are group -1. Summed in the order the groups were first met.
  let n = 0;
  for (const key of matchedKeys) {
    const spec = byKey.get(key);
    if (!spec) continue;
    for (const g of spec.groups) {
      const i = g + 1;
      let met = false;
      for (let k = 0; k < n && !met; k++) met = order[k] === i;
      if (!met) {
        order[n++] = i;
        credit[i] = 0;
      }
      credit[i] = Math.min(1, credit[i] + spec.weight);
    }
  }
  let sum = 0;
  for (let k = 0; k < n; k++) sum += credit[order[k]];
  return sum;
}

/**
 * Per-word scratch space for scoring one query's results (wordsMatched, coverageOf), reused from
 * result to result: a query has a hundred results or more, and three Maps each were a third of
 * what a search allocated.
 */
interface GroupScratch {
  /** By query word: the best credit of a whole-word match, and the bigrams matched. */
  whole: Float64Array;
  pairs: Float64Array;
  /** By query word + 1 (synonyms are -1), and those words in the order first met. */
  credit: Float64Array;
  order: Int32Array;
}

function groupScratch(byKey: ReadonlyMap<string, QueryTerm>): GroupScratch {
  let groups = 0;
  for (const spec of byKey.values()) for (const g of spec.groups) groups = Math.max(groups, g + 1);
  return {
    whole: new Float64Array(groups),
    pairs: new Float64Array(groups),
    credit: new Float64Array(groups + 1),
    order: new Int32Array(groups + 1),
  };
}

/** A kept answer, made read-only: every caller asking the same question gets this one object. */
function frozen(result: SearchResult): SearchResult {
  for (const hit of result.hits) {
    for (const span of hit.highlights) Object.freeze(span);
    Object.freeze(hit.highlights);
    Object.freeze(hit);
  }
  Object.freeze(result.hits);
  return Object.freeze(result);
}

type Candidate = { key: string; distance: number; df: number };
// The nearer word, then the commoner, then the first in code-point order (never the order MiniSearch found them in).
const closer = (a: Candidate, b: Candidate) =>
  a.distance < b.distance || (a.distance === b.distance && (a.df > b.df || (a.df === b.df && a.key < b.key)));

// Transports validate paging; here any number still gives a sensible page (NaN or none: the default).
function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** What a query word found only by a typo or prefix lookup counts for (see APPROXIMATE_CREDIT). */
const approximateCredit = (key: string): number => (key.length >= MIN_APPROXIMATE_CHARS ? APPROXIMATE_CREDIT : 0);
