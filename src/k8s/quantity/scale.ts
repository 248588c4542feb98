// Quantities as int64 counts: Value and MilliValue (quantity.go ScaledValue, scale_int.go scaledValue,
// amount.go AsScaledInt64), and the kubelet's resourceFieldRef division (pkg/api/v1/resource/helpers.go
// ExtractContainerResourceValue).
import { digitsAtMost, pow10, signOf } from './decimal';
import { parseQuantity } from './parse';
import type { Quantity } from './types';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_DIGITS = 19;

/** Quantity.Value(): the value rounded away from zero to an integer, held to the int64 range. */
export const value = (q: Quantity): bigint => scaledValue(q, 0);

/** Quantity.MilliValue(): ceil(q × 1000) away from zero, held to the int64 range (how CPU is counted). */
export const milliValue = (q: Quantity): bigint => scaledValue(q, -3);

// Scaling down rounds away from zero, as int64Amount's negativeScaleInt64 always did and scale_int.go's
// scaledValue does since it stopped turning -1.5 into 0 (kubernetes/kubernetes#110653). A result past
// int64 saturates at the rail, as scaledValue reports it; earlier releases let it wrap ("undefined").
function scaledValue(q: Quantity, scale: number): bigint {
  const sign = signOf(q.coefficient);
  if (sign === 0) return 0n;
  const shift = q.exponent - scale;
  if (shift >= 0) {
    if (shift >= INT64_DIGITS) return sign > 0 ? INT64_MAX : INT64_MIN;
    return clamp(q.coefficient * pow10(shift));
  }
  // |coefficient| < 10^-shift: a non-zero value below one unit, which rounds to ±1.
  if (-shift >= digitsAtMost(q.coefficient)) return BigInt(sign);
  const divisor = pow10(-shift);
  const quotient = q.coefficient / divisor;
  return clamp(q.coefficient % divisor === 0n ? quotient : quotient + BigInt(sign));
}

const clamp = (n: bigint): bigint => (n > INT64_MAX ? INT64_MAX : n < INT64_MIN ? INT64_MIN : n);

/**
 * The text the kubelet puts in an environment variable for a resourceFieldRef: ceil(value / divisor),
 * computed as convertResourceCPUToString does for `cpu` (MilliValue of both) and convertResourceMemoryToString
 * for every other resource (Value of both), in float64 — so above 2^53 it is float64's answer, not the exact
 * one. A zero divisor means 1. A result outside int64 prints as -9223372036854775808, what Go's
 * float64 → int64 conversion gives on amd64 (the spec leaves it to the platform).
 */
export function resourceFieldRefValue(resource: string, q: Quantity, divisor: Quantity): string {
  const by = divisor.coefficient === 0n ? parseQuantity('1') : divisor;
  const count = resource === 'cpu' ? milliValue : value;
  const ratio = Math.ceil(Number(count(q)) / Number(count(by)));
  if (!(Math.abs(ratio) < 2 ** 63)) return INT64_MIN.toString();
  return BigInt(ratio).toString();
}
