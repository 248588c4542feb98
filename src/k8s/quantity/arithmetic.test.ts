// Sums, differences, products and comparisons. Rows marked "quantity_test.go" restate rows of
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestAdd, TestSub, TestMul, TestQuantityCmp,
// TestQuantityAddZeroPreservesSuffix); the others follow from exact arithmetic and Add's format rule.
import { add, cmp, formatQuantity, isZero, mul, parseQuantity, sub, ZERO, MAX_DIGITS, type Quantity } from '.';
import { q } from './testkit';

const p = parseQuantity;

interface SumCase {
  name: string;
  a: Quantity;
  b: Quantity;
  want: Quantity;
}

const sums: SumCase[] = [
  // quantity_test.go TestAdd
  { name: '10 + 1e1 is 20', a: q(1n, 1), b: q(1n, 1), want: q(2n, 1) },
  { name: 'the left format wins', a: q(1n, 1), b: q(1n, 0, 'BinarySI'), want: q(11n, 0) },
  { name: 'a binary left operand keeps BinarySI', a: q(1n, 1, 'BinarySI'), b: q(1n, 0), want: q(11n, 0, 'BinarySI') },
  { name: 'a zero left operand takes the right format', a: ZERO, b: p('1Gi'), want: q(2n ** 30n, 0, 'BinarySI') },
  { name: 'adding zero keeps the format', a: p('100m'), b: ZERO, want: q(1n, -1) },
  // NodeResourcesFit sums container requests of mixed spellings.
  { name: 'millicores add to cores', a: p('1.5'), b: p('250m'), want: q(175n, -2) },
  { name: 'Mi and M add exactly', a: p('1Mi'), b: p('1M'), want: q(2048576n, 0, 'BinarySI') },
  { name: 'nano adds to exa exactly', a: p('1E'), b: p('1n'), want: q(1000000000000000000000000001n, -9) },
];

for (const c of sums)
  test(`add: ${c.name}`, () => {
    expect(add(c.a, c.b)).toEqual(c.want);
  });

const differences: SumCase[] = [
  // quantity_test.go TestSub
  { name: '10 - 1e1 is 0', a: q(1n, 1), b: q(1n, 1), want: q(0n, 0) },
  { name: 'the left format wins', a: q(1n, 1), b: q(1n, 0, 'BinarySI'), want: q(9n, 0) },
  { name: 'a zero left operand takes the right format', a: ZERO, b: q(5n, 1, 'BinarySI'), want: q(-5n, 1, 'BinarySI') },
  { name: 'subtracting zero changes nothing', a: q(5n, 1), b: ZERO, want: q(5n, 1) },
  // quantity_test.go TestSubMostNegativeCrossScale: 10 - (-2^63) = 2^63 + 10, with no int64 wrap.
  { name: 'past int64 there is no wrap', a: q(1n, 1), b: q(-(2n ** 63n), 0), want: q(2n ** 63n + 10n, 0) },
  { name: 'usage left under a quota', a: p('2'), b: p('1500m'), want: q(5n, -1) },
];

for (const c of differences)
  test(`sub: ${c.name}`, () => {
    expect(sub(c.a, c.b)).toEqual(c.want);
  });

interface ProductCase {
  name: string;
  a: Quantity;
  k: bigint | number;
  want: Quantity;
}

const products: ProductCase[] = [
  // quantity_test.go TestMul
  { name: '10 × 10 is 100', a: q(1n, 1), k: 10, want: q(1n, 2) },
  { name: 'the format is kept', a: q(1n, 1, 'BinarySI'), k: -1, want: q(-1n, 1, 'BinarySI') },
  { name: 'times zero is zero', a: q(5n, 1), k: 0, want: q(0n, 0) },
  { name: 'past int64 the product is exact', a: q(2n ** 63n - 1n, 0), k: 2n, want: q(2n ** 64n - 2n, 0) },
  // A Deployment's replicas times one Pod's request.
  { name: 'replicas times a request', a: p('250m'), k: 3, want: q(75n, -2) },
];

for (const c of products)
  test(`mul: ${c.name}`, () => {
    expect(mul(c.a, c.k)).toEqual(c.want);
  });

test('mul refuses a number that is not a safe integer', () => {
  expect(() => mul(p('1'), 1.5)).toThrow(RangeError);
  expect(() => mul(p('1'), 2 ** 53)).toThrow(RangeError);
});

interface CompareCase {
  name: string;
  a: string;
  b: string;
  want: number;
}

const comparisons: CompareCase[] = [
  // quantity_test.go TestQuantityCmp
  { name: 'zero equals zero', a: '0', b: '0', want: 0 },
  { name: '100m is more than 50m', a: '100m', b: '50m', want: 1 },
  { name: '50m is less than 100m', a: '50m', b: '100m', want: -1 },
  { name: '10000T is more than 100Gi', a: '10000T', b: '100Gi', want: 1 },
  { name: 'spellings of one value are equal', a: '1Gi', b: '1073741824', want: 0 },
  { name: 'the format does not count', a: '1e3', b: '1k', want: 0 },
  { name: 'negative is less than positive', a: '-1n', b: '1n', want: -1 },
  { name: 'the larger negative is less', a: '-2', b: '-1', want: -1 },
  { name: 'far apart values compare without aligning', a: '1e2147483647', b: '1n', want: 1 },
  { name: 'far apart negative values', a: '-1e2147483647', b: '-1n', want: -1 },
  { name: 'a long coefficient against a large exponent', a: '9'.repeat(60), b: '1e60', want: -1 },
];

for (const c of comparisons)
  test(`cmp: ${c.name}`, () => {
    expect(cmp(p(c.a), p(c.b))).toBe(c.want);
    expect(cmp(p(c.b), p(c.a))).toBe(c.want === 0 ? 0 : -c.want);
  });

test('isZero: a zero of any spelling is zero, 1n is not', () => {
  expect(['0', '0Ki', '-0.0', '0e5', 'Ki'].map((t) => isZero(p(t)))).toEqual([true, true, true, true, true]);
  expect(isZero(p('1n'))).toBe(false);
});

test('adding zero keeps the suffix either way round (quantity_test.go TestQuantityAddZeroPreservesSuffix)', () => {
  for (const text of ['100m', '1Gi']) {
    expect(formatQuantity(add(p(text), p('0')))).toBe(text);
    expect(formatQuantity(add(p('0'), p(text)))).toBe(text);
    expect(formatQuantity(sub(p('0'), p(text)))).toBe(`-${text}`);
  }
});

test('a sum that would need more than MAX_DIGITS digits is refused, not computed', () => {
  expect(() => add(p('1e2147483647'), p('1n'))).toThrow(
    expect.objectContaining({
      name: 'QuantityRangeError',
      message: expect.stringContaining('orders of magnitude apart'),
    }),
  );
  expect(() => add(p(`1e${MAX_DIGITS}`), p('1'))).toThrow(/more than 4096 significant digits/);
  expect(formatQuantity(add(p(`1e${MAX_DIGITS - 1}`), p('1')))).toBe(`1${'0'.repeat(MAX_DIGITS - 2)}1`);
});

test('a product past 1e2147483647 is refused', () => {
  expect(() => mul(p('1e2147483647'), 10)).toThrow(/larger than 1e2147483647/);
});
