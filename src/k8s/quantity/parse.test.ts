// What ParseQuantity accepts and reads. Unless a row says otherwise, its expectation is a row of
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse, TestParseQuantityString,
// TestQuantityParseZero), rewritten as coefficient × 10^exponent.
import { parseQuantity, ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX, type Quantity } from '.';
import { q } from './testkit';

interface ParseCase {
  name: string;
  text: string;
  want: Quantity;
}

const MAX_INT64 = 2n ** 63n - 1n;

const cases: ParseCase[] = [
  { name: 'zero is DecimalSI', text: '0', want: q(0n, 0) },
  { name: 'a zero keeps its binary suffix as its format', text: '0Ki', want: q(0n, 0, 'BinarySI') },
  { name: 'a zero with a decimal suffix is DecimalSI', text: '0T', want: q(0n, 0) },
  { name: 'a plain number is DecimalSI', text: '9', want: q(9n, 0) },
  { name: 'Ki is 2^10', text: '1Ki', want: q(1024n, 0, 'BinarySI') },
  { name: 'Mi is 2^20', text: '7Mi', want: q(7n * 2n ** 20n, 0, 'BinarySI') },
  { name: 'Ei is 2^60', text: '3Ei', want: q(3n * 2n ** 60n, 0, 'BinarySI') },
  { name: 'n is 10^-9', text: '5n', want: q(5n, -9) },
  { name: 'u is 10^-6', text: '4u', want: q(4n, -6) },
  { name: 'm is 10^-3', text: '3m', want: q(3n, -3) },
  { name: 'k is 10^3', text: '50k', want: q(5n, 4) },
  { name: 'E alone is exa, not an exponent', text: '1E', want: q(1n, 18) },
  { name: 'e3 is a decimal exponent', text: '1e3', want: q(1n, 3, 'DecimalExponent') },
  { name: 'E-3 is a negative decimal exponent', text: '1E-3', want: q(1n, -3, 'DecimalExponent') },
  { name: 'an exponent takes a plus sign', text: '1.3E+6', want: q(13n, 5, 'DecimalExponent') },
  { name: 'a fraction with a suffix', text: '100.035k', want: q(100035n, 0) },
  { name: 'a fraction without a suffix', text: '0.5', want: q(5n, -1) },
  { name: 'trailing zeros of a fraction change nothing', text: '0.50000', want: q(5n, -1) },
  { name: 'a fraction of kilo', text: '0.0005k', want: q(5n, -1) },
  { name: 'a fraction with an exponent', text: '0.5e-2', want: q(5n, -3, 'DecimalExponent') },
  { name: 'below 1n rounds up to 1n', text: '0.0000000001', want: q(1n, -9) },
  { name: 'a fraction of nano rounds up', text: '3.001n', want: q(4n, -9) },
  { name: 'rounding up keeps the exponent format', text: '1.1E-9', want: q(2n, -9, 'DecimalExponent') },
  { name: 'rounding goes up, not to nearest', text: '0.00000012354', want: q(124n, -9) },
  { name: 'BinarySI is capped at 2^63 - 1', text: '9Ei', want: q(MAX_INT64, 0, 'BinarySI') },
  {
    name: 'the cap applies to a binary coefficient too',
    text: '9223372036854775807Ki',
    want: q(MAX_INT64, 0, 'BinarySI'),
  },
  // quantity.go's ParseQuantity: 8Ei is exactly 2^63, one past the cap.
  { name: '8Ei is one past the cap', text: '8Ei', want: q(MAX_INT64, 0, 'BinarySI') },
  { name: 'a decimal quantity is not capped', text: '12E', want: q(12n, 18) },
  // quantity.go's doc comment: "18446744073709551616" keeps its value.
  { name: 'past int64 a decimal keeps every digit', text: '18446744073709551616', want: q(18446744073709551616n, 0) },
  { name: 'a binary fraction', text: '100.035Ki', want: q(10243584n, -2, 'BinarySI') },
  { name: 'half a Mi is a whole number of bytes', text: '0.5Mi', want: q(524288n, 0, 'BinarySI') },
  { name: 'a binary value below 1 becomes DecimalSI', text: '0.000000000001Ki', want: q(2n, -9) },
  { name: 'a leading dot', text: '.001', want: q(1n, -3) },
  { name: 'a trailing dot', text: '1.', want: q(1n, 0) },
  { name: 'a trailing dot before a suffix', text: '1.G', want: q(1n, 9) },
  // 1.025 × 2^40 = 1126999418470.4
  { name: 'a minus sign negates', text: '-1.025Ti', want: q(-11269994184704n, -1, 'BinarySI') },
  { name: 'a plus sign is allowed', text: '+100m', want: q(1n, -1) },
  { name: 'a negative value below 1n rounds away from zero', text: '-0.9n', want: q(-1n, -9) },
  // parseQuantityString: with no digits the number is "0" (TestParseQuantityString: "." and "-.").
  { name: 'a lone dot is zero', text: '.', want: q(0n, 0) },
  { name: 'a lone sign is zero', text: '-', want: q(0n, 0) },
  { name: 'a suffix alone is zero in its format', text: 'Ki', want: q(0n, 0, 'BinarySI') },
  { name: 'leading zeros are skipped', text: '0001.5', want: q(15n, -1) },
  // suffix.go interpret: strconv.ParseInt skips leading zeros, and exponents up to 2^31 - 1 are kept.
  { name: 'an exponent with leading zeros', text: '1e0003', want: q(1n, 3, 'DecimalExponent') },
  { name: 'the largest exponent', text: '1e2147483647', want: q(1n, 2147483647, 'DecimalExponent') },
  { name: 'the smallest exponent rounds up to 1n', text: '5e-2147483647', want: q(1n, -9, 'DecimalExponent') },
];

