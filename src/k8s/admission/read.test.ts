// LimitRanges and ResourceQuotas as admission reads them: SetDefaults_LimitRangeItem's defaults and
// ValidateLimitRange's messages (pkg/apis/core/validation/validation.go), each problem at its field path.
import { KubeknowError } from '../../errors';
import { formatQuantity } from '../quantity';
import { admissionObjectsOf } from './read';
import { clusterOf, limitRange, resourceQuota } from './testkit';

type Fields = Record<string, unknown>;

function problemsOf(...objects: Fields[]): string[] {
  try {
    admissionObjectsOf(clusterOf(...objects), 'shop');
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

const at = (kind: string, name: string) => `objects["${kind}/shop/${name}"]`;

const invalid: { name: string; objects: Fields[]; want: string[] }[] = [
  {
    name: 'min above max',
    objects: [limitRange('lr', { type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } })],
    // max 1 also becomes the default and default request, which are then below min.
    want: [
      `${at('LimitRange', 'lr')}.spec.limits[0].min["cpu"]: min value 2 is greater than max value 1`,
      `${at('LimitRange', 'lr')}.spec.limits[0].defaultRequest["cpu"]: min value 2 is greater than default request value 1`,
      `${at('LimitRange', 'lr')}.spec.limits[0].default["cpu"]: min value 2 is greater than default value 1`,
    ],
  },
  {
    name: 'a default request above the default limit',
    objects: [
      limitRange('lr', { type: 'Container', default: { memory: '256Mi' }, defaultRequest: { memory: '512Mi' } }),
    ],
    want: [
      `${at('LimitRange', 'lr')}.spec.limits[0].defaultRequest["memory"]: default request value 512Mi is greater than default limit value 256Mi`,
    ],
  },
  {
    name: 'a ratio below 1, and above max/min',
    objects: [
      limitRange(
        'lr',
        { type: 'Container', maxLimitRequestRatio: { cpu: '500m' } },
        { type: 'Pod', min: { cpu: '1' }, max: { cpu: '2' }, maxLimitRequestRatio: { cpu: '3' } },
      ),
    ],
    want: [
      `${at('LimitRange', 'lr')}.spec.limits[0].maxLimitRequestRatio["cpu"]: ratio 500m is less than 1`,
      `${at('LimitRange', 'lr')}.spec.limits[1].maxLimitRequestRatio["cpu"]: ratio 3 is greater than max/min = 2.000000`,
    ],
  },
  {
    name: 'defaults on a Pod item, a repeated type, a missing type',
    objects: [limitRange('lr', { type: 'Pod', default: { cpu: '1' } }, { type: 'Pod' }, { max: { cpu: '1' } })],
    want: [
      `${at('LimitRange', 'lr')}.spec.limits[0].default: may not be specified when \`type\` is 'Pod'`,
      `${at('LimitRange', 'lr')}.spec.limits[1].type: Duplicate value: "Pod"`,
      `${at('LimitRange', 'lr')}.spec.limits[2].type: Required value`,
    ],
  },
  {
    name: 'a quantity Kubernetes cannot read, and an unknown scope',
    objects: [resourceQuota('q', { pods: 'ten' }, { spec: { scopes: ['BestEfort'] } })],
    want: [
      `${at('ResourceQuota', 'q')}.spec.scopes[0]: Unsupported value: "BestEfort": supported values: "BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating". Did you mean "BestEffort"?`,
      `${at('ResourceQuota', 'q')}.spec.hard["pods"]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
  },
  {
    name: 'a scope selector In without values',
    objects: [
      resourceQuota(
        'q',
        { pods: '1' },
        { spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } } },
      ),
    ],
    want: [
      `${at('ResourceQuota', 'q')}.spec.scopeSelector.matchExpressions[0].values: Required value: must be at least one value when \`operator\` is 'In' or 'NotIn' for scope selector`,
    ],
  },
  {
    // ValidateScopedResourceSelectorRequirement, and the conflicting pairs of ValidateResourceQuotaSpec.
    name: 'an operator other than Exists on BestEffort, and conflicting scopes',
    objects: [
      resourceQuota(
        'q',
        { pods: '1' },
        {
          spec: {
            scopes: ['Terminating', 'NotTerminating'],
            scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'DoesNotExist' }] },
          },
        },
      ),
    ],
    want: [
      `${at('ResourceQuota', 'q')}.spec.scopes: conflicting scopes`,
      `${at('ResourceQuota', 'q')}.spec.scopeSelector.matchExpressions[0].operator: must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity`,
    ],
  },
  {
    name: 'a GPU default request below its default limit',
    objects: [
      limitRange('lr', {
        type: 'Container',
        default: { 'nvidia.com/gpu': '2' },
        defaultRequest: { 'nvidia.com/gpu': '1' },
      }),
    ],
    want: [
      `${at('LimitRange', 'lr')}.spec.limits[0].defaultRequest["nvidia.com/gpu"]: default value 2 must equal to defaultRequest value 1 in nvidia.com/gpu`,
    ],
  },
];

for (const c of invalid) test(c.name, () => expect(problemsOf(...c.objects)).toEqual(c.want));

test('SetDefaults_LimitRangeItem: max becomes the default limit, the default limit the default request, min a default request', () => {
  const { limitRanges } = admissionObjectsOf(
    clusterOf(limitRange('lr', { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } })),
    'shop',
  );
  const [item] = limitRanges[0].limits;
  const text = (m: ReadonlyMap<string, Parameters<typeof formatQuantity>[0]>) =>
    Object.fromEntries([...m].map(([k, q]) => [k, formatQuantity(q)]));
  expect(text(item.default)).toEqual({ cpu: '2' });
  expect(text(item.defaultRequest)).toEqual({ cpu: '2', memory: '64Mi' });
});

test('objects of other namespaces and kinds are not read', () => {
  const other = {
    ...limitRange('lr', { type: 'Container', min: { cpu: 'x' } }),
    metadata: { name: 'lr', namespace: 'dev' },
  };
  expect(
    problemsOf(other, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } }),
  ).toEqual([]);
});
