// Exact decimal helpers over (coefficient, exponent) pairs. Nothing here writes out 10^n for an n
// that the caller has not bounded first: a quantity's exponent reaches ±2^31 (suffix.go accepts any
// int32 exponent), and 10^(2^31) has two billion digits.
import { QuantityRangeError } from './types';

/** Significant digits an exact arithmetic result may have; past it, add, sub and mul refuse. */
export const MAX_DIGITS = 4096;

/** The largest exponent a quantity can spell: suffix.go rejects exponents outside ±(2^31 − 1). */
export const MAX_EXPONENT = 2 ** 31 - 1;

const LOG10_2 = Math.log10(2);

export interface Decimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

export const abs = (n: bigint): bigint => (n < 0n ? -n : n);

export const signOf = (n: bigint): number => (n > 0n ? 1 : n < 0n ? -1 : 0);

/** The value with its coefficient's trailing zeros moved into the exponent; zero is 0 × 10^0. */
export function normalized(coefficient: bigint, exponent: number): Decimal {
  if (coefficient === 0n) return { coefficient: 0n, exponent: 0 };
  let c = coefficient;
  let e = exponent;
  // Strip zeros sixteen at a time first, so a long run costs few divisions.
  while (c % 10_000_000_000_000_000n === 0n) {
    c /= 10_000_000_000_000_000n;
    e += 16;
  }
  while (c % 10n === 0n) {
    c /= 10n;
    e += 1;
  }
  return { coefficient: c, exponent: e };
}

/**
 * Bounds on log10 of |coefficient × 10^exponent| for a non-zero coefficient, read from its bit length
 * (linear to compute, unlike its decimal digits): 2^(bits−1) ≤ |c| < 2^bits.
 */
export function log10Bounds(d: Decimal): { low: number; high: number } {
  const bits = abs(d.coefficient).toString(16).length * 4; // ≥ the bit length, by at most 3
  return { low: Math.floor((bits - 4) * LOG10_2) + d.exponent, high: Math.ceil(bits * LOG10_2) + d.exponent };
}

/** How many decimal digits |c| has, at most: exact enough to bound work, cheap for any size. */
export function digitsAtMost(c: bigint): number {
  return Math.ceil(abs(c).toString(16).length * 4 * LOG10_2) + 1;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, without aligning far-apart values. */
export function compare(a: Decimal, b: Decimal): number {
  const sa = signOf(a.coefficient);
  const sb = signOf(b.coefficient);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  if (a.exponent !== b.exponent) {
    const la = log10Bounds(a);
    const lb = log10Bounds(b);
    // Magnitudes that cannot overlap decide without building either number.
    if (la.low > lb.high) return sa;
    if (lb.low > la.high) return -sa;
  }
  const [x, y] = aligned(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Both coefficients at the smaller exponent; the caller has bounded the exponents' distance. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.coefficient * pow10(a.exponent - e), b.coefficient * pow10(b.exponent - e)];
}

/** The exact sum, refused when it would need more than MAX_DIGITS significant digits. */
export function sum(a: Decimal, b: Decimal): Decimal {
  if (b.coefficient === 0n) return a;
  if (a.coefficient === 0n) return b;
  const shift = Math.abs(a.exponent - b.exponent);
  if (shift > MAX_DIGITS) tooWide(`adding values ${shift} orders of magnitude apart`);
  const [x, y] = aligned(a, b);
  return bounded(normalized(x + y, Math.min(a.exponent, b.exponent)), 'the sum');
}

/** The exact product with an integer, refused past MAX_DIGITS significant digits. */
export function product(a: Decimal, k: bigint): Decimal {
  return bounded(normalized(a.coefficient * k, a.exponent), 'the product');
}

function bounded(d: Decimal, what: string): Decimal {
  // digitsAtMost overshoots by at most 4, so only a result near the limit is counted exactly.
  const most = digitsAtMost(d.coefficient);
  if (most > MAX_DIGITS && (most > MAX_DIGITS + 4 || abs(d.coefficient).toString().length > MAX_DIGITS))
    tooWide(`${what} has more than ${MAX_DIGITS} significant digits`);
  if (d.exponent > MAX_EXPONENT) tooWide(`${what} is larger than 1e${MAX_EXPONENT}`);
  return d;
}

function tooWide(detail: string): never {
  throw new QuantityRangeError(`quantity arithmetic out of range: ${detail}`);
}
