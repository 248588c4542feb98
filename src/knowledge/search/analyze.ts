// Text → index terms, shared by indexing and querying so both sides always agree. Each term
// remembers the span of text it came from (a "unit"), which is what snippets highlight.
import type { Locale } from '../types';
import { ENGLISH_STOP_WORDS, splitCamel, stem } from './english';
import { hasHangul, isKoreanSuffix, KOREAN_STOP_WORDS, loanwordOf, stripKoreanSuffix } from './hangul';

/**
 * word: a stemmed English word or a Korean word without its particle; compound: an identifier or
 * Korean compound written as one ("readinessprobe", "헤드리스서비스"); number; bigram: two Hangul
 * syllables; raw: a word as written, before stemming or particle stripping (English: query only,
 * for matching typos; Korean: also indexed, since a one-syllable particle may be part of the noun).
 */
export type TermKind = 'word' | 'compound' | 'number' | 'bigram' | 'raw';

export interface Term {
  text: string;
  kind: TermKind;
}

/** A span of the analysed text and the terms it yields. Spans may overlap (a compound covers its words). */
export interface Unit {
  start: number;
  end: number;
  terms: Term[];
}

export interface Analysis {
  units: Unit[];
  /** The words in reading order, stop words left out: what alias and synonym phrases are matched against. */
  keys: string[];
  /** Where each key was read, parallel to keys. */
  keySpans: [number, number][];
}

export type AnalyzeMode = 'index' | 'query';

const MAX_COMPOUND = 48;

// Character classes for the scanner: a hand-written loop, because Unicode-property regexes cost
// a large share of index build time.
const OTHER = 0;
const HANGUL = 1;
const ALNUM = 2;
const CONNECTOR = 3; // joins an identifier: kubernetes.io/tls, KUBERNETES_SERVICE_HOST, ndots:5
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function classOf(c: number): number {
  if (c >= 0xac00 && c <= 0xd7a3) return HANGUL;
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return ALNUM;
    return c === 46 || c === 95 || c === 58 || c === 47 || c === 61 || c === 45 ? CONNECTOR : OTHER;
  }
  if (c >= 0xd800 && c <= 0xdfff) return OTHER;
  let cls = OTHER_SCRIPTS.get(c);
  if (cls === undefined) OTHER_SCRIPTS.set(c, (cls = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? ALNUM : OTHER));
  return cls;
}
// Punctuation such as "·", "—" and "…" recurs on every line; at most 63k entries (the BMP).
const OTHER_SCRIPTS = new Map<number, number>();

/**
 * Analyses text (already NFKC-normalised by the caller when offsets matter). `pairs: false` leaves
 * out the compounds of adjacent Korean words: long bodies would add thousands of terms that their
 * bigrams already cover.
 */
export function analyze(text: string, mode: AnalyzeMode, pairs = true): Analysis {
  const out: Analysis = { units: [], keys: [], keySpans: [] };
  let unit: Unit | undefined;
  scan(text, mode, pairs, {
    unit: (start, end) => out.units.push((unit = { start, end, terms: [] })),
    term: (t, kind) => unit!.terms.push({ text: t, kind }),
    key: (k, start, end) => (out.keys.push(k), out.keySpans.push([start, end])),
  });
  return out;
}

/**
 * Just the terms and words of a text, in order, for indexing: the same analysis as analyze
 * without building units, which only snippets need.
 */
export function indexTerms(text: string, pairs: boolean): { terms: string[]; keys: string[] } {
  const terms: string[] = [];
  const keys: string[] = [];
  scan(text, 'index', pairs, { unit: () => undefined, term: (t) => terms.push(t), key: (k) => keys.push(k) });
  return { terms, keys };
}

// Where the scanner reports what it finds: a unit (a span), the terms of the latest unit, and the
// words in reading order.
interface Sink {
  unit(start: number, end: number): void;
  term(text: string, kind: TermKind): void;
  key(key: string, start: number, end: number): void;
}

