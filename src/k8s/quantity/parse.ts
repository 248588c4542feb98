// ParseQuantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): what it accepts, the value it
// reads (rounded up to 1n, BinarySI capped at 2^63 − 1) and the format it remembers, computed on
// exact decimals rather than through its int64 fast path and inf.Dec slow path.
import { abs, compare, normalized, pow10, signOf, type Decimal } from './decimal';
import { interpretSuffix, type Suffix } from './suffix';
import { QuantityError, type Quantity } from './types';

// The errors ParseQuantity returns (quantity.go: ErrFormatWrong, ErrNumeric, ErrSuffix).
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = -9;
const MAX_INT64: Decimal = { coefficient: 2n ** 63n - 1n, exponent: 0 };
const ONE: Decimal = { coefficient: 1n, exponent: 0 };

interface Parts {
  negative: boolean;
  whole: string;
  fraction: string;
  suffix: string;
}

// The same few texts ("100m", "128Mi") come back for every Pod a controller makes, and a Quantity is
// never changed: short texts read before are answered from a memo, bounded so it cannot grow with input.
// It holds no state a result depends on: the same text always gives an equal Quantity.
const MEMO_LIMIT = 4096;
const MEMO_TEXT_LIMIT = 32;
const memo = new Map<string, Quantity>();

/** The quantity a text spells, exactly as Kubernetes reads it; throws QuantityError with its message. */
export function parseQuantity(text: string): Quantity {
  const known = memo.get(text);
  if (known) return known;
  const q = parse(text);
  if (text.length <= MEMO_TEXT_LIMIT) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, q);
  }
  return q;
}

function parse(text: string): Quantity {
  if (text.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  const parts = split(text);
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) throw new QuantityError(ERR_SUFFIX);
  if (parts.whole.length + parts.fraction.length === 0) return digitless(suffix);
  const value = valueOf(parts, suffix);
  let format = suffix.format;
  if (format === 'BinarySI') {
    const magnitude = { coefficient: abs(value.coefficient), exponent: value.exponent };
    // "The max is just a simple cap" (quantity.go), and only for BinarySI: "8Ei" reads as 2^63 − 1.
    if (compare(magnitude, MAX_INT64) > 0) return { ...withSign(MAX_INT64, value), format };
    // Below 1 a binary suffix cannot be printed without rounding, so the quantity becomes DecimalSI.
    if (value.coefficient !== 0n && compare(magnitude, ONE) < 0) format = 'DecimalSI';
  }
  return { ...value, format };
}

// parseQuantityString's scan: sign, digits, an optional '.' and digits, then suffix letters, an optional
// sign and digits. It is linear (a backtracking regular expression is not, on long digit runs).
function split(text: string): Parts {
  let pos = 0;
  const negative = text[0] === '-';
  if (text[0] === '-' || text[0] === '+') pos++;
  const wholeEnd = skip(text, pos, isDigit);
  const whole = text.slice(pos, wholeEnd);
  pos = wholeEnd;
  let fraction = '';
  if (text[pos] === '.') {
    const fractionEnd = skip(text, pos + 1, isDigit);
    fraction = text.slice(pos + 1, fractionEnd);
    pos = fractionEnd;
  }
  const suffixStart = pos;
  pos = skip(text, pos, (c) => 'eEinumkKMGTP'.includes(c));
  if (text[pos] === '-' || text[pos] === '+') pos++;
  pos = skip(text, pos, isDigit);
  if (pos !== text.length) throw new QuantityError(ERR_FORMAT_WRONG);
  return { negative, whole, fraction, suffix: text.slice(suffixStart) };
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function skip(text: string, from: number, accept: (c: string) => boolean): number {
  let i = from;
  while (i < text.length && accept(text[i])) i++;
  return i;
}

// A number with no digits ("-", ".", "Ki") is zero where ParseQuantity takes its int64 fast path, and
// ErrNumeric where it falls to inf.Dec's SetString, which needs a digit: a decimal scale below nano, or a
// binary suffix whose precision estimate (15 − 1 − ⌊exponent·3/10⌋ − 1) is negative, i.e. Pi and Ei.
function digitless(suffix: Suffix): Quantity {
  const slowPath = suffix.base === 10 ? suffix.exponent < NANO : 13 - Math.floor((suffix.exponent * 3) / 10) < 0;
  if (slowPath) throw new QuantityError(ERR_NUMERIC);
  return { coefficient: 0n, exponent: 0, format: suffix.format };
}

function valueOf(parts: Parts, suffix: Suffix): Decimal {
  const all = (parts.whole + parts.fraction).replace(/^0+/, '');
  const digits = all.replace(/0+$/, '');
  if (digits === '') return { coefficient: 0n, exponent: 0 };
  let exponent = all.length - digits.length - parts.fraction.length;
  let coefficient = BigInt(digits);
  if (suffix.base === 10) exponent += suffix.exponent;
  else coefficient <<= BigInt(suffix.exponent);
  if (parts.negative) coefficient = -coefficient;
  // An upper bound on the coefficient's digits: 2^60 adds at most 19 to a binary one.
  return roundedToNano(coefficient, exponent, digits.length + (suffix.base === 2 ? 19 : 0));
}

// "This rounds non-zero values up to the minimum representable value, under the theory that if you
// want some resources, you should get some resources" (quantity.go): away from zero, to a multiple of 1n.
function roundedToNano(coefficient: bigint, exponent: number, digitCount: number): Decimal {
  if (exponent >= NANO) return normalized(coefficient, exponent);
  const shift = NANO - exponent;
  // |coefficient| < 10^shift: the value is below 1n, so it is 1n (the shift may be 2^31, never built).
  if (shift >= digitCount) return { coefficient: BigInt(signOf(coefficient)), exponent: NANO };
  const divisor = pow10(shift);
  const quotient = coefficient / divisor;
  const exact = coefficient % divisor === 0n;
  return normalized(exact ? quotient : quotient + BigInt(signOf(coefficient)), NANO);
}

function withSign(magnitude: Decimal, like: Decimal): Decimal {
  return like.coefficient < 0n ? { ...magnitude, coefficient: -magnitude.coefficient } : magnitude;
}
