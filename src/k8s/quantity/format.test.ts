// The canonical text Quantity.String() prints. Each row names its source: a row of
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go, or the rule of CanonicalizeBytes it shows.
import { formatQuantity, parseQuantity, type Quantity } from '.';
import { q } from './testkit';

interface FormatCase {
  name: string;
  in: string | Quantity;
  want: string;
}

const cases: FormatCase[] = [
  // TestQuantityParseEmit and TestQuantityString rows.
  { name: '1000m is 1', in: '1000m', want: '1' },
  { name: '1024Mi is 1Gi', in: '1024Mi', want: '1Gi' },
  { name: '1000M is 1G', in: '1000M', want: '1G' },
  { name: 'a thousandth of a Ki is 1024m', in: '.001Ki', want: '1024m' },
  { name: 'a trillionth of a Ki rounds up to 2n', in: '.000000000001Ki', want: '2n' },
  { name: '1.08 is 1080m', in: '1.08', want: '1080m' },
  { name: '1000u is 1m', in: '1000u', want: '1m' },
  { name: 'a DecimalExponent keeps its e', in: '1e3', want: '1e3' },
  { name: '.001e12 is 1e9', in: '.001e12', want: '1e9' },
  { name: '0.001e0 is 1e-3', in: '0.001e0', want: '1e-3' },
  { name: '1000e-12 is 1e-9', in: '1000e-12', want: '1e-9' },
  { name: '00 is 0', in: '00', want: '0' },
  { name: '307200Ki is 300Mi', in: '307200Ki', want: '300Mi' },
  { name: '0.001T is 1G', in: '0.001T', want: '1G' },
  { name: 'past E a DecimalSI falls back to e notation', in: '1000E', want: '1e21' },
  { name: '5000E is 5e21', in: '5000E', want: '5e21' },
  // The examples the task and quantity.go's doc comment give.
  { name: '0.5 is 500m', in: '0.5', want: '500m' },
  { name: '1.5 is 1500m', in: '1.5', want: '1500m' },
  { name: '1.5Gi is 1536Mi', in: '1.5Gi', want: '1536Mi' },
  { name: '1000 is 1k', in: '1000', want: '1k' },
  { name: '1024Ki is 1Mi', in: '1024Ki', want: '1Mi' },
  // CanonicalizeBytes: a BinarySI value between -1024 and 1024 prints as DecimalSI.
  { name: '0.1Ki is 102400m', in: '0.1Ki', want: '102400m' },
  { name: '1023Ki stays in Ki', in: '1023Ki', want: '1023Ki' },
  { name: 'a negative binary value', in: '-1.5Gi', want: '-1536Mi' },
  { name: 'a negative decimal value', in: '-0.5', want: '-500m' },
  { name: 'exactly -1024 bytes is -1Ki', in: q(-1024n, 0, 'BinarySI'), want: '-1Ki' },
  { name: 'a binary value under 1024 prints its bytes', in: q(1023n, 0, 'BinarySI'), want: '1023' },
  // CanonicalizeBytes: a BinarySI fraction above 1024 is not rounded; it prints as DecimalSI.
  { name: 'a binary value with a fraction above 1024', in: '1.0001Ki', want: '1024102400u' },
  { name: 'a tiny value rounds up to 1n', in: '0.1n', want: '1n' },
  { name: 'a tiny negative value rounds away from zero', in: '-0.1n', want: '-1n' },
  { name: 'an exponent not a multiple of 3 moves down to one', in: '1e4', want: '10e3' },
  { name: 'a large DecimalExponent', in: '1e2147483647', want: '10e2147483646' },
  { name: 'a value past int64 keeps every digit', in: '18446744073709551616', want: '18446744073709551616' },
  // The cap of ParseQuantity, printed: 2^63 - 1 has no factor of 1024.
  { name: '8Ei prints as 2^63 - 1', in: '8Ei', want: '9223372036854775807' },
  // amount.go AsCanonicalBase1024Bytes counts every factor of 1024; there is no suffix past Ei.
  { name: '1024Ei stays in Ei', in: q(2n ** 70n, 0, 'BinarySI'), want: '1024Ei' },
  { name: 'the zero of any format is 0', in: '0Mi', want: '0' },
];

for (const c of cases)
  test(c.name, () => {
    const quantity = typeof c.in === 'string' ? parseQuantity(c.in) : c.in;
    expect(formatQuantity(quantity)).toBe(c.want);
  });