function scan(text: string, mode: AnalyzeMode, pairs: boolean, out: Sink): void {
  let phrase: HangulWord[] = [];
  let prevEnd = -1;
  let prevHangul = false;
  let i = 0;
  while (i < text.length) {
    const cls = classOf(text.charCodeAt(i));
    if (cls !== HANGUL && cls !== ALNUM) {
      i++;
      continue;
    }
    const start = i;
    if (cls === HANGUL) {
      while (i < text.length && classOf(text.charCodeAt(i)) === HANGUL) i++;
      const word = hangulWord(text, start, i, !prevHangul && prevEnd === start);
      const contiguous = prevHangul && isBlank(text, prevEnd, start);
      if (!contiguous || !word) {
        flushPhrase(phrase, out, pairs);
        phrase = [];
      }
      if (word) phrase.push(word);
    } else {
      i = latinEnd(text, i);
      flushPhrase(phrase, out, pairs);
      phrase = [];
      latinToken(text.slice(start, i), start, mode, out);
    }
    prevEnd = i;
    prevHangul = cls === HANGUL;
  }
  flushPhrase(phrase, out, pairs);
}

// The end of an identifier: letters and digits, joined by connectors only when more follow.
function latinEnd(text: string, i: number): number {
  for (;;) {
    while (i < text.length && classOf(text.charCodeAt(i)) === ALNUM) i++;
    let j = i;
    while (j < text.length && classOf(text.charCodeAt(j)) === CONNECTOR) j++;
    if (j === i || j >= text.length || classOf(text.charCodeAt(j)) !== ALNUM) return i;
    i = j;
  }
}

