// Where sentences end, so that text shown in part (a search snippet, a context's cut summary) stops
// at the end of a sentence rather than in the middle of a word. English and Korean end sentences the
// same way in written text ("…endpoints.", "…빠진다.", "…돼요?"); Japanese and Chinese quotes use the
// ideographic full stop "。", which needs no space after it.

// An abbreviation's full stop ends no sentence.
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx)$/i;
const CLOSERS = new Set([')', '"', "'", '”', '’', '」', '』', '*', '`']);

/** Offsets just after each sentence's last character (its full stop and any closing quote), ascending. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '。') {
      ends.push(closed(text, i + 1));
      continue;
    }
    if (c !== '.' && c !== '?' && c !== '!') continue;
    const end = closed(text, i + 1);
    if (end < text.length && !/\s/.test(text[end])) continue; // "v1.29", "kubernetes.io"
    if (c === '.' && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i))) continue;
    if (ends[ends.length - 1] !== end) ends.push(end);
  }
  return ends;
}

// Past the closing quotes and brackets that belong to the sentence just ended.
function closed(text: string, i: number): number {
  while (i < text.length && CLOSERS.has(text[i])) i++;
  return i;
}

/** Offsets where sentences start: the text's start, and the first non-space after each sentence end. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const end of sentenceEnds(text)) {
    let s = end;
    while (s < text.length && /\s/.test(text[s])) s++;
    if (s < text.length && s > starts[starts.length - 1]) starts.push(s);
  }
  return starts;
}

/**
 * The text cut to at most `max` code points, at the end of the last sentence that fits, or else at
 * the last space, "…" marking the cut. A text that fits is returned as it is.
 */
export function clipAtSentence(text: string, max: number): string {
  if (codePoints(text) <= max) return text;
  const room = offsetOf(text, Math.max(0, max - 2)); // the space and the ellipsis
  const end = sentenceEnds(text)
    .filter((e) => e <= room)
    .pop();
  if (end) return `${outsideCode(text.slice(0, end))} …`;
  const cut = text.slice(0, offsetOf(text, Math.max(0, max - 1)));
  const space = cut.search(/\s\S*$/);
  return `${outsideCode((space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd())}…`;
}

// A cut inside an inline code span would leave it open, and the markdown after it broken (`readiness…
// in the second hostile review): the cut moves to before the span.
function outsideCode(kept: string): string {
  const ticks = kept.split('`').length - 1;
  return ticks % 2 ? kept.slice(0, kept.lastIndexOf('`')).trimEnd() : kept;
}

const codePoints = (text: string): number => [...text].length;

// The UTF-16 offset of the code point at index n (or the text's length when it has fewer).
function offsetOf(text: string, n: number): number {
  let offset = 0;
  for (const c of text) {
    if (n-- <= 0) break;
    offset += c.length;
  }
  return offset;
}
