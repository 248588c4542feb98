// Whether go-yaml v2 would read a plain scalar as something other than a string (resolve.go), in
// which case its encoder quotes the string (encode.go stringv). kubectl prints YAML through
// sigs.k8s.io/yaml, which marshals with go-yaml v2.

const MAP_WORDS = new Set(
  [
    'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF',
    '~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<',
  ]
    .join(' ')
    .split(' '),
);
// resolveTable: the first characters for which resolve tries anything but a string.
const HINTED = /^[-+0-9yYnNtTfFoO~.<]/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64): a sign (ParseInt only), then 0x/0o/0b, a leading 0
// (octal) or decimal digits.
function goParsesAsInteger(s: string): boolean {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const digits = m[2];
  const body = /^0[oO]/.test(digits)
    ? `0o${digits.slice(2)}`
    : /^0[0-7]+$/.test(digits)
      ? `0o${digits.slice(1)}`
      : digits;
  const n = BigInt(body);
  return m[1] === '-' ? n <= INT64_MAX + 1n : m[1] === '+' ? n <= INT64_MAX : n <= UINT64_MAX;
}

// parseTimestamp: only a value whose first four characters are digits followed by '-' can be one.
function goParsesAsTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]| +)(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[-+]\d{1,2}(?::\d{2})?)?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Whether go-yaml v2 must quote this string so that it reads back as a string. */
export function needsQuotes(s: string): boolean {
  if (s === '' || MAP_WORDS.has(s)) return true;
  if (BASE60_FLOAT.test(s)) return true;
  if (!HINTED.test(s)) return false;
  if (s[0] === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!/^[-+0-9]/.test(s)) return false;
  if (goParsesAsTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (goParsesAsInteger(plain)) return true;
  return YAML_FLOAT.test(plain);
}
