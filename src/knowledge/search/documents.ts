// Concepts as the index sees them: passages per language and field with their analysed terms,
// names for phrase matching, and the rows MiniSearch indexes.
import { LOCALES, type ConceptView, type FactView, type Locale } from '../types';
import { analyze, indexKey, indexTerms } from './analyze';
import { passages } from './markdown';
import { titleNames } from './names';
import { keyText, keyTextOf, type KeyText } from './phrases';
import { SEARCH_FIELDS, type Passage, type SearchField } from './fields';

export interface Doc {
  slug: string;
  passages: Record<Locale, Record<SearchField, Passage[]>>;
  /** Titles, aliases and symptoms in both languages, as compact word strings. */
  names: string[];
  /** Every passage's words, in order (see textOf). */
  words: string[][];
}

// A concept's words as one searchable text, built the first time a query looks for a run of
// words in it: only the best few candidates of a query ever are.
const texts = new WeakMap<Doc, KeyText>();
/** All of a concept's passages' words as one text, for finding runs of query words. */
export function textOf(doc: Doc): KeyText {
  let text = texts.get(doc);
  if (!text) texts.set(doc, (text = keyTextOf(doc.words)));
  return text;
}

/** What MiniSearch indexes per concept: each field's index keys, space-separated. */
export interface IndexedDoc {
  id: string;
  title: string;
  aliases: string;
  summary: string;
  facts: string;
  body: string;
}

const MAX_TERM_FREQUENCY = 4;

/** Each field's terms, both languages, in order: what a concept contributes to the index. */
export type FieldTerms = Record<SearchField, string[]>;

/** A concept's MiniSearch row, and the distinct terms it contains (for document frequencies). */
export function indexedDoc(slug: string, fieldTerms: FieldTerms): { row: IndexedDoc; terms: Set<string> } {
  const row: IndexedDoc = { id: slug, title: '', aliases: '', summary: '', facts: '', body: '' };
  const seen = new Set<string>();
  for (const field of SEARCH_FIELDS) {
    // A name is a name however often it recurs: four aliases that say "probe" do not make a
    // concept four times more about probes, so names count each term once. In text, BM25's
    // term frequency saturates anyway; capping it saves most of the indexing work.
    const cap = field === 'title' || field === 'aliases' ? 1 : MAX_TERM_FREQUENCY;
    const counts = new Map<string, number>();
    const keys: string[] = [];
    for (const t of fieldTerms[field]) {
      const n = counts.get(t) ?? 0;
      counts.set(t, n + 1);
      if (n < cap) keys.push(keyOf(t));
    }
    row[field] = keys.join(' ');
    for (const t of counts.keys()) seen.add(t);
  }
  return { row, terms: seen };
}

// Index keys of terms already seen: most terms recur across concepts, and NFD is not free. The
// vocabulary is bounded by the content, and the cap guards against anything else.
const keyCache = new Map<string, string>();
function keyOf(term: string): string {
  let key = keyCache.get(term);
  if (key === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(term, (key = indexKey(term)));
  }
  return key;
}

/** What of a concept the index reads: its slug, texts and fact statements (what a worker thread is sent). */
export type SearchableConcept = Pick<ConceptView, 'slug' | 'texts'> & { facts: Pick<FactView, 'statements'>[] };

/** Just what the index reads of a concept: less to copy to a worker thread. */
export const searchableConcept = (c: ConceptView): SearchableConcept => ({
  slug: c.slug,
  texts: c.texts,
  facts: c.facts.map((f) => ({ statements: f.statements })),
});

/**
 * A concept analysed for the index, as plain data (strings and arrays): what a worker thread does
 * and sends back by structured clone, leaving the event loop only MiniSearch's insertions.
 */
export interface AnalysedConcept {
  doc: Doc;
  row: IndexedDoc;
  terms: string[];
}

/** A concept's document, MiniSearch row and distinct terms. */
export function analysedConcept(c: SearchableConcept): AnalysedConcept {
  const { doc, fieldTerms } = docOf(c);
  const { row, terms } = indexedDoc(c.slug, fieldTerms);
  return { doc, row, terms: [...terms] };
}

/**
 * A concept's passages, names and words in reading order, and the terms to index. The analysis
 * of each passage is not kept: snippets redo it for the few passages they show (see snippet.ts).
 */
export function docOf(c: SearchableConcept): { doc: Doc; fieldTerms: FieldTerms } {
  const passagesByLang = {} as Doc['passages'];
  const names = new Set<string>();
  const words: string[][] = [];
  const fieldTerms: FieldTerms = { title: [], aliases: [], summary: [], facts: [], body: [] };
  for (const lang of LOCALES) {
    const text = c.texts[lang];
    const facts = c.facts.map((f) => f.statements[lang]).filter((s): s is string => !!s);
    const fields: Record<SearchField, string[]> = {
      title: text ? [text.title] : [],
      // Symptoms are searched like aliases, each its own passage so a snippet quotes the one that matched.
      aliases: [...(text?.aliases.length ? [text.aliases.join(', ')] : []), ...(text?.symptoms ?? [])],
      summary: text ? [text.summary] : [],
      facts,
      body: text ? passages(text.body) : [],
    };
    passagesByLang[lang] = {} as Record<SearchField, Passage[]>;
    for (const field of SEARCH_FIELDS) {
      passagesByLang[lang][field] = fields[field].map((raw) => {
        const passage: Passage = { text: raw.normalize('NFKC'), pairs: field !== 'body' };
        const { terms, keys } = indexTerms(passage.text, passage.pairs);
        words.push(keys);
        for (const t of terms) fieldTerms[field].push(t);
        return passage;
      });
    }
    for (const name of text ? [...titleNames(text.title), ...text.aliases, ...(text.symptoms ?? [])] : []) {
      const compact = keyText(analyze(name.normalize('NFKC'), 'query').keys).compact;
      if (compact.length >= 2) names.add(compact);
    }
  }
  return { doc: { slug: c.slug, passages: passagesByLang, names: [...names], words }, fieldTerms };
}