function isBlank(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** The unique term texts of an analysis, in first-seen order. */
export function termTexts(analysis: Analysis): string[] {
  const seen = new Set<string>();
  for (const u of analysis.units) for (const t of u.terms) seen.add(t.text);
  return [...seen];
}

interface HangulWord {
  /** The word as written, without its particle or ending: what its offsets and bigrams cover. */
  stem: string;
  /** The stem in the docs' spelling ("파드" for "팟"): what it is indexed and matched as. */
  word: string;
  token: string;
  start: number;
}

// One Korean eojeol (or the Hangul tail of "DNS에서"): its stem, or null when it is only a particle
// or a stop word. Endings are stripped only where the word ends, not before an attached Latin part.
function hangulWord(text: string, start: number, end: number, afterLatin: boolean): HangulWord | null {
  const token = text.slice(start, end);
  const endsWord = end >= text.length || classOf(text.charCodeAt(end)) !== ALNUM;
  if (isKoreanSuffix(token) && (afterLatin || endsWord)) return null;
  const loanword = endsWord ? loanwordOf(token) : undefined;
  const stemmed = loanword?.stem ?? (endsWord ? stripKoreanSuffix(token) : token);
  if (KOREAN_STOP_WORDS.has(token) || KOREAN_STOP_WORDS.has(stemmed)) return null;
  return { stem: stemmed, word: loanword?.spelling ?? stemmed, token, start };
}

function flushPhrase(words: HangulWord[], out: Sink, pairs: boolean): void {
  if (!words.length) return;
  for (const w of words) {
    // Single-syllable particles also end ordinary nouns (게이트웨이), so then the full form stays
    // findable; like an unstemmed English word, a query uses it only when the stem is unknown.
    const raw = w.token.length === w.stem.length + 1;
    if (w.word.length >= 2 || raw) {
      out.unit(w.start, w.start + w.stem.length);
      if (w.word.length >= 2) out.term(w.word, 'word');
      if (raw) out.term(w.token, 'raw');
    }
    out.key(w.word, w.start, w.start + w.stem.length);
  }
  // Adjacent words also count as one compound, so "헤드리스 서비스" finds "헤드리스서비스" and back.
  for (let i = 0; pairs && i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    out.unit(a.start, b.start + b.stem.length);
    out.term(a.word + b.word, 'compound');
  }
  // Bigrams over the phrase with its spaces removed: spacing and unknown compounds still match.
  let prev = -1; // offset of the previous syllable
  let prevWord = -1;
  words.forEach((w, wi) => {
    for (let k = 0; k < w.stem.length; k++) {
      const at = w.start + k;
      // A two-syllable word is its own bigram; counting it twice would only inflate its weight.
      // Across a space the bigram stands on its first syllable, so a highlight never swallows the
      // particle and space between the two words.
      if (prev >= 0 && !(prevWord === wi && w.stem.length === 2)) {
        out.unit(prev, prevWord === wi ? at + 1 : prev + 1);
        out.term(words[prevWord].stem[prev - words[prevWord].start] + w.stem[k], 'bigram');
      }
      prev = at;
      prevWord = wi;
    }
  });
}

function latinToken(token: string, start: number, mode: AnalyzeMode, out: Sink): void {
  if (isPlainWord(token)) {
    // Most tokens are ordinary words ("pod", "Service"): no identifier splitting needed.
    const lower = token.toLowerCase();
    if (lower.length === 1 && !isDigit(lower.charCodeAt(0)) && token !== 'A') return;
    if (token !== 'A' && ENGLISH_STOP_WORDS.has(lower)) return;
    out.key(latinUnit(token, lower, start, mode, out), start, start + token.length);
    return;
  }
  const parts = connectorParts(token);
  const simple = parts.length === 1 && splitCamel(parts[0].text).length === 1;
  const stems: string[] = [];
  for (const part of parts) {
    let offset = start + part.at;
    const pieceStems: string[] = [];
    for (const piece of splitCamel(part.text)) {
      const at = offset;
      offset += piece.length;
      const lower = piece.toLowerCase();
      // "A" in "A record" is meaningful; any other lone letter ("node(s)", "doesn't") is not.
      if (lower.length === 1 && !isDigit(lower.charCodeAt(0)) && !(simple && piece === 'A')) continue;
      if (simple && piece !== 'A' && ENGLISH_STOP_WORDS.has(lower)) return;
      const key = latinUnit(piece, lower, at, mode, out);
      pieceStems.push(key);
      out.key(key, at, at + piece.length);
    }
    if (pieceStems.length >= 2) {
      const compound = pieceStems.join('');
      if (compound.length <= MAX_COMPOUND) {
        out.unit(start + part.at, start + part.at + part.text.length);
        out.term(compound, 'compound');
      }
    }
    stems.push(...pieceStems);
  }
  // The whole identifier as one term: "kubernetes.io/tls" is far more specific than "io" or "tls".
  if (parts.length >= 2 && stems.some((s) => !allDigits(s))) {
    const compound = stems.join('');
    if (compound.length <= MAX_COMPOUND) {
      out.unit(start, start + token.length);
      out.term(compound, 'compound');
    }
  }
}

function connectorParts(token: string): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let from = 0;
  for (let k = 0; k <= token.length; k++) {
    if (k < token.length && classOf(token.charCodeAt(k)) !== CONNECTOR) continue;
    if (k > from) parts.push({ text: token.slice(from, k), at: from });
    from = k + 1;
  }
  return parts;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

// No connector and no capital after the first letter: one word, whatever its case.
function isPlainWord(token: string): boolean {
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if ((k > 0 && c >= 65 && c <= 90) || classOf(c) === CONNECTOR) return false;
  }
  return true;
}
const allDigits = (s: string) => {
  for (let k = 0; k < s.length; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return s.length > 0;
};

// One English word or number as a unit; returns its key (the stem).
function latinUnit(piece: string, lower: string, at: number, mode: AnalyzeMode, out: Sink): string {
  out.unit(at, at + piece.length);
  if (allDigits(lower)) return (out.term(lower, 'number'), lower);
  const stemmed = stem(lower);
  out.term(stemmed, 'word');
  if (mode === 'query' && stemmed !== lower) out.term(lower, 'raw');
  return stemmed;
}

/**
 * A term as MiniSearch stores it. Hangul is spelled in conjoining jamo (NFD): one syllable typo
 * ("해드리스" for "헤드리스", "스케쥴" for "스케줄") is then one letter apart for fuzzy matching, and
 * the radix tree branches over 67 letters instead of thousands of syllables, which keeps indexing
 * fast. NFD is lossless: termOfKey recomposes it.
 */
export const indexKey = (term: string): string => (hasHangul(term) ? term.normalize('NFD') : term);

/** The term an index key stands for. */
export const termOfKey = (key: string): string => (/[\u1100-\u11FF]/.test(key) ? key.normalize('NFC') : key);

/** The language a question is most likely asked in: Korean when it contains Hangul, else English. */
export function questionLanguage(text: string): Locale {
  return hasHangul(text) ? 'ko' : 'en';
}
