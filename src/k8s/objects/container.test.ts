// Resource lists (requests, limits, a Node's allocatable) as the API server reads them: each entry a
// quantity ParseQuantity accepts (after Quantity.UnmarshalJSON trims white space), refused with its
// message at the entry's path; the parsed quantities stay reachable through quantitiesOf.
import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX, formatQuantity, parseQuantity } from '../quantity';
import { deepFreeze } from '../testing/builders';
import { parseObjects, quantitiesOf, type Pod } from './index';

const podWith = (resources: unknown) =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'app', image: 'nginx', resources }] },
  });

const podOf = (resources: unknown): Pod => parseObjects([podWith(resources)]).pods[0];

function problemsOf(resources: unknown): string[] {
  try {
    parseObjects([podWith(resources)]);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

const LIMITS = 'objects[0].spec.containers[0].resources.limits';

interface ReadCase {
  name: string;
  limits: Record<string, unknown>;
  want: Record<string, string>;
}

const read: ReadCase[] = [
  {
    name: 'quantities are kept as written',
    limits: { cpu: '1.5', memory: '1536Mi' },
    want: { cpu: '1.5', memory: '1536Mi' },
  },
  {
    name: 'a YAML number is the quantity it spells',
    limits: { cpu: 2, memory: 0.5 },
    want: { cpu: '2', memory: '0.5' },
  },
  // Quantity.UnmarshalJSON: strings.TrimSpace(value) before ParseQuantity (quantity_test.go TestJSONWhitespace).
  {
    name: 'white space around a quantity is trimmed',
    limits: { cpu: ' 100m\t', memory: '\u00a064Mi' },
    want: { cpu: '100m', memory: '64Mi' },
  },
];

for (const c of read)
  test(c.name, () => {
    expect(podOf({ limits: c.limits }).spec.containers[0].resources.limits).toEqual(c.want);
  });

interface RefuseCase {
  name: string;
  limits: Record<string, unknown>;
  want: string[];
}

const refused: RefuseCase[] = [
  { name: 'a unit with a space', limits: { memory: '1 GB' }, want: [`${LIMITS}["memory"]: ${ERR_FORMAT_WRONG}`] },
  { name: 'two suffixes', limits: { memory: '1kM' }, want: [`${LIMITS}["memory"]: ${ERR_SUFFIX}`] },
  { name: 'an exponent past int32', limits: { cpu: '1e2147483648' }, want: [`${LIMITS}["cpu"]: ${ERR_SUFFIX}`] },
  { name: 'a suffix with no number', limits: { memory: 'Ei' }, want: [`${LIMITS}["memory"]: ${ERR_NUMERIC}`] },
  // Go's unicode.IsSpace does not count U+FEFF, so TrimSpace leaves it and ParseQuantity refuses it.
  {
    name: 'a byte-order mark is not white space',
    limits: { cpu: '\ufeff1' },
    want: [`${LIMITS}["cpu"]: ${ERR_FORMAT_WRONG}`],
  },
  {
    name: 'every bad entry is reported, each at its own key',
    limits: { cpu: 'lots', memory: '1Gi', 'example.com/gpu': '1x' },
    want: [`${LIMITS}["cpu"]: ${ERR_FORMAT_WRONG}`, `${LIMITS}["example.com/gpu"]: ${ERR_FORMAT_WRONG}`],
  },
];

for (const c of refused)
  test(`refuses ${c.name}`, () => {
    expect(problemsOf({ limits: c.limits })).toEqual(c.want);
  });

test('quantitiesOf gives the quantities resourceList read, the same map each time', () => {
  const requests = podOf({ requests: { cpu: '250m', memory: '1.5Gi' } }).spec.containers[0].resources.requests;
  const quantities = quantitiesOf(requests);
  expect(quantitiesOf(requests)).toBe(quantities);
  expect([...quantities].map(([name, q]) => `${name}=${formatQuantity(q)}`)).toEqual(['cpu=250m', 'memory=1536Mi']);
});

test('quantitiesOf reads a list built by hand, and refuses an unparsable one', () => {
  expect(quantitiesOf({ cpu: '2' }).get('cpu')).toEqual(parseQuantity('2'));
  expect(() => quantitiesOf({ cpu: 'two' })).toThrow(ERR_FORMAT_WRONG);
});

test('a Node allocatable list is read the same way', () => {
  const node = parseObjects([
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { allocatable: { cpu: '4', pods: 110 } } },
  ]).nodes[0];
  expect([...quantitiesOf(node.status.allocatable).values()].map(formatQuantity)).toEqual(['4', '110']);
});

// Any subset of entries, good and bad, in any order: exactly the bad keys are reported, and every good
// entry is kept with the quantity parseQuantity reads from it.
test('random resource lists: bad entries are reported at their keys, good ones kept and parsed', () => {
  const entry = fc.oneof(
    fc.constantFrom('100m', '1Gi', '0.5', '1e3', ' 2 ', 7, 0.25, '-1'),
    fc.constantFrom('1 GB', 'lots', '1kM', 'Ei', '', '1e99999999999'),
  );
  const names = fc.uniqueArray(fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'example.com/gpu', 'pods'), {
    maxLength: 5,
  });
  fc.assert(
    fc.property(names, fc.array(entry, { minLength: 5, maxLength: 5 }), (keys, values) => {
      const limits = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
      const good = keys.filter((k) => {
        try {
          parseQuantity(String(limits[k]).trim());
          return true;
        } catch {
          return false;
        }
      });
      const problems = problemsOf({ limits });
      expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(
        keys.filter((k) => !good.includes(k)).map((k) => `${LIMITS}["${k}"]`),
      );
      if (problems.length) return;
      const parsed = quantitiesOf(podOf({ limits }).spec.containers[0].resources.limits);
      for (const k of good) expect(parsed.get(k)).toEqual(parseQuantity(String(limits[k]).trim()));
    }),
  );
});

