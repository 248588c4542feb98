// The error Go's json.Unmarshal gives for bytes that are not JSON, as the API server reports a docker
// config that does not parse: encoding/json's scanner (scanner.go) checks the whole input first, byte by
// byte, and names the first byte it cannot take and what it was looking for
// ("invalid character 'a' looking for beginning of value", "unexpected end of JSON input").

type Frame = 'key' | 'value' | 'array';
type Step = (c: number) => Step | string;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

// quoteChar: the byte as strconv.Quote(string(c)) spells it, in single quotes (string(c) of a byte is the
// rune U+00XX, so 0x80–0xff are Latin-1 letters or, where not printable, \u escapes).
const SHORT: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const hex = c.toString(16).padStart(2, '0');
  if (SHORT[c]) return `'${SHORT[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${hex}'`;
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${hex}'`;
  if (c === 0x5c) return "'\\\\'";
  return `'${String.fromCharCode(c)}'`;
}

const invalid = (c: number, context: string) => `invalid character ${quoteChar(c)} ${context}`;

/** The scanner over one input: its stack of open objects and arrays, and whether a top-level value ended. */
class Scanner {
  readonly stack: Frame[] = [];
  endTop = false;

  beginValue: Step = (c) => {
    if (isSpace(c)) return this.beginValue;
    if (c === 0x7b) return (this.stack.push('key'), this.beginStringOrEmpty);
    if (c === 0x5b) return (this.stack.push('array'), this.beginValueOrEmpty);
    if (c === 0x22) return this.inString;
    if (c === 0x2d)
      return (d) => (d === 0x30 ? this.zero : d > 0x30 && d <= 0x39 ? this.digits : invalid(d, 'in numeric literal'));
    if (c === 0x30) return this.zero;
    if (isDigit(c)) return this.digits;
    for (const word of ['true', 'false', 'null']) if (c === word.charCodeAt(0)) return this.literal(word, 1);
    return invalid(c, 'looking for beginning of value');
  };
  beginValueOrEmpty: Step = (c) =>
    isSpace(c) ? this.beginValueOrEmpty : c === 0x5d ? this.endValue(c) : this.beginValue(c);
  beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return this.beginStringOrEmpty;
    if (c === 0x7d) return (this.stack.splice(-1, 1, 'value'), this.endValue(c));
    return this.beginString(c);
  };
  beginString: Step = (c) =>
    isSpace(c)
      ? this.beginString
      : c === 0x22
        ? this.inString
        : invalid(c, 'looking for beginning of object key string');
  inString: Step = (c) => {
    if (c === 0x22) return this.endValue;
    if (c === 0x5c) return this.escape;
    return c < 0x20 ? invalid(c, 'in string literal') : this.inString;
  };
  escape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return this.inString;
    return c === 0x75 ? this.hex(4) : invalid(c, 'in string escape code');
  };
  hex =
    (left: number): Step =>
    (c) =>
      !isHex(c) ? invalid(c, 'in \\u hexadecimal character escape') : left === 1 ? this.inString : this.hex(left - 1);
  digits: Step = (c) => (isDigit(c) ? this.digits : this.zero(c));
  zero: Step = (c) => (c === 0x2e ? this.dot : c === 0x65 || c === 0x45 ? this.exponent : this.endValue(c));
  dot: Step = (c) => (isDigit(c) ? this.fraction : invalid(c, 'after decimal point in numeric literal'));
  fraction: Step = (c) => (isDigit(c) ? this.fraction : c === 0x65 || c === 0x45 ? this.exponent : this.endValue(c));
  exponent: Step = (c) => (c === 0x2b || c === 0x2d ? this.exponentSign : this.exponentSign(c));
  exponentSign: Step = (c) => (isDigit(c) ? this.exponentDigits : invalid(c, 'in exponent of numeric literal'));
  exponentDigits: Step = (c) => (isDigit(c) ? this.exponentDigits : this.endValue(c));
  literal =
    (word: string, at: number): Step =>
    (c) => {
      if (c !== word.charCodeAt(at)) return invalid(c, `in literal ${word} (expecting '${word[at]}')`);
      return at === word.length - 1 ? this.endValue : this.literal(word, at + 1);
    };
  endValue: Step = (c) => {
    const top = this.stack.at(-1);
    if (!top) return ((this.endTop = true), this.afterTop(c));
    if (isSpace(c)) return this.endValue;
    if (top === 'key')
      return c === 0x3a ? (this.stack.splice(-1, 1, 'value'), this.beginValue) : invalid(c, 'after object key');
    const close = top === 'value' ? 0x7d : 0x5d;
    if (c === 0x2c) return top === 'value' ? (this.stack.splice(-1, 1, 'key'), this.beginString) : this.beginValue;
    if (c === close)
      return (this.stack.pop(), this.stack.length ? this.endValue : ((this.endTop = true), this.afterTop));
    return invalid(c, top === 'value' ? 'after object key:value pair' : 'after array element');
  };
  afterTop: Step = (c) => (isSpace(c) ? this.afterTop : invalid(c, 'after top-level value'));
}

/** Go's syntax error for `bytes` (checkValid), or undefined when they are one JSON value. */
export function goJsonSyntaxError(bytes: Uint8Array): string | undefined {
  const s = new Scanner();
  let step: Step = s.beginValue;
  for (const c of bytes) {
    const next = step(c);
    if (typeof next === 'string') return next;
    step = next;
  }
  // eof: a value still open is given one space, which ends a number or fails as Go's scanner does.
  if (s.endTop) return undefined;
  const last = step(0x20);
  if (typeof last === 'string') return last;
  return s.endTop ? undefined : 'unexpected end of JSON input';
}
