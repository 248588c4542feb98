// The Quantity model: an exact decimal and the format Kubernetes remembers for printing it
// (k8s.io/apimachinery/pkg/api/resource, quantity.go: type Quantity, type Format).

/** How a quantity prints: `12Mi` (BinarySI), `12M` (DecimalSI) or `12e6` (DecimalExponent). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/**
 * A resource quantity. Its value is exactly `coefficient × 10^exponent`; the coefficient has no
 * trailing zeros (zero is `0n × 10^0`), so two quantities of equal value have equal fields. Quantities
 * made by this module are multiples of 10⁻⁹ (1n), the finest value Kubernetes keeps.
 */
export interface Quantity {
  readonly coefficient: bigint;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

/** A text Kubernetes' ParseQuantity refuses, with the message the API server returns for it. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

/**
 * Arithmetic whose exact result is too wide to compute within bounded work. Kubernetes would build
 * the number (inf.Dec aligns scales by writing 10^difference out in digits) and stall; the kernel refuses.
 */
export class QuantityRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityRangeError';
  }
}
