// A Pod's effective request, as resourcehelper.PodRequests computes it. Expected values follow the
// formula of KEP-753 (sidecar containers) and the example in noderesources/fit.go's
// computePodResourceRequest comment (init 2 cpu/3G beside app containers 3 cpu/2G gives 3 cpu/3G).
import fc from 'fast-check';
import { deepFreeze } from '../../testing/builders';
import { objects } from '../testkit';
import { milliValue, parseQuantity, value } from '../../quantity';
import { mulDiv, podResources } from './resources';
import { plainUnits } from './units';

type C = { name: string; cpu?: string; memory?: string; sidecar?: boolean };

function podOf(containers: C[], init: C[] = [], extra: Record<string, unknown> = {}) {
  const c = (x: C) => ({
    name: x.name,
    image: 'busybox',
    resources: { requests: { ...(x.cpu ? { cpu: x.cpu } : {}), ...(x.memory ? { memory: x.memory } : {}) } },
    ...(x.sidecar ? { restartPolicy: 'Always' } : {}),
  });
  return objects({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: containers.map(c), initContainers: init.map(c), ...extra },
  }).pods[0];
}

const GiB = 1024 ** 3;

const cases: {
  name: string;
  pod: ReturnType<typeof podOf>;
  cpu: number;
  memory: number;
  nonZeroCpu: number;
  nonZeroMemory: number;
}[] = [
  {
    name: 'app containers run together: their requests add up',
    pod: podOf([
      { name: 'a', cpu: '250m', memory: '1Gi' },
      { name: 'b', cpu: '500m', memory: '1Gi' },
    ]),
    cpu: 750,
    memory: 2 * GiB,
    nonZeroCpu: 750,
    nonZeroMemory: 2 * GiB,
  },
  {
    name: 'init containers run one at a time: the largest counts when it exceeds the app containers (fit.go example)',
    pod: podOf(
      [
        { name: 'c1', cpu: '2', memory: '1G' },
        { name: 'c2', cpu: '1', memory: '1G' },
      ],
      [
        { name: 'ic1', cpu: '2', memory: '1G' },
        { name: 'ic2', cpu: '2', memory: '3G' },
      ],
    ),
    cpu: 3000,
    memory: 3e9,
    nonZeroCpu: 3000,
    nonZeroMemory: 3e9,
  },
  {
    name: 'a sidecar runs with the app containers and beside every init container started after it',
    pod: podOf(
      [{ name: 'app', cpu: '1' }],
      [
        { name: 'setup', cpu: '1500m' },
        { name: 'proxy', cpu: '500m', sidecar: true },
        { name: 'migrate', cpu: '1200m' },
      ],
    ),
    // app + proxy = 1.5; setup alone = 1.5; migrate + proxy = 1.7 → 1.7
    cpu: 1700,
    memory: 0,
    nonZeroCpu: 1700,
    // Scoring counts 200Mi for each container without a memory request: app + proxy = 400Mi, migrate + proxy = 400Mi.
    nonZeroMemory: 2 * 200 * 1024 * 1024,
  },
  {
    name: 'overhead adds to the whole, after the max',
    pod: podOf([{ name: 'app', cpu: '100m', memory: '64Mi' }], [], { overhead: { cpu: '250m', memory: '120Mi' } }),
    cpu: 350,
    memory: 184 * 1024 * 1024,
    nonZeroCpu: 350,
    nonZeroMemory: 184 * 1024 * 1024,
  },
  {
    name: 'pod-level requests replace the containers’ sum for cpu and memory',
    pod: podOf(
      [
        { name: 'a', cpu: '100m' },
        { name: 'b', cpu: '100m' },
      ],
      [],
      { resources: { requests: { cpu: '1', memory: '2Gi' } } },
    ),
    cpu: 1000,
    memory: 2 * GiB,
    nonZeroCpu: 1000,
    nonZeroMemory: 2 * GiB,
  },
  {
    name: 'a best-effort Pod requests nothing, but scoring counts 100m and 200Mi per container',
    pod: podOf([{ name: 'a' }, { name: 'b' }]),
    cpu: 0,
    memory: 0,
    nonZeroCpu: 200,
    nonZeroMemory: 400 * 1024 * 1024,
  },
  {
    name: 'quantities add exactly before rounding up: two 0.5m requests make 1m, not 2m',
    pod: podOf([
      { name: 'a', cpu: '0.5m' },
      { name: 'b', cpu: '0.5m' },
    ]),
    cpu: 1,
    memory: 0,
    nonZeroCpu: 1,
    nonZeroMemory: 400 * 1024 * 1024,
  },
];

for (const c of cases)
  test(c.name, () => {
    const r = podResources(deepFreeze(c.pod));
    expect([r.requests.milliCPU, r.requests.memory, r.nonZero.milliCPU, r.nonZero.memory]).toEqual([
      c.cpu,
      c.memory,
      c.nonZeroCpu,
      c.nonZeroMemory,
    ]);
  });