// ValidateEnv and ValidateEnvFrom (pkg/apis/core/validation/validation.go) with IsRelaxedEnvVarName
// (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go), the rule since
// RelaxedEnvironmentVariableValidation went GA (1.34): printable ASCII other than '='.
const ENV = 'objects[0].spec.containers[0].env';
const RELAXED = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function envProblems(fields: Record<string, unknown>): string[] {
  try {
    parseObjects([
      deepFreeze({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'app', image: 'nginx', ...fields }] },
      }),
    ]);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

const envCases: { name: string; fields: Record<string, unknown>; want: string[] }[] = [
  {
    name: 'names of printable ASCII other than = are accepted: dots, dashes, spaces, a leading digit',
    fields: {
      env: [{ name: 'my.env-name', value: 'x' }, { name: '1 A~', value: '' }, { name: 'B' }],
      envFrom: [{ prefix: 'P.', configMapRef: { name: 'c' } }],
    },
    want: [],
  },
  {
    name: 'a name with a newline is refused (it would start a line of its own in the environment)',
    fields: { env: [{ name: 'A\nB', value: 'x' }] },
    want: [`FIELD_INVALID ${ENV}[0].name: ${RELAXED}`],
  },
  {
    name: "a name with '=' is refused (the runtime splits NAME=value at the first '=')",
    fields: { env: [{ name: 'X=Y', value: 'q' }] },
    want: [`FIELD_INVALID ${ENV}[0].name: ${RELAXED}`],
  },
  {
    name: 'a name outside ASCII is refused once, however many such characters',
    fields: { env: [{ name: 'ÄÖ\u0000', value: 'q' }] },
    want: [`FIELD_INVALID ${ENV}[0].name: ${RELAXED}`],
  },
  {
    name: 'an empty or missing name is Required (ValidateEnv checks len(ev.Name) == 0 first)',
    fields: { env: [{ name: '', value: 'x' }, { value: 'y' }] },
    want: [`FIELD_REQUIRED ${ENV}[0].name: Required value`, `FIELD_REQUIRED ${ENV}[1].name: Required value`],
  },
  {
    name: 'a number where the value string goes is refused at its path, not read as ""',
    fields: { env: [{ name: 'N', value: 1 }] },
    want: [
      `FIELD_INVALID ${ENV}[0].value: must be a string, not a number: the API server refuses the object (cannot unmarshal number into Go struct field EnvVar.value of type string); quote it: "1"`,
    ],
  },
  {
    name: 'a value may hold any text, newlines included (only names are restricted)',
    fields: { env: [{ name: 'V', value: 'x\nLD_PRELOAD=/tmp/evil.so' }] },
    want: [],
  },
  {
    name: 'an envFrom prefix is checked as a name',
    fields: {
      envFrom: [
        { prefix: 'A=', configMapRef: { name: 'c' } },
        { prefix: '', secretRef: { name: 's' } },
      ],
    },
    want: [`FIELD_INVALID objects[0].spec.containers[0].envFrom[0].prefix: ${RELAXED}`],
  },
];

for (const c of envCases)
  test(c.name, () => {
    expect(envProblems(c.fields)).toEqual(c.want);
  });
