// NodeAffinity: nodeSelector and required terms filter, preferred terms score (node_affinity_test.go's
// behaviours: PreFilter skips without rules, narrows to matchFields names, reports conflicting names).
import { filterWith, node, pod, scoreWith, state } from '../testkit';
import { nodeAffinity } from './node-affinity';

const required = (...terms: unknown[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
const MISMATCH = "node(s) didn't match Pod's node affinity/selector";
const nodes = () =>
  state([
    node('a', { zone: 'zone-a', labels: { disktype: 'ssd' } }),
    node('b', { zone: 'zone-b' }),
    node('c', { zone: 'zone-c', labels: { disktype: 'ssd' } }),
  ]);

const cases: { name: string; spec: Record<string, unknown>; want: unknown }[] = [
  { name: 'no nodeSelector and no required affinity: PreFilter skips', spec: {}, want: 'skip' },
  {
    name: 'nodeSelector needs every label',
    spec: { nodeSelector: { disktype: 'ssd', 'topology.kubernetes.io/zone': 'zone-c' } },
    want: { a: [MISMATCH], b: [MISMATCH], c: [] },
  },
  {
    name: 'terms are ORed',
    spec: required(
      { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-a'])] },
      { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-b'])] },
    ),
    want: { a: [], b: [], c: [MISMATCH] },
  },
  {
    name: 'NotIn and DoesNotExist keep a Pod away',
    spec: required({
      matchExpressions: [expr('topology.kubernetes.io/zone', 'NotIn', ['zone-a']), expr('disktype', 'DoesNotExist')],
    }),
    want: { a: [MISMATCH], b: [], c: [MISMATCH] },
  },
  {
    name: 'nodeSelector and required affinity both apply',
    spec: {
      nodeSelector: { disktype: 'ssd' },
      ...required({ matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-b', 'zone-c'])] }),
    },
    want: { a: [MISMATCH], b: [MISMATCH], c: [] },
  },
  {
    name: 'matchFields metadata.name narrows the search to those nodes',
    spec: required({ matchFields: [expr('metadata.name', 'In', ['b'])] }),
    want: { b: [] },
  },
  {
    name: 'matchFields names that exclude each other leave no node: "pod affinity terms conflict"',
    spec: required({ matchFields: [expr('metadata.name', 'In', ['a']), expr('metadata.name', 'In', ['b'])] }),
    want: { preFilter: ['pod affinity terms conflict'] },
  },
];
for (const c of cases)
  test(c.name, () => expect(filterWith(nodeAffinity, pod('p', { spec: c.spec }), nodes())).toEqual(c.want));

test('score: the sum of the weights of matching preferences, normalized to the best node', () => {
  const p = pod('p', {
    spec: {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [expr('disktype', 'In', ['ssd'])] } },
            { weight: 20, preference: { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-a'])] } },
          ],
        },
      },
    },
  });
  // a: 100, b: 0, c: 80 → normalized by the maximum (100).
  expect(scoreWith(nodeAffinity, p, nodes())).toEqual({ a: 100, b: 0, c: 80 });
});

test('score: no preferences, no NodeAffinity score', () =>
  expect(scoreWith(nodeAffinity, pod('p'), nodes())).toBeNull());
