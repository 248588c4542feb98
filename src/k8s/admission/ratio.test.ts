// maxLimitRequestRatio as admission.go decides (exceedsAllowed) and prints it (ratioString): exact, six
// decimals rounded half to even, and `e` notation once the quotient's exponent passes ±40
// (admission_overflow_test.go's cases of extreme quantities).
import { parseQuantity } from '../quantity';
import { exceedsAllowed, ratioString } from './ratio';

const p = parseQuantity;

const strings: [limit: string, request: string, want: string][] = [
  ['250Mi', '100Mi', '2.500000'],
  ['1', '3', '0.333333'],
  ['2', '3', '0.666667'],
  // 0.0000005 is exactly half a millionth: half to even keeps 0.000000, 0.0000015 rounds to 0.000002.
  ['1', '2000000', '0.000000'],
  ['3', '2000000', '0.000002'],
  ['1Gi', '1Mi', '1024.000000'],
  ['-4', '2', '2.000000'],
  ['1e50', '1', '1.000000e50'],
  ['1', '3e45', '3.333333e-46'],
  ['9999999e44', '1', '9.999999e50'],
  ['999999999e43', '1', '1.000000e52'], // 9.99999999 rounds to ten: the carry raises the exponent
];

for (const [limit, request, want] of strings)
  test(`${limit} / ${request} prints as ${want}`, () => expect(ratioString(p(limit), p(request))).toBe(want));

const decisions: [limit: string, request: string, ratio: string, want: boolean][] = [
  ['250Mi', '100Mi', '2', true],
  ['200Mi', '100Mi', '2', false],
  ['201m', '100m', '2', true],
  ['1500m', '1', '1500m', false],
  ['1e40', '1n', '1e48', true],
  ['-3', '1', '2', true],
];

for (const [limit, request, ratio, want] of decisions)
  test(`${limit} over ${request} ${want ? 'exceeds' : 'is within'} ${ratio}`, () =>
    expect(exceedsAllowed(p(limit), p(request), p(ratio))).toBe(want));
