// Properties over generated quantity texts: printing and reading back is the identity, printing is
// idempotent, sub undoes add, cmp agrees with subtraction, and hostile texts (long digit runs, exponents
// at the int32 limits) are read, refused or bounded — never stalled on.
import fc from 'fast-check';
import {
  add,
  cmp,
  formatQuantity,
  milliValue,
  mul,
  parseQuantity,
  sub,
  value,
  QuantityError,
  QuantityRangeError,
  MAX_EXPONENT,
  type Quantity,
} from '.';

const SUFFIXES = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Texts ParseQuantity accepts: a signed decimal number with a suffix or a decimal exponent. */
const quantityText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    whole: fc.stringMatching(/^[0-9]{0,22}$/),
    fraction: fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
    suffix: fc.oneof(
      fc.constantFrom(...SUFFIXES),
      fc.integer({ min: -40, max: 40 }).map((e) => `e${e}`),
    ),
  })
  .filter((t) => t.whole.length + (t.fraction?.length ?? 0) > 0)
  .map((t) => `${t.sign}${t.whole}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.suffix}`);

const quantity = quantityText.map(parseQuantity);

const bigSign = (n: bigint): number => (n > 0n ? 1 : n < 0n ? -1 : 0);

test('reading back the printed text gives the same value, and printing it again the same text', () => {
  fc.assert(
    fc.property(quantity, (q) => {
      const text = formatQuantity(q);
      const again = parseQuantity(text);
      expect(cmp(again, q)).toBe(0);
      expect(formatQuantity(again)).toBe(text);
    }),
  );
});

// ParseQuantity caps a BinarySI magnitude at 2^63 - 1, so a binary sum past it does not read back.
const LIMIT = 2n ** 63n - 1n;
const readsBack = (q: Quantity): boolean => q.format !== 'BinarySI' || (value(q) < LIMIT && value(q) > -LIMIT);

test('sums print and read back too, below the BinarySI cap', () => {
  fc.assert(
    fc.property(quantity, quantity, (a, b) => {
      const s = add(a, b);
      fc.pre(readsBack(s));
      expect(cmp(parseQuantity(formatQuantity(s)), s)).toBe(0);
    }),
  );
});

test('sub undoes add, and add undoes sub', () => {
  fc.assert(
    fc.property(quantity, quantity, (a, b) => {
      expect(cmp(sub(add(a, b), b), a)).toBe(0);
      expect(cmp(add(sub(a, b), b), a)).toBe(0);
    }),
  );
});

test('cmp is the sign of the difference, antisymmetric, and reversed by negation', () => {
  fc.assert(
    fc.property(quantity, quantity, (a, b) => {
      const c = cmp(a, b);
      expect(c).toBe(bigSign(sub(a, b).coefficient));
      expect(cmp(b, a) + c).toBe(0);
      expect(cmp(mul(a, -1), mul(b, -1)) + c).toBe(0);
    }),
  );
});

test('value and milliValue are monotonic in the quantity', () => {
  fc.assert(
    fc.property(quantity, quantity, (a, b) => {
      fc.pre(cmp(a, b) <= 0);
      expect(value(a) <= value(b)).toBe(true);
      expect(milliValue(a) <= milliValue(b)).toBe(true);
    }),
  );
});

test('any text over the quantity alphabet is read or refused with a QuantityError', () => {
  const alphabet = fc.constantFrom(...'0123456789.+-eEinumkKMGTP x'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
      try {
        formatQuantity(parseQuantity(chars.join('')));
      } catch (e) {
        expect(e).toBeInstanceOf(QuantityError);
      }
    }),
  );
});

test('exponents anywhere in the int32 range are read, printed, compared and counted without building them', () => {
  const extreme = fc.record({
    digits: fc.stringMatching(/^[1-9][0-9]{0,30}$/),
    exponent: fc.integer({ min: -MAX_EXPONENT, max: MAX_EXPONENT }),
    negative: fc.boolean(),
  });
  fc.assert(
    fc.property(extreme, quantity, (x, other) => {
      const q = parseQuantity(`${x.negative ? '-' : ''}${x.digits}e${x.exponent}`);
      const text = formatQuantity(q);
      expect(cmp(parseQuantity(text), q)).toBe(0);
      expect(typeof value(q)).toBe('bigint');
      expect(typeof milliValue(q)).toBe('bigint');
      expect([-1, 0, 1]).toContain(cmp(q, other));
      try {
        add(q, other);
      } catch (e) {
        expect(e).toBeInstanceOf(QuantityRangeError);
      }
    }),
    { numRuns: 200 },
  );
});

interface HostileCase {
  name: string;
  text: string;
  want: string;
}

// Each is read in time linear (or nearly) in its length; a wrong algorithm would stall here.
const hostile: HostileCase[] = [
  { name: 'two hundred thousand digits', text: '9'.repeat(200_000), want: '9'.repeat(200_000) },
  { name: 'a value below 1n written with a hundred thousand zeros', text: `0.${'0'.repeat(100_000)}1`, want: '1n' },
  { name: 'an exponent written with a hundred thousand leading zeros', text: `1e${'0'.repeat(100_000)}6`, want: '1e6' },
  { name: 'the smallest exponent', text: '1e-2147483647', want: '1e-9' },
  // 1.333…Ki is 1365.333…, rounded up at nano, above 1024 and not whole: DecimalSI.
  { name: 'a long fraction of a binary suffix', text: `1.${'3'.repeat(50_000)}Ki`, want: '1365333333334n' },
];

for (const c of hostile)
  test(`hostile input is bounded: ${c.name}`, () => {
    const q = parseQuantity(c.text);
    expect(formatQuantity(q)).toBe(c.want);
    expect(cmp(parseQuantity(formatQuantity(q)), q)).toBe(0);
  });

test('a digit run that is not a quantity is refused at once', () => {
  expect(() => parseQuantity(`${'1'.repeat(500_000)}x`)).toThrow(QuantityError);
});
