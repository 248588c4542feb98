// A typed query → the weighted terms MiniSearch looks up, and its words in order for phrase matching.
import { analyze, type Analysis, type TermKind } from './analyze';
import { hasHangul } from './hangul';
import { keyText, occursIn, type KeyText } from './phrases';
import type { Synonym } from './synonyms';

export interface QueryTerm {
  weight: number;
  /** What the term is (of its strongest reading, when two readings give the same text). */
  kind: TermKind;
  /** The query words this term stands for (indexes into the analysis keys); -1 for a synonym. */
  groups: number[];
  prefix: boolean;
  /** Maximum edit distance, or 0 for exact (and prefix) matching only. */
  fuzzy: number;
}

/** Bounds that keep a pasted log or manifest from turning into thousands of lookups. */
export const MAX_QUERY_CHARS = 400;
export const MAX_TERMS = 64;
export const MAX_FUZZY_TERMS = 8;
const SYNONYM_WEIGHT = 0.6;

// What a typed word is worth relative to the others. Bigrams are many per Korean word and each
// says little; numbers and synonyms are hints, not what the user asked for.
const KIND_WEIGHT: Record<TermKind, number> = { word: 1, compound: 1.3, number: 0.3, bigram: 0.35, raw: 0.6 };

export interface CompiledSynonym {
  when: string[];
  add: Analysis;
}

/** Analyses the synonym table once, at index build time. */
export function compileSynonyms(list: readonly Synonym[]): CompiledSynonym[] {
  return list.map((s) => ({
    when: s.when.map((w) => keyText(analyze(w.normalize('NFKC'), 'query').keys).compact).filter(Boolean),
    add: analyze(s.add.normalize('NFKC'), 'query'),
  }));
}

/**
 * The part of a question search reads: its first MAX_QUERY_CHARS characters after NFKC (cut before
 * too, so a pasted log is not normalized whole). Reading it again gives it unchanged.
 */
export const questionRead = (text: string): string =>
  text
    .slice(0, 2 * MAX_QUERY_CHARS)
    .normalize('NFKC')
    .slice(0, MAX_QUERY_CHARS);

export interface PreparedQuery {
  terms: Map<string, QueryTerm>;
  /** The query's words in order, typos corrected where the index suggests a correction. */
  keys: KeyText;
}

/**
 * The terms to look up. Typo handling only kicks in for words the index has never seen (`known`
 * says which): fuzzy and prefix lookups are the expensive part, and a known word is most likely
 * meant as typed (a prefix lookup of "node" would rank NodePort for every question about nodes).
 */
export function prepareQuery(
  text: string,
  known: (term: string) => boolean,
  synonyms: readonly CompiledSynonym[],
  correct: (word: string, maxEdits: number) => string | undefined = () => undefined,
): PreparedQuery {
  const analysis = analyze(questionRead(text), 'query');
  const terms = new Map<string, QueryTerm>();
  let fuzzyLeft = MAX_FUZZY_TERMS;
  const add = (
    text: string,
    kind: TermKind,
    scale: number,
    groups: number[],
    spec: { prefix: boolean; fuzzy: number },
  ) => {
    if (terms.size >= MAX_TERMS && !terms.has(text)) return;
    const fuzzy = spec.fuzzy && fuzzyLeft > 0 ? spec.fuzzy : 0;
    if (fuzzy) fuzzyLeft--;
    const had = terms.get(text);
    const weight = KIND_WEIGHT[kind] * scale;
    terms.set(text, {
      weight: Math.max(had?.weight ?? 0, weight),
      kind: had && had.weight >= weight ? had.kind : kind,
      groups: had ? [...new Set([...had.groups, ...groups])] : groups,
      prefix: !!had?.prefix || spec.prefix,
      fuzzy: Math.max(had?.fuzzy ?? 0, fuzzy),
    });
  };
  for (const unit of analysis.units) {
    const isKnown = unit.terms.some((t) => t.kind !== 'raw' && known(t.text));
    const typed = unit.terms.find((t) => t.kind === 'raw' && !hasHangul(t.text)) ?? unit.terms[0];
    const groups = groupsOf(unit.start, unit.end, analysis.keySpans);
    for (const t of unit.terms) {
      // An unknown word gets prefix and fuzzy lookups of what was typed (for English, before stemming).
      if (t.kind === 'raw' && isKnown) continue;
      const fuzzy = !isKnown && t === typed ? fuzzinessOf(t.text, t.kind) : 0;
      add(t.text, t.kind, 1, groups, { prefix: !isKnown && prefixable(t.text, t.kind), fuzzy });
    }
  }
  // For phrase matching, an unknown word becomes the nearest word the index knows (as typed, before stemming).
  const rawAt = new Map<number, string>();
  for (const u of analysis.units) for (const t of u.terms) if (t.kind === 'raw') rawAt.set(u.start, t.text);
  const keys = keyText(
    analysis.keys.map((k, i) => {
      if (known(k)) return k;
      const typedWord = rawAt.get(analysis.keySpans[i][0]) ?? k;
      return correct(typedWord, fuzzinessOf(typedWord, 'word')) ?? k;
    }),
  );
  for (const s of synonyms) {
    if (!s.when.some((w) => occursIn(w, keys))) continue;
    // Only whole words and identifiers: bigrams between unrelated synonyms would be noise.
    for (const unit of s.add.units) {
      for (const t of unit.terms) {
        if ((t.kind === 'word' || (t.kind === 'compound' && !hasHangul(t.text))) && !terms.has(t.text)) {
          add(t.text, t.kind, SYNONYM_WEIGHT, [-1], { prefix: false, fuzzy: 0 });
        }
      }
    }
  }
  return { terms, keys };
}

// The query words a unit overlaps: a compound of two words stands for both.
function groupsOf(start: number, end: number, spans: readonly [number, number][]): number[] {
  const out: number[] = [];
  spans.forEach(([s, e], i) => {
    if (s < end && start < e) out.push(i);
  });
  return out;
}

// Edits allowed for an unknown word: one for short words, two for long ones. Korean words are
// compared as jamo (see indexKey), where a syllable typo is usually one letter; two-syllable
// words are too short to tell a typo from a different word.
function fuzzinessOf(text: string, kind: TermKind): number {
  if (kind === 'bigram' || kind === 'number' || (kind === 'compound' && hasHangul(text))) return 0;
  if (hasHangul(text)) return text.length < 3 ? 0 : text.normalize('NFD').length >= 12 ? 2 : 1;
  if (text.length >= 9) return 2;
  return text.length >= 4 ? 1 : 0;
}

// Hangul words need no prefix lookups: their bigrams already match a longer compound.
function prefixable(text: string, kind: TermKind): boolean {
  if (hasHangul(text)) return false;
  if (kind === 'word' || kind === 'raw') return text.length >= 4;
  return kind === 'compound' && text.length >= 5;
}
