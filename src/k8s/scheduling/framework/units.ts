// How a request's text reads as the scheduler's units (MilliValue for cpu, Value else), without the
// quantity arithmetic where the text allows: the snapshot reads the requests of tens of thousands of Pods.
import { quantitiesOf, type ResourceList } from '../../objects';
import type { Quantity } from '../../quantity';

/**
 * A quantity in scheduler units (MilliValue for cpu, Value else) when that is a whole, non-negative, safe
 * number, so no rounding happens; else undefined. coefficient × 10^shift in floats is exact when it is safe.
 */
export function wholeUnit(name: string, q: Quantity): number | undefined {
  const shift = q.exponent - (name === 'cpu' ? -3 : 0);
  if (shift < 0 || shift > 15 || q.coefficient < 0n) return undefined;
  const n = Number(q.coefficient) * 10 ** shift;
  return Number.isSafeInteger(n) ? n : undefined;
}

const [K, K_UPPER, M, G, T, P, I, MILLI] = [...'kKMGTPim'].map((c) => c.charCodeAt(0));

// The multiplier of the suffix a plain request is written with from `at` on (suffix.go): decimal SI
// powers of ten, binary SI powers of two; undefined for any other. `m` and the smaller ones are left to
// the exact path, but for cpu. Read by character codes, without cutting the suffix out: this runs for
// each of the tens of thousands of requests a snapshot reads.
function suffixScale(text: string, at: number): number | undefined {
  const rest = text.length - at;
  if (rest === 0) return 1;
  const binary = rest === 2 && text.charCodeAt(at + 1) === I;
  if (rest !== 1 && !binary) return undefined;
  switch (text.charCodeAt(at)) {
    case K:
      return binary ? undefined : 1e3;
    case K_UPPER:
      return binary ? 2 ** 10 : undefined;
    case M:
      return binary ? 2 ** 20 : 1e6;
    case G:
      return binary ? 2 ** 30 : 1e9;
    case T:
      return binary ? 2 ** 40 : 1e12;
    case P:
      return binary ? 2 ** 50 : 1e15;
  }
  return undefined;
}

/**
 * The scheduler units of a quantity written as plain digits and a suffix (`250m`, `1`, `128Mi`, `2G`):
 * what the exact path gives for it, read from the text without the quantity arithmetic, since the
 * snapshot reads the requests of tens of thousands of Pods. Undefined for any other spelling (signs,
 * fractions, exponents, milli-bytes) and beyond 15 digits, which the exact path reads.
 */
export function plainUnits(name: string, text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const length = text.length;
  let digits = 0;
  let n = 0;
  while (digits < length) {
    const c = text.charCodeAt(digits);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || digits > 15) return undefined;
  const cpu = name === 'cpu';
  if (cpu && length === digits + 1 && text.charCodeAt(digits) === MILLI) return n;
  const scale = suffixScale(text, digits);
  if (scale === undefined) return undefined;
  const units = n * scale * (cpu ? 1000 : 1);
  return Number.isSafeInteger(units) ? units : undefined;
}

const MEMO_LIMIT = 4096;

// A request's units by its text when it is not plain, for cpu and for the rest: a cluster's Pods spell
// their requests with a few texts, so each is read once. Null: not a whole number of units. Bounded:
// cleared when full. The memo holds no state an answer depends on. A plain text is read at once instead:
// reading its few characters costs less than finding it in a map, where the Pod's string is compared
// with the one kept.
const CPU_UNITS = new Map<string, number | null>();
const OTHER_UNITS = new Map<string, number | null>();

/** An entry of a request list in scheduler units when it is a whole number of them; else undefined. */
export function requestUnits(name: string, list: ResourceList): number | undefined {
  const text = list[name];
  const plain = plainUnits(name, text);
  if (plain !== undefined) return plain;
  const memo = name === 'cpu' ? CPU_UNITS : OTHER_UNITS;
  let n = memo.get(text);
  if (n === undefined) {
    n = wholeUnit(name, quantitiesOf(list).get(name)!) ?? null;
    remember(memo, text, n);
  }
  return n ?? undefined;
}

/** Keeps `n` as the units of `text` in a bounded memo (cleared when full); texts that are not strings are not kept. */
export function remember<T>(memo: Map<string, T>, text: unknown, n: T): void {
  if (typeof text !== 'string') return;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, n);
}
