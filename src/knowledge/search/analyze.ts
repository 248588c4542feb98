// Text → index terms, shared by indexing and querying so both sides always agree. Each term
// remembers the span of text it came from (a "unit"), which is what snippets highlight.
import { ENGLISH_STOP_WORDS, splitCamel, stem } from './english';
import { isKoreanSuffix, KOREAN_STOP_WORDS, stripKoreanSuffix } from './hangul';

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
  return LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? ALNUM : OTHER;
}

/**
 * Analyses text (already NFKC-normalised by the caller when offsets matter). `pairs: false` leaves
 * out the compounds of adjacent Korean words: long bodies would add thousands of terms that their
 * bigrams already cover.
 */
export function analyze(text: string, mode: AnalyzeMode, pairs = true): Analysis {
  const out: Analysis = { units: [], keys: [], keySpans: [] };
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
      if (!contiguous || !word) (flushPhrase(phrase, out, pairs), (phrase = []));
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
  return out;
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
  stem: string;
  token: string;
  start: number;
}

// One Korean eojeol (or the Hangul tail of "DNS에서"): its stem, or null when it is only a particle
// or a stop word. Endings are stripped only where the word ends, not before an attached Latin part.
function hangulWord(text: string, start: number, end: number, afterLatin: boolean): HangulWord | null {
  const token = text.slice(start, end);
  const endsWord = end >= text.length || classOf(text.charCodeAt(end)) !== ALNUM;
  if (isKoreanSuffix(token) && (afterLatin || endsWord)) return null;
  const stemmed = endsWord ? stripKoreanSuffix(token) : token;
  if (KOREAN_STOP_WORDS.has(token) || KOREAN_STOP_WORDS.has(stemmed)) return null;
  return { stem: stemmed, token, start };
}

function flushPhrase(words: HangulWord[], out: Analysis, pairs: boolean): void {
  if (!words.length) return;
  for (const w of words) {
    const terms: Term[] = [];
    if (w.stem.length >= 2) terms.push({ text: w.stem, kind: 'word' });
    // Single-syllable particles also end ordinary nouns (게이트웨이), so then the full form stays
    // findable; like an unstemmed English word, a query uses it only when the stem is unknown.
    if (w.token.length === w.stem.length + 1) terms.push({ text: w.token, kind: 'raw' });
    if (terms.length) out.units.push({ start: w.start, end: w.start + w.stem.length, terms });
    out.keys.push(w.stem);
    out.keySpans.push([w.start, w.start + w.stem.length]);
  }
  // Adjacent words also count as one compound, so "헤드리스 서비스" finds "헤드리스서비스" and back.
  for (let i = 0; pairs && i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    out.units.push({ start: a.start, end: b.start + b.stem.length, terms: [{ text: a.stem + b.stem, kind: 'compound' }] });
  }
  // Bigrams over the phrase with its spaces removed: spacing and unknown compounds still match.
  const chars: { ch: string; at: number; word: number }[] = [];
  words.forEach((w, wi) => [...w.stem].forEach((ch, k) => chars.push({ ch, at: w.start + k, word: wi })));
  for (let k = 0; k + 1 < chars.length; k++) {
    const a = chars[k]!;
    const b = chars[k + 1]!;
    // A two-syllable word is its own bigram; counting it twice would only inflate its weight.
    if (a.word === b.word && words[a.word]!.stem.length === 2) continue;
    // Across a space the bigram stands on its first syllable, so a highlight never swallows the
    // particle and space between the two words.
    out.units.push({ start: a.at, end: a.word === b.word ? b.at + 1 : a.at + 1, terms: [{ text: a.ch + b.ch, kind: 'bigram' }] });
  }
}

function latinToken(token: string, start: number, mode: AnalyzeMode, out: Analysis): void {
  const parts = connectorParts(token);
  const simple = parts.length === 1 && splitCamel(parts[0]!.text).length === 1;
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
      const unit = latinUnit(piece, lower, at, mode);
      out.units.push(unit);
      const key = unit.terms[0]!.text;
      pieceStems.push(key);
      out.keys.push(key);
      out.keySpans.push([at, at + piece.length]);
    }
    if (pieceStems.length >= 2) {
      const compound = pieceStems.join('');
      if (compound.length <= MAX_COMPOUND) {
        out.units.push({ start: start + part.at, end: start + part.at + part.text.length, terms: [{ text: compound, kind: 'compound' }] });
      }
    }
    stems.push(...pieceStems);
  }
  // The whole identifier as one term: "kubernetes.io/tls" is far more specific than "io" or "tls".
  if (parts.length >= 2 && stems.some((s) => !allDigits(s))) {
    const compound = stems.join('');
    if (compound.length <= MAX_COMPOUND) out.units.push({ start, end: start + token.length, terms: [{ text: compound, kind: 'compound' }] });
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
const allDigits = (s: string) => {
  for (let k = 0; k < s.length; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return s.length > 0;
};

function latinUnit(piece: string, lower: string, at: number, mode: AnalyzeMode): Unit {
  const end = at + piece.length;
  if (allDigits(lower)) return { start: at, end, terms: [{ text: lower, kind: 'number' }] };
  const stemmed = stem(lower);
  const terms: Term[] = [{ text: stemmed, kind: 'word' }];
  if (mode === 'query' && stemmed !== lower) terms.push({ text: lower, kind: 'raw' });
  return { start: at, end, terms };
}

const HANGUL_ANYWHERE = /[\uAC00-\uD7A3]/;

/**
 * A term as MiniSearch stores it. Hangul is spelled in conjoining jamo (NFD): one syllable typo
 * ("해드리스" for "헤드리스", "스케쥴" for "스케줄") is then one letter apart for fuzzy matching, and
 * the radix tree branches over 67 letters instead of thousands of syllables, which keeps indexing
 * fast. NFD is lossless: termOfKey recomposes it.
 */
export const indexKey = (term: string): string => (HANGUL_ANYWHERE.test(term) ? term.normalize('NFD') : term);

/** The term an index key stands for. */
export const termOfKey = (key: string): string => (/[\u1100-\u11FF]/.test(key) ? key.normalize('NFC') : key);

/** Whether the text contains Hangul: the language a query is most likely asked in. */
export function looksKorean(text: string): boolean {
  return HANGUL_ANYWHERE.test(text);
}
