// Value, MilliValue and the kubelet's resourceFieldRef division. Rows marked quantity_test.go restate
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestScaledValue, TestNewSet, TestMilliNewSet);
// rows on rounding and saturation follow scale_int.go's scaledValue and amount.go's negativeScaleInt64.
import { milliValue, parseQuantity, resourceFieldRefValue, value } from '.';

const p = parseQuantity;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

interface ScaleCase {
  name: string;
  text: string;
  value: bigint;
  milli: bigint;
}

const cases: ScaleCase[] = [
  { name: '1 is 1 and 1000 milli (quantity_test.go TestScaledValue)', text: '1', value: 1n, milli: 1000n },
  { name: '1n rounds up to 1 and to 1 milli (TestScaledValue)', text: '1n', value: 1n, milli: 1n },
  { name: '1m is 1 milli, and 1 when rounded up (TestScaledValue)', text: '1m', value: 1n, milli: 1n },
  { name: '1Mi is 1048576 (TestNewSet)', text: '1Mi', value: 1048576n, milli: 1048576000n },
  { name: '1.5 rounds up to 2', text: '1.5', value: 2n, milli: 1500n },
  { name: '-1.5 rounds away from zero to -2', text: '-1.5', value: -2n, milli: -1500n },
  { name: '-0.1n rounds away from zero', text: '-0.1n', value: -1n, milli: -1n },
  { name: '250m is 250 milli', text: '250m', value: 1n, milli: 250n },
  { name: 'zero is zero', text: '0Ki', value: 0n, milli: 0n },
  { name: 'int64 max is kept', text: '9223372036854775807', value: INT64_MAX, milli: INT64_MAX },
  { name: 'past int64 saturates', text: '1e19', value: INT64_MAX, milli: INT64_MAX },
  {
    name: 'a huge exponent saturates without building the number',
    text: '1e2147483647',
    value: INT64_MAX,
    milli: INT64_MAX,
  },
  { name: 'a huge negative saturates at the other rail', text: '-1e2147483647', value: INT64_MIN, milli: INT64_MIN },
  {
    name: 'milli saturates before the value does',
    text: '9223372036854776',
    value: 9223372036854776n,
    milli: INT64_MAX,
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(value(p(c.text))).toBe(c.value);
    expect(milliValue(p(c.text))).toBe(c.milli);
  });

interface FieldRefCase {
  name: string;
  resource: string;
  quantity: string;
  divisor: string;
  want: string;
}

// pkg/api/v1/resource/helpers.go: convertResourceCPUToString divides MilliValues, the others Values,
// in float64, and take the ceiling; a zero divisor is "1" (ExtractContainerResourceValue).
const fieldRefs: FieldRefCase[] = [
  { name: 'limits.cpu 250m with divisor 1m is 250', resource: 'cpu', quantity: '250m', divisor: '1m', want: '250' },
  { name: 'limits.cpu 250m with divisor 1 rounds up to 1', resource: 'cpu', quantity: '250m', divisor: '1', want: '1' },
  { name: 'limits.cpu 1250m with no divisor is 2', resource: 'cpu', quantity: '1250m', divisor: '0', want: '2' },
  { name: 'memory 64Mi with divisor 1Mi is 64', resource: 'memory', quantity: '64Mi', divisor: '1Mi', want: '64' },
  { name: 'memory 1G with divisor 1Mi rounds up', resource: 'memory', quantity: '1G', divisor: '1Mi', want: '954' },
  { name: 'memory with no divisor is bytes', resource: 'memory', quantity: '128Mi', divisor: '0', want: '134217728' },
  { name: 'memory divides by Value, so 1m counts as 1', resource: 'memory', quantity: '5', divisor: '1m', want: '5' },
  { name: 'hugepages divide like memory', resource: 'hugepages-2Mi', quantity: '4Mi', divisor: '1Mi', want: '4' },
  // float64 holds 2^53 + 1 as 2^53: the kubelet reports 9007199254740992 (kubernetes/kubernetes#142265).
  {
    name: 'above 2^53 the answer is float64s',
    resource: 'memory',
    quantity: '9007199254740993',
    divisor: '1',
    want: '9007199254740992',
  },
  // 2^63 - 1 becomes 2^63 in float64, which int64() cannot hold: amd64 gives the most negative int64.
  {
    name: 'a saturated value overflows int64 as on amd64',
    resource: 'memory',
    quantity: '1e30',
    divisor: '1',
    want: '-9223372036854775808',
  },
];

for (const c of fieldRefs)
  test(`resourceFieldRef: ${c.name}`, () => {
    expect(resourceFieldRefValue(c.resource, p(c.quantity), p(c.divisor))).toBe(c.want);
  });
