// Bilingual (ko/en) concept search: MiniSearch's BM25+ over terms from our own analyser (Korean
// particles stripped, Hangul bigrams, identifiers split), plus a bonus when the query
// contains a concept's title or alias as a phrase. Pure: the index is built from the views given.
import MiniSearch from 'minisearch';
import { LOCALES, type ConceptView, type Locale } from '../types';
import { analyze, indexKey, looksKorean, termOfKey } from './analyze';
import { passages } from './markdown';
import { editDistance, keyText, keyTextOf, nameCoverage, runCoverage, type KeyText } from './phrases';
import { compileSynonyms, prepareQuery, type CompiledSynonym, type QueryTerm } from './query';
import { snippetOf, type Passage, type Snippet } from './snippet';
import { SYNONYMS } from './synonyms';

export const SEARCH_FIELDS = ['title', 'aliases', 'summary', 'facts', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

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
const MIN_RELATIVE_SCORE = 0.08;
// What word order adds, relative to the best BM25 score, at full coverage of the query: a title or
// alias found whole in the query, and a run of the query's words found in order in the text.
const NAME_BONUS = 0.8;
const RUN_BONUS = 0.5;
// Runs are looked for only among the best candidates by BM25: word order reorders, it does not recall.
const RUN_CANDIDATES = 10;
// Where the snippet comes from: the passage that matches most of the query, a name winning a tie.
// (Ranking's field boosts would let a two-word title beat a fact that answers the whole question.)
const SNIPPET_PREFERENCE: Record<SearchField, number> = { title: 1.5, aliases: 1.4, summary: 1.2, facts: 1.1, body: 1 };
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

interface Doc {
  slug: string;
  passages: Record<Locale, Record<SearchField, Passage[]>>;
  /** Titles and aliases in both languages, as compact word strings. */
  names: string[];
  /** Every passage's words, in order. */
  text: KeyText;
}

interface IndexedDoc {
  id: string;
  title: string;
  aliases: string;
  summary: string;
  facts: string;
  body: string;
}

/** Builds the search index over these concepts. */
export function buildSearchIndex(concepts: readonly ConceptView[]): SearchIndex {
  const docs = new Map<string, Doc>();
  const df = new Map<string, number>();
  const rows: IndexedDoc[] = [];
  for (const c of concepts) {
    const doc = docOf(c);
    docs.set(c.slug, doc);
    const row: IndexedDoc = { id: c.slug, title: '', aliases: '', summary: '', facts: '', body: '' };
    const seen = new Set<string>();
    for (const field of SEARCH_FIELDS) {
      // A name is a name however often it recurs: four aliases that say "probe" do not make a
      // concept four times more about probes, so names count each term once. In text, BM25's
      // term frequency saturates anyway; capping it saves most of the indexing work.
      const cap = field === 'title' || field === 'aliases' ? 1 : MAX_TERM_FREQUENCY;
      const counts = new Map<string, number>();
      const keys: string[] = [];
      for (const lang of LOCALES) {
        for (const p of doc.passages[lang][field]) {
          for (const u of p.units) {
            for (const t of u.terms) {
              const n = counts.get(t.text) ?? 0;
              counts.set(t.text, n + 1);
              if (n < cap) keys.push(keyOf(t.text));
            }
          }
        }
      }
      row[field] = keys.join(' ');
      for (const t of counts.keys()) seen.add(t);
    }
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    rows.push(row);
  }
  const mini = new MiniSearch<IndexedDoc>({
    fields: [...SEARCH_FIELDS],
    // The analyser has already produced the terms; MiniSearch only needs them back.
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term,
  });
  mini.addAll(rows);
  keyCache.clear();
  return new ConceptSearch(mini, docs, df, compileSynonyms(SYNONYMS));
}

const MAX_TERM_FREQUENCY = 4;
// Index keys of the terms seen while building: most terms recur, and NFD is not free.
const keyCache = new Map<string, string>();
function keyOf(term: string): string {
  let key = keyCache.get(term);
  if (key === undefined) keyCache.set(term, (key = indexKey(term)));
  return key;
}

function docOf(c: ConceptView): Doc {
  const passagesByLang = {} as Doc['passages'];
  const names = new Set<string>();
  const words: string[][] = [];
  for (const lang of LOCALES) {
    const text = c.texts[lang];
    const facts = c.facts.map((f) => f.statements[lang]).filter((s): s is string => !!s);
    const fields: Record<SearchField, string[]> = {
      title: text ? [text.title] : [],
      aliases: text?.aliases.length ? [text.aliases.join(', ')] : [],
      summary: text ? [text.summary] : [],
      facts,
      body: text ? passages(text.body) : [],
    };
    passagesByLang[lang] = {} as Record<SearchField, Passage[]>;
    for (const field of SEARCH_FIELDS) {
      passagesByLang[lang][field] = fields[field].map((raw) => {
        const norm = raw.normalize('NFKC');
        const analysis = analyze(norm, 'index', field !== 'body');
        words.push(analysis.keys);
        return { text: norm, units: analysis.units };
      });
    }
    for (const name of text ? [...titleNames(text.title), ...text.aliases] : []) {
      const compact = keyText(analyze(name.normalize('NFKC'), 'query').keys).compact;
      if (compact.length >= 2) names.add(compact);
    }
  }
  return { slug: c.slug, passages: passagesByLang, names: [...names], text: keyTextOf(words) };
}

// "Container probes (health checks)" names the concept three ways: whole, without the aside, and
// by the aside alone.
function titleNames(title: string): string[] {
  const asides = [...title.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!);
  return [title, title.replace(/\s*\([^)]*\)\s*/g, ' ').trim(), ...asides];
}

