// TaintToleration: Filter on NoSchedule/NoExecute taints, Score on PreferNoSchedule ones, as
// taint_toleration_test.go checks them; the reason has named no taint since 1.35 (kubernetes#134740).
import { filterWith, node, pod, scoreWith, state } from '../testkit';
import { taintToleration } from './taint-toleration';

const taint = (key: string, effect: string, value?: string) => ({ key, effect, ...(value ? { value } : {}) });

test('a NoSchedule taint the Pod does not tolerate rejects the node; the explanation names the taint', () => {
  const s = state([node('cp', { taints: [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')] }), node('w')]);
  expect(filterWith(taintToleration, pod('p'), s)).toEqual({ cp: ['node(s) had untolerated taint(s)'], w: [] });
});

test('a NoExecute taint rejects too; a PreferNoSchedule one never does', () => {
  const s = state([
    node('a', { taints: [taint('k', 'NoExecute', 'v')] }),
    node('b', { taints: [taint('k', 'PreferNoSchedule')] }),
  ]);
  expect(filterWith(taintToleration, pod('p'), s)).toEqual({ a: ['node(s) had untolerated taint(s)'], b: [] });
});

test('a toleration with the same key, value and effect lets the Pod on', () => {
  const s = state([node('gpu', { taints: [taint('dedicated', 'NoSchedule', 'gpu')] })]);
  const p = pod('p', {
    spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
  });
  expect(filterWith(taintToleration, p, s)).toEqual({ gpu: [] });
});

test('score: fewer untolerated PreferNoSchedule taints score higher, reversed and normalized to 0–100', () => {
  const s = state([
    node('none'),
    node('one', { taints: [taint('a', 'PreferNoSchedule')] }),
    node('two', { taints: [taint('a', 'PreferNoSchedule'), taint('b', 'PreferNoSchedule')] }),
  ]);
  expect(scoreWith(taintToleration, pod('p'), s)).toEqual({ none: 100, one: 50, two: 0 });
});

test('score: a tolerated PreferNoSchedule taint does not count (tolerations without an effect count too)', () => {
  const s = state([
    node('a', { taints: [taint('a', 'PreferNoSchedule')] }),
    node('b', { taints: [taint('b', 'PreferNoSchedule')] }),
  ]);
  const p = pod('p', { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } });
  expect(scoreWith(taintToleration, p, s)).toEqual({ a: 100, b: 0 });
});
