// Quantity.String(): the canonical form CanonicalizeBytes prints (quantity.go, with amount.go's
// AsCanonicalBytes and AsCanonicalBase1024Bytes): no fractional digits, no lost precision, the largest
// exponent or suffix that allows both, and a sign only when negative.
import { abs, compare, MAX_DIGITS, pow10 } from './decimal';
import { binarySuffix, decimalSuffix } from './suffix';
import type { Quantity } from './types';

const BINARY_FLOOR = { coefficient: 1024n, exponent: 0 };
const MAX_BINARY_POWER = 6; // Ei

/**
 * The canonical text of a quantity, as Kubernetes prints it: `1.5Gi` → `1536Mi`, `0.5` → `500m`.
 * Quantity.String() can print something else for a parsed quantity: ParseQuantity caches the text it
 * read when its fast path judges it canonical, and that judgement lets through a sign (`+1k`), leading
 * zeros (`01k`) and a three-digit fraction (`1.234`, which this prints as `1234m`).
 */
export function formatQuantity(q: Quantity): string {
  if (q.coefficient === 0n) return '0';
  if (q.format === 'BinarySI' && isBinaryPrintable(q)) return binaryForm(q);
  return decimalForm(q, q.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
}

// Between -1024 and 1024 a binary suffix would add nothing, and a fraction cannot be written with one:
// both print as DecimalSI ("This avoids rounding and hopefully confusion, too."). So does a value with
// more than MAX_DIGITS trailing zeros, which only repeated multiplication makes: its binary form would
// have to write every digit out (Kubernetes would, without bound).
function isBinaryPrintable(q: Quantity): boolean {
  const magnitude = { coefficient: abs(q.coefficient), exponent: q.exponent };
  return compare(magnitude, BINARY_FLOOR) >= 0 && q.exponent >= 0 && q.exponent <= MAX_DIGITS;
}

// The mantissa with its factors of ten moved into the exponent (the coefficient has none left), then
// the exponent lowered to a multiple of three so that it has an SI suffix.
function decimalForm(q: Quantity, format: 'DecimalSI' | 'DecimalExponent'): string {
  const excess = ((q.exponent % 3) + 3) % 3;
  const exponent = q.exponent - excess;
  return `${q.coefficient * pow10(excess)}${decimalSuffix(exponent, format)}`;
}

// The integer value with its factors of 1024 moved into the suffix. Kubernetes counts every factor, and
// for 1024^7 and beyond finds no suffix and prints the bare mantissa ("1" for 2^70), losing the value;
// the kernel stops at Ei ("1024Ei"), which at least names the value (ParseQuantity caps it at 2^63 − 1,
// as it caps "8Ei").
function binaryForm(q: Quantity): string {
  let value = q.coefficient * pow10(q.exponent);
  let power = 0;
  while (power < MAX_BINARY_POWER && value % 1024n === 0n) {
    value /= 1024n;
    power++;
  }
  return `${value}${binarySuffix(power)}`;
}
