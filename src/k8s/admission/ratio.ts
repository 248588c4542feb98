// maxLimitRequestRatio, exactly as LimitRanger decides and prints it (admission.go exceedsAllowed and
// ratioString): the limit exceeds request × ratio, compared exactly between magnitudes; the ratio printed
// is limit / request rounded half to even at six decimals (what `%f` showed before), and once the
// quotient's exponent is past ±40 as a mantissa in [1, 10) with six decimals and `e<exponent>`.
import { cmp, type Quantity } from '../quantity';

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Whether |limit| > |request| × ratio, exactly. */
export function exceedsAllowed(limit: Quantity, request: Quantity, ratio: Quantity): boolean {
  const allowed: Quantity = {
    coefficient: abs(request.coefficient) * ratio.coefficient,
    exponent: request.exponent + ratio.exponent,
    format: 'DecimalSI',
  };
  return cmp({ ...limit, coefficient: abs(limit.coefficient) }, allowed) > 0;
}

// inf.RoundHalfEven of num / den (both positive).
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}

// An integer count of millionths, as inf.Dec prints it at scale 6.
const sixDecimals = (micro: bigint): string => {
  const digits = micro.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
};

// Past this exponent QuoRound would write the whole power of ten out (ratioFoldLimit).
const FOLD_LIMIT = 40;

/** |limit| / |request| as the "provided ratio is …" message prints it. */
export function ratioString(limit: Quantity, request: Quantity): string {
  const a = abs(limit.coefficient);
  const b = abs(request.coefficient);
  let exp = limit.exponent - request.exponent;
  if (Math.abs(exp) <= FOLD_LIMIT) {
    const [num, den] = exp >= 0 ? [a * pow10(exp + 6), b] : [a * pow10(6), b * pow10(-exp)];
    return sixDecimals(roundHalfEven(num, den));
  }
  let shift = b.toString().length - a.toString().length;
  const den = shift >= 0 ? b : b * pow10(-shift);
  let num = shift >= 0 ? a * pow10(shift) : a;
  if (num < den) {
    num *= 10n;
    shift += 1;
  }
  let mantissa = roundHalfEven(num * pow10(6), den);
  // Rounding can carry the mantissa to ten; dividing it back raises the exponent by one.
  if (mantissa >= 10n * pow10(6)) {
    mantissa = roundHalfEven(mantissa, 10n);
    shift -= 1;
  }
  exp -= shift;
  return exp === 0 ? sixDecimals(mantissa) : `${sixDecimals(mantissa)}e${exp}`;
}
