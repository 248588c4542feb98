// Toleration matching (Toleration.ToleratesTaint in k8s.io/api/core/v1; the rules of
// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/).
import type { Taint, Toleration } from '../../objects';
import { tolerates, untoleratedTaint, doNotSchedule } from './taints';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

const cases: { name: string; toleration: Toleration; taint?: Taint; want: boolean }[] = [
  {
    name: 'Equal with the same key, value and effect tolerates',
    toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    want: true,
  },
  {
    name: 'Equal with another value does not',
    toleration: { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' },
    want: false,
  },
  {
    name: 'Exists ignores the value',
    toleration: { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
    want: true,
  },
  {
    name: 'an empty effect matches every effect',
    toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu' },
    want: true,
  },
  {
    name: 'another effect does not match',
    toleration: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
    want: false,
  },
  { name: 'an empty key with Exists tolerates every taint', toleration: { operator: 'Exists' }, want: true },
  {
    name: 'Equal without a value matches a taint without a value',
    toleration: { key: 'k', operator: 'Equal' },
    taint: { key: 'k', effect: 'NoSchedule' },
    want: true,
  },
];
for (const c of cases) test(c.name, () => expect(tolerates(c.toleration, c.taint ?? taint)).toBe(c.want));

test('the first untolerated NoSchedule or NoExecute taint is found; PreferNoSchedule never blocks', () => {
  const taints: Taint[] = [
    { key: 'a', effect: 'PreferNoSchedule' },
    { key: 'b', effect: 'NoSchedule' },
    { key: 'c', effect: 'NoExecute' },
  ];
  expect(untoleratedTaint(taints, [{ key: 'b', operator: 'Exists' }], doNotSchedule)).toEqual(taints[2]);
  expect(untoleratedTaint(taints, [{ operator: 'Exists' }], doNotSchedule)).toBeUndefined();
});
