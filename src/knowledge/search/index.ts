// Bilingual (ko/en) concept search: MiniSearch's BM25+ over terms from our own analyser (Korean
// particles stripped, Hangul bigrams, identifiers split, typos matched fuzzily), then word order:
// a bonus when the query contains a concept's title or alias whole, or runs of its words appear
// in that order in the concept's text. Pure: the index is built from the views given, no clock.
import MiniSearch from 'minisearch';
import { localesFrom, type ConceptView, type Locale } from '../types';
import { indexKey, questionLanguage, termOfKey } from './analyze';
import { docOf, indexedDoc, textOf, type Doc, type IndexedDoc } from './documents';
import { SEARCH_FIELDS, type SearchField } from './fields';
import { editDistance } from '../../util/distance';
import { nameCoverage, runCoverage, type KeyText } from './phrases';
import { compileSynonyms, prepareQuery, type CompiledSynonym, type QueryTerm } from './query';
import { bestSnippet, SNIPPET_CHARS } from './snippet';
import { SYNONYMS } from './synonyms';

export { SEARCH_FIELDS, type SearchField } from './fields';

export interface SearchHit {
  slug: string;
  /** Relative relevance: the best hit of a search scores 1, the others their fraction of it. */
  score: number;
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
}

export interface SearchIndex {
  search(query: string, opts?: SearchOptions): SearchResult;
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
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** Builds the search index over these concepts. */
export function buildSearchIndex(concepts: readonly ConceptView[]): SearchIndex {
  const docs = new Map<string, Doc>();
  const df = new Map<string, number>();
  const rows: IndexedDoc[] = [];
  for (const c of concepts) {
    const { doc, fieldTerms } = docOf(c);
    docs.set(c.slug, doc);
    const { row, terms } = indexedDoc(c.slug, fieldTerms);
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
    rows.push(row);
  }
  const mini = new MiniSearch<IndexedDoc>({
    fields: [...SEARCH_FIELDS],
    // The analyser has already produced the terms; MiniSearch only needs them back.
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term,
  });
  mini.addAll(rows);
  return new ConceptSearch(mini, docs, df, compileSynonyms(SYNONYMS));
}

class ConceptSearch implements SearchIndex {
  constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly docs: ReadonlyMap<string, Doc>,
    private readonly df: ReadonlyMap<string, number>,
    private readonly synonyms: readonly CompiledSynonym[],
  ) {}

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = clamp(opts.limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = clamp(opts.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const lang: Locale = opts.lang ?? questionLanguage(query);
    const { terms, keys } = prepareQuery(
      query,
      (t) => this.df.has(t),
      this.synonyms,
      (w, edits) => this.correction(w, edits),
    );
    if (!terms.size) return { total: 0, hits: [] };
    const byKey = new Map([...terms].map(([t, spec]) => [indexKey(t), spec]));
    const results = this.mini.search([...byKey.keys()].join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: FIELD_BOOST,
      boostTerm: (key) => byKey.get(key)?.weight ?? 1,
      prefix: (key) => byKey.get(key)?.prefix ?? false,
      fuzzy: (key) => byKey.get(key)?.fuzzy || false,
      weights: { fuzzy: 0.5, prefix: 0.4 },
    });
    if (!results.length) return { total: 0, hits: [] };
    const scored = results.map((r) => ({
      slug: String(r.id),
      matched: Object.keys(r.match).map(termOfKey),
      // MiniSearch multiplies by the number of query terms matched; a Korean word brings several
      // bigrams, so count the query's words instead (see wordsMatched).
      score: (r.score / Math.max(1, r.queryTerms.length)) * wordsMatched(r.queryTerms, byKey),
    }));
    const top = Math.max(...scored.map((r) => r.score));
    scored.sort((a, b) => b.score - a.score);
    const ranked = scored
      .map((r, i) => ({ ...r, score: r.score / top + this.orderBonus(r.slug, keys, i < RUN_CANDIDATES) }))
      .sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : 1));
    const best = ranked[0].score;
    const relevant = ranked.filter((r) => r.score >= best * MIN_RELATIVE_SCORE);
    const hits = relevant.slice(offset, offset + limit).map((r) => this.hit(r.slug, r.score / best, r.matched, lang));
    return { total: relevant.length, hits };
  }

  // Squared coverage: a name or run that is most of the query is strong evidence, a word or two is not.
  private orderBonus(slug: string, keys: KeyText, withRuns: boolean): number {
    const doc = this.docs.get(slug)!;
    const name = nameCoverage(doc.names, keys);
    const run = withRuns ? runCoverage(textOf(doc), keys) : 0;
    return NAME_BONUS * name * name + RUN_BONUS * run * run;
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
      if (distance <= maxEdits && (!best || distance < best.distance || (distance === best.distance && df > best.df)))
        best = { key: candidate, distance, df };
    }
    return best && termOfKey(best.key);
  }

  private hit(slug: string, score: number, matched: readonly string[], lang: Locale): SearchHit {
    const doc = this.docs.get(slug)!;
    const weights = new Map(matched.map((t) => [t, this.termWeight(t)]));
    const weightOf = (t: string) => weights.get(t) ?? 0;
    for (const l of localesFrom(lang)) {
      const found = bestSnippet(doc.passages[l], matched, weightOf);
      if (found)
        return {
          slug,
          score,
          matchedLang: l,
          field: found.field,
          snippet: found.snippet,
          highlights: found.highlights,
        };
    }
    // Every indexed term comes from some passage, so this is only a guard: quote the summary.
    const fallback = doc.passages[lang].summary[0] ?? doc.passages[lang].title[0];
    return { slug, score, matchedLang: lang, field: 'summary', snippet: clip(fallback?.text ?? slug), highlights: [] };
  }

  // Rarer terms say more about why a concept matched; a bigram is only partial evidence.
  private termWeight(term: string): number {
    const n = this.docs.size;
    const df = this.df.get(term) ?? n;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const partial = /^[\uAC00-\uD7A3]{2}$/.test(term) ? 0.7 : 1;
    return idf * partial;
  }
}

/**
 * How many of the query's words a concept matched: a word counts fully when the word itself (or
 * its compound) matched, and in part when only some of its bigrams or a weaker variant did.
 */
function wordsMatched(matchedKeys: readonly string[], byKey: ReadonlyMap<string, QueryTerm>): number {
  const credit = new Map<number, number>();
  for (const key of matchedKeys) {
    const spec = byKey.get(key);
    if (!spec) continue;
    for (const g of spec.groups) credit.set(g, Math.min(1, (credit.get(g) ?? 0) + spec.weight));
  }
  let sum = 0;
  for (const c of credit.values()) sum += c;
  return sum;
}

const clip = (text: string) => (text.length <= SNIPPET_CHARS ? text : `${text.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`);

// Transports validate paging; here any number still gives a sensible page (NaN or none: the default).
function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