for (const c of cases)
  test(c.name, () => {
    expect(parseQuantity(c.text)).toEqual(c.want);
  });

interface RejectCase {
  name: string;
  text: string;
  message: string;
}

const rejected: RejectCase[] = [
  { name: 'the empty text', text: '', message: ERR_FORMAT_WRONG },
  { name: 'two dots', text: '1.1.M', message: ERR_FORMAT_WRONG },
  { name: 'a sign inside the number', text: '1+1.0M', message: ERR_FORMAT_WRONG },
  { name: 'a letter outside the suffix alphabet', text: '0.1am', message: ERR_FORMAT_WRONG },
  { name: 'words', text: 'aoeu', message: ERR_FORMAT_WRONG },
  { name: 'leading whitespace', text: ' 1', message: ERR_FORMAT_WRONG },
  { name: 'trailing whitespace', text: '1 ', message: ERR_FORMAT_WRONG },
  { name: 'a lower-case binary suffix', text: '0.1mi', message: ERR_SUFFIX },
  { name: 'i alone', text: '1i', message: ERR_SUFFIX },
  { name: 'an exponent without digits', text: '-3.01e-', message: ERR_SUFFIX },
  // suffix.go: "e" alone is no suffix (only "E" is, exa).
  { name: 'e alone', text: '1e', message: ERR_SUFFIX },
  { name: 'two suffixes', text: '1kM', message: ERR_SUFFIX },
  { name: 'KI spelled with a capital I', text: '1KI', message: ERR_FORMAT_WRONG },
  // kubernetes/kubernetes#141203: an exponent past ±(2^31 - 1) is refused, not wrapped.
  { name: 'an exponent past int32', text: '1e2147483648', message: ERR_SUFFIX },
  { name: 'an exponent at -2^31', text: '1e-2147483648', message: ERR_SUFFIX },
  { name: 'an exponent past int64', text: '1e9223372036854775808', message: ERR_SUFFIX },
  // ParseQuantity's inf.Dec path (SetString needs a digit) is taken below nano and for Pi and Ei.
  { name: 'no digits below nano', text: '.e-10', message: ERR_NUMERIC },
  { name: 'no digits with Ei', text: 'Ei', message: ERR_NUMERIC },
  { name: 'no digits with Pi', text: '-Pi', message: ERR_NUMERIC },
];

for (const c of rejected)
  test(`refuses ${c.name} with ParseQuantity's message`, () => {
    expect(() => parseQuantity(c.text)).toThrow(expect.objectContaining({ name: 'QuantityError', message: c.message }));
  });

test('no digits with Ti still takes the fast path and is zero', () => {
  // 15 - 1 - ⌊40·3/10⌋ - 1 = 1 ≥ 0: ParseQuantity's int64 path, which needs no digit.
  expect(parseQuantity('Ti')).toEqual(q(0n, 0, 'BinarySI'));
});
