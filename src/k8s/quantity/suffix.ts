// Quantity suffixes as k8s.io/apimachinery/pkg/api/resource/suffix.go reads (interpret) and writes
// (constructBytes) them.
import { MAX_EXPONENT } from './decimal';
import type { QuantityFormat } from './types';

export interface Suffix {
  readonly base: 2 | 10;
  /** The power of the base: `Ki` is 2^10, `m` is 10^-3, `e6` is 10^6. */
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SI = new Map<string, number>([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SI = new Map<string, number>([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const DECIMAL_BY_EXPONENT = new Map([...DECIMAL_SI].map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map([...BINARY_SI].map(([s, e]) => [e, s]));

// strconv.ParseInt(s, 10, 64): an optional sign, then at least one digit and nothing else.
const SIGNED_INTEGER = /^[+-]?[0-9]+$/;

/** What a suffix means, or undefined where ParseQuantity fails with ErrSuffix. */
export function interpretSuffix(suffix: string): Suffix | undefined {
  const decimal = DECIMAL_SI.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SI.get(suffix);
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length < 2 || (suffix[0] !== 'e' && suffix[0] !== 'E')) return undefined;
  const exponent = exponentOf(suffix.slice(1));
  return exponent === undefined ? undefined : { base: 10, exponent, format: 'DecimalExponent' };
}

// An exponent outside ±(2^31 − 1) is refused, as kubernetes/kubernetes#141203 made interpret do
// (before it, int32(parsed) wrapped 1e4294967297 to 1e1). -2^31 is refused too: its negation, the
// inf.Scale, does not fit an int32.
function exponentOf(text: string): number | undefined {
  if (!SIGNED_INTEGER.test(text)) return undefined;
  const negative = text[0] === '-';
  const digits = text.replace(/^[+-]?0*/, '');
  if (digits.length > 10) return undefined;
  const magnitude = Number(digits || '0');
  if (magnitude > MAX_EXPONENT) return undefined;
  return negative ? -magnitude : magnitude;
}

/**
 * The suffix of a base-10 canonical form (exponent a multiple of 3). DecimalSI has no suffix past `E`
 * (10^18), so a larger exponent falls back to `e` notation, as CanonicalizeBytes does since
 * "1000E" stopped printing as "1" (quantity_test.go TestQuantityString: 1e21 ↔ "1000E").
 */
export function decimalSuffix(exponent: number, format: 'DecimalSI' | 'DecimalExponent'): string {
  if (format === 'DecimalSI') {
    const si = DECIMAL_BY_EXPONENT.get(exponent);
    if (si !== undefined) return si;
  }
  return exponent === 0 ? '' : `e${exponent}`;
}

/** The BinarySI suffix of 1024^power, for power 0 (none) to 6 (`Ei`). */
export function binarySuffix(power: number): string {
  return power === 0 ? '' : (BINARY_BY_EXPONENT.get(power * 10) ?? '');
}
