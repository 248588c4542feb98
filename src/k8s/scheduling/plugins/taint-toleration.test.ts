// TaintToleration: Filter on NoSchedule/NoExecute taints, Score on PreferNoSchedule ones, as
// taint_toleration_test.go checks them; the reason has named no taint since 1.35 (kubernetes#134740).
import { scheduleIn } from '../request';
import { filterWith, node, objects, pod, scoreWith, state } from '../testkit';
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

describe('a toleration with the taint’s key that does not match is named, with what differs', () => {
  const texts = (toleration: Record<string, string>) => {
    const c = objects(
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n1' },
        spec: { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] },
        status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { tolerations: [toleration], containers: [{ name: 'c', image: 'x' }] },
      },
    );
    const all = JSON.stringify(scheduleIn(c, {}));
    return {
      en: JSON.parse(`"${/n1 has the taint (?:[^"\\]|\\.)*/.exec(all)![0]}"`) as string,
      ko: JSON.parse(`"${/n1에 gpu(?:[^"\\]|\\.)*/.exec(all)![0]}"`) as string,
    };
  };

  test('a value that differs (gpu=yes against gpu=true)', () => {
    const t = texts({ key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule' });
    expect(t.en).toBe(
      'n1 has the taint gpu=true:NoSchedule and no toleration of the Pod matches it: the closest, {key: gpu, operator: Equal, value: "yes", effect: NoSchedule}, has its key but its value "yes" differs from the taint\'s "true" (give value "true", or operator Exists to match any value).',
    );
    expect(t.ko).toContain('가장 가까운 {key: gpu, operator: Equal, value: "yes", effect: NoSchedule}는 key는 같지만');
    expect(t.ko).toContain('모든 값과 맞도록 operator Exists를 쓴다');
  });

  test('an effect that differs', () => {
    const t = texts({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' });
    expect(t.en).toContain("has its key but its effect NoExecute is not the taint's NoSchedule");
    expect(t.ko).toContain('effect NoExecute가 테인트의 NoSchedule와 다르다');
  });

  test('no toleration with its key: the sentence as before', () => {
    expect(texts({ key: 'other', operator: 'Exists' }).en).toBe(
      'n1 has the taint gpu=true:NoSchedule and no toleration of the Pod matches it.',
    );
  });
});
