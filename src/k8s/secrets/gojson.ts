// Strings and objects as Go's encoding/json writes them (kubectl is a Go program): HTML characters,
// U+2028/U+2029 and control characters escaped, invalid UTF-16 written as U+FFFD. Source: Go's
// encoding/json encode.go (appendString, with escapeHTML as json.Marshal sets it); Go 1.22+ writes
// \b and \f short escapes.

const HEX = '0123456789abcdef';
const SHORT: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};

/** A JSON string literal as Go's json.Marshal spells it. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (SHORT[c] !== undefined) out += SHORT[c];
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else out += s[i];
  }
  return `${out}"`;
}

/** A JSON value: strings, and objects whose keys keep the order given (Go writes struct fields in declaration order). */
export type GoJson = string | { readonly [key: string]: GoJson };

/** json.Marshal's compact form. */
export function goJsonCompact(v: GoJson): string {
  if (typeof v === 'string') return goJsonString(v);
  return `{${Object.entries(v)
    .map(([k, x]) => `${goJsonString(k)}:${goJsonCompact(x)}`)
    .join(',')}}`;
}

/** json.MarshalIndent(v, "", "    ") as kubectl's JSON printer calls it, without the final newline. */
export function goJsonIndent(v: GoJson, depth = 0): string {
  if (typeof v === 'string') return goJsonString(v);
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  const pad = '    '.repeat(depth + 1);
  const body = entries.map(([k, x]) => `${pad}${goJsonString(k)}: ${goJsonIndent(x, depth + 1)}`).join(',\n');
  return `{\n${body}\n${'    '.repeat(depth)}}`;
}

/** Map keys in Go's order: encoding/json sorts a map's keys by their bytes. */
export function goSortedKeys(keys: readonly string[]): string[] {
  const bytes = (k: string) => Buffer.from(k, 'utf8');
  return [...keys].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
}