class ConceptSearch implements SearchIndex {
  constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly docs: ReadonlyMap<string, Doc>,
    private readonly df: ReadonlyMap<string, number>,
    private readonly synonyms: readonly CompiledSynonym[],
  ) {}

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = clamp(opts.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = clamp(opts.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const lang: Locale = opts.lang ?? (looksKorean(query) ? 'ko' : 'en');
    const { terms, keys } = prepareQuery(query, (t) => this.df.has(t), this.synonyms, (w, edits) => this.correction(w, edits));
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
    const best = ranked[0]!.score;
    const relevant = ranked.filter((r) => r.score >= best * MIN_RELATIVE_SCORE);
    const hits = relevant.slice(offset, offset + limit).map((r) => this.hit(r.slug, r.score / best, r.matched, lang));
    return { total: relevant.length, hits };
  }

  // Squared coverage: a name or run that is most of the query is strong evidence, a word or two is not.
  private orderBonus(slug: string, keys: KeyText, withRuns: boolean): number {
    const doc = this.docs.get(slug)!;
    const name = nameCoverage(doc.names, keys);
    const run = withRuns ? runCoverage(doc.text, keys) : 0;
    return NAME_BONUS * name * name + RUN_BONUS * run * run;
  }

  // The word the index knows that is nearest to an unknown one, for phrase matching ("afinity" → "affinity").
  private correction(word: string, maxEdits: number): string | undefined {
    if (!maxEdits) return undefined;
    const key = indexKey(word);
    const found = this.mini.search(key, { tokenize: (t) => [t], processTerm: (t) => t, fuzzy: maxEdits, prefix: false });
    let best: { key: string; distance: number; df: number } | undefined;
    for (const candidate of new Set(found.flatMap((r) => Object.keys(r.match)))) {
      const distance = editDistance(key, candidate, maxEdits);
      const df = this.df.get(termOfKey(candidate)) ?? 0;
      if (distance <= maxEdits && (!best || distance < best.distance || (distance === best.distance && df > best.df))) best = { key: candidate, distance, df };
    }
    return best && termOfKey(best.key);
  }

  private hit(slug: string, score: number, matched: readonly string[], lang: Locale): SearchHit {
    const doc = this.docs.get(slug)!;
    const weights = new Map(matched.map((t) => [t, this.termWeight(t)]));
    const weightOf = (t: string) => weights.get(t) ?? 0;
    for (const l of lang === 'ko' ? (['ko', 'en'] as const) : (['en', 'ko'] as const)) {
      const found = bestSnippet(doc, l, matched, weightOf);
      if (found) return { slug, score, matchedLang: l, field: found.field, snippet: found.snippet, highlights: found.highlights };
    }
    // Matched only through a synonym or fuzzy variant that no passage spells out: show the summary.
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

// The passage whose snippet explains most of the query. A passage's matched terms bound what its
// snippet can score, so passages are tried best bound first and the rest skipped once none can win.
function bestSnippet(doc: Doc, lang: Locale, matched: readonly string[], weightOf: (t: string) => number): (Snippet & { field: SearchField }) | null {
  const candidates: { passage: Passage; field: SearchField; bound: number }[] = [];
  for (const field of SEARCH_FIELDS) {
    for (const passage of doc.passages[lang][field]) {
      const terms = termsOf(passage);
      let bound = 0;
      for (const t of matched) if (terms.has(t)) bound += weightOf(t);
      if (bound > 0) candidates.push({ passage, field, bound: bound * SNIPPET_PREFERENCE[field] });
    }
  }
  candidates.sort((a, b) => b.bound - a.bound);
  let best: (Snippet & { field: SearchField; rank: number }) | null = null;
  for (const c of candidates) {
    if (best && c.bound <= best.rank) break;
    const s = snippetOf(c.passage, weightOf);
    if (!s) continue;
    const rank = s.score * SNIPPET_PREFERENCE[c.field];
    if (!best || rank > best.rank) best = { ...s, field: c.field, rank };
  }
  return best && { snippet: best.snippet, highlights: best.highlights, score: best.score, field: best.field };
}

// A passage's terms, collected the first time a snippet is looked for in it: most passages of a
// hit do not match, and this lets them be skipped without walking their words.
const passageTerms = new WeakMap<Passage, ReadonlySet<string>>();
function termsOf(p: Passage): ReadonlySet<string> {
  let terms = passageTerms.get(p);
  if (!terms) {
    const set = new Set<string>();
    for (const u of p.units) for (const t of u.terms) set.add(t.text);
    passageTerms.set(p, (terms = set));
  }
  return terms;
}

const clip = (text: string) => (text.length <= 200 ? text : `${text.slice(0, 199).trimEnd()}…`);

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