test('limits without requests become the requests (SetDefaults_Pod)', () => {
  const p = objects({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', image: 'busybox', resources: { limits: { cpu: '2', 'nvidia.com/gpu': '1' } } }] },
  }).pods[0];
  const r = podResources(p).requests;
  expect([r.milliCPU, r.scalar.get('nvidia.com/gpu')]).toEqual([2000, 1]);
});

test.each([
  [7, 100, 10, 70],
  [1, 100, 3, 33],
  [29, 100, 100, 29], // 29/100*100 in floats is 28.999…; integer division gives 29, as Go does
  [0, 100, 5, 0],
])('mulDiv(%i, %i, %i) is floor(a×b/c): %i', (a, b, c, want) => expect(mulDiv(a, b, c)).toBe(want));

test('amounts that are not whole units add exactly too: two 1.5-byte memory requests make 3 bytes, not 4', () => {
  const r = podResources(
    podOf([
      { name: 'a', cpu: '1', memory: '1.5' },
      { name: 'b', cpu: '1', memory: '1.5' },
    ]),
  );
  expect([r.requests.milliCPU, r.requests.memory]).toEqual([2000, 3]);
});

test('a Pod of whole amounts and one of fractional amounts sum the same way when their totals agree', () => {
  const whole = podResources(podOf([{ name: 'a', cpu: '1500m' }])).requests.milliCPU;
  const fractional = podResources(
    podOf([
      { name: 'a', cpu: '1499.5m' },
      { name: 'b', cpu: '0.5m' },
    ]),
  ).requests.milliCPU;
  expect([whole, fractional]).toEqual([1500, 1500]);
});

// Pods of app containers only are added up on their own path; with an init container that requests zero
// they take the general one. That init container never changes the answer (it runs alone, needing nothing).
test('property: the app-containers-only sum equals the general computation, for whole and fractional amounts', () => {
  const amount = (values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
  const containerArb = fc.record({
    cpu: amount(['0', '1', '250m', '0.5m', '1.5', '3e-4', '9007199254740991m']),
    memory: amount(['0', '64Mi', '1.5', '1G', '1e3', '0.1Ki']),
  });
  fc.assert(
    fc.property(fc.array(containerArb, { minLength: 1, maxLength: 4 }), (cs) => {
      const containers = cs.map((c, i) => ({ name: `c${i}`, ...c }));
      const view = (p: ReturnType<typeof podOf>) => {
        const r = podResources(p);
        return [r.requests.milliCPU, r.requests.memory, r.nonZero.milliCPU, r.nonZero.memory];
      };
      const zeroInit = [{ name: 'init', cpu: '0', memory: '0' }];
      expect(view(podOf(containers))).toEqual(view(podOf(containers, zeroInit)));
    }),
  );
});

// plainUnits reads requests from their text without the quantity arithmetic; wherever it answers, the
// answer must be the exact path's (MilliValue for cpu, Value else), and it must leave other spellings to it.
test('a request read from its plain text is what the exact quantity arithmetic gives', () => {
  // The known suffixes, others, and spellings next to the known ones (read by character codes, refused too).
  const known = ['', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'e3', 'x'];
  const suffixes = [...known, 'K', 'ki', 'mi', 'Gii', 'KiB', 'i'];
  fc.assert(
    fc.property(
      fc.constantFrom('cpu', 'memory', 'example.com/gpu'),
      fc.stringMatching(/^[0-9]{1,18}$/),
      fc.constantFrom(...suffixes),
      (name, digits, suffix) => {
        const text = `${digits}${suffix}`;
        const got = plainUnits(name, text);
        let q;
        try {
          q = parseQuantity(text);
        } catch {
          expect(got).toBeUndefined();
          return;
        }
        const exact = name === 'cpu' ? milliValue(q) : value(q);
        if (got !== undefined) expect(BigInt(got)).toBe(exact);
        // A whole amount of one to fifteen digits in a known suffix is never left to the exact path.
        else if (digits.length <= 15 && ['', 'k', 'M', 'Ki', 'Mi', 'Gi'].includes(suffix))
          expect(Number.isSafeInteger(Number(exact))).toBe(false);
      },
    ),
    { numRuns: 2000 },
  );
});

test('signs, fractions and exponents are left to the exact path', () => {
  for (const text of ['+1', '-1', '0.5', '1e3', '1.5Gi', ' 1', '']) expect(plainUnits('memory', text)).toBeUndefined();
  expect(plainUnits('memory', '500m')).toBeUndefined();
  expect(plainUnits('cpu', '500m')).toBe(500);
  expect(plainUnits('cpu', '2')).toBe(2000);
  expect(plainUnits('memory', '128Mi')).toBe(128 * 1024 * 1024);
});
