// Quantity arithmetic as Quantity.Add, Sub, Mul, Cmp and IsZero do it (quantity.go), exactly: a sum
// keeps the left operand's format unless that operand is zero, in which case it takes the right one's.
import { compare, product, sum } from './decimal';
import type { Quantity } from './types';

/** Zero, in DecimalSI; adding to it takes the other operand's format, so it seeds a sum of any kind. */
export const ZERO: Quantity = Object.freeze({ coefficient: 0n, exponent: 0, format: 'DecimalSI' });

/** Whether the quantity is zero (Quantity.IsZero). */
export const isZero = (q: Quantity): boolean => q.coefficient === 0n;

/** -1, 0 or 1 as a is less than, equal to or greater than b, by value alone (Quantity.Cmp). */
export const cmp = (a: Quantity, b: Quantity): number => compare(a, b);

/** a + b, exact (Quantity.Add); throws QuantityRangeError past MAX_DIGITS significant digits. */
export function add(a: Quantity, b: Quantity): Quantity {
  return { ...sum(a, b), format: isZero(a) ? b.format : a.format };
}

/** a − b, exact (Quantity.Sub); throws QuantityRangeError past MAX_DIGITS significant digits. */
export function sub(a: Quantity, b: Quantity): Quantity {
  return { ...sum(a, { coefficient: -b.coefficient, exponent: b.exponent }), format: isZero(a) ? b.format : a.format };
}

/** q × k for an integer k, exact, in q's format (Quantity.Mul). */
export function mul(q: Quantity, k: bigint | number): Quantity {
  if (typeof k === 'number' && !Number.isSafeInteger(k)) throw new RangeError(`not a safe integer: ${k}`);
  return { ...product(q, BigInt(k)), format: q.format };
}
