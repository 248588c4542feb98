// Builders for the quantity tests: a quantity spelled as its exact parts, and its text as a check.
import type { Quantity, QuantityFormat } from './types';

/** The quantity coefficient × 10^exponent (the coefficient without trailing zeros) in a format. */
export const q = (coefficient: bigint, exponent: number, format: QuantityFormat = 'DecimalSI'): Quantity => ({
  coefficient,
  exponent,
  format,
});
