// The size of a value as JSON, counted without building the text. A dry-run's Pods share their
// template's objects, so a small request can describe an answer of a gigabyte (4 800 replicas of a
// 200 KB template): JSON.stringify would build it, for seconds, before failing with "Invalid string
// length". Counting stops once the answer is over the limit, so no more than the limit is ever read.

/** UTF-8 bytes of JSON.stringify(value), or, once the count passes `stopAbove`, the count so far (above it). */
export function jsonByteLength(value: unknown, stopAbove = Infinity): number {
  const counter = { bytes: 0, stopAbove };
  count(value, counter, false);
  return counter.bytes;
}

interface Counter {
  bytes: number;
  readonly stopAbove: number;
}

// Strings this long are measured by the engine (one copy, native speed); shorter ones here, without a
// copy: a kept search answer's snippets (about 200 characters each) were copied for every question.
const NATIVE_FROM = 1024;

function count(value: unknown, c: Counter, inArray: boolean): void {
  if (c.bytes > c.stopAbove) return;
  switch (typeof value) {
    case 'string':
      c.bytes += value.length < NATIVE_FROM ? stringBytes(value) : Buffer.byteLength(JSON.stringify(value));
      return;
    case 'number':
      c.bytes += Number.isFinite(value) ? String(value).length : 4;
      return;
    case 'boolean':
      c.bytes += value ? 4 : 5;
      return;
    case 'object':
      break;
    default:
      // undefined, functions and symbols: left out of objects, null in arrays (bigint throws, as in JSON.stringify).
      if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
      if (inArray) c.bytes += 4;
      return;
  }
  if (value === null) {
    c.bytes += 4;
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    c.bytes += Buffer.byteLength(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    c.bytes += 2 + Math.max(0, value.length - 1);
    // Indexed, not for-of: this recursive function is rarely optimized, and each loop made an iterator.
    for (let i = 0; i < value.length; i++) {
      count(value[i], c, true);
      if (c.bytes > c.stopAbove) return;
    }
    return;
  }
  let members = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    c.bytes += (members++ ? 1 : 0) + stringBytes(key) + 1;
    count(v, c, false);
    if (c.bytes > c.stopAbove) return;
  }
  c.bytes += 2;
}

// A short string's bytes as JSON: its quotes, escapes (\" \\ \b \f \n \r \t, \u00XX for other control
// characters and \uXXXX for a lone surrogate) and UTF-8.
function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x80) n += ch === 0x22 || ch === 0x5c ? 2 : ch >= 0x20 ? 1 : SHORT_ESCAPES.has(ch) ? 2 : 6;
    else if (ch < 0x800) n += 2;
    else if (ch >= 0xd800 && ch <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else n += ch >= 0xdc00 && ch <= 0xdfff ? 6 : 3;
  }
  return n;
}

const SHORT_ESCAPES = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
