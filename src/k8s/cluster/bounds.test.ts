// The dry-run refuses, before the controllers make anything, what would be too many Pods or placements
// (issue 10's hostile review: 20 million replicas in 400 bytes, a thousand DaemonSets on a thousand Nodes).
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { DRY_RUN_BOUNDS, plannedPods } from './bounds';
import { daemonSet, deployment } from './testkit';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e instanceof KubeknowError ? { code: e.code, message: e.message } : e;
  }
  return 'answered';
};

const cases: { name: string; objects: unknown[]; nodes?: number; want: RegExp | 'answered' }[] = [
  {
    name: 'a Deployment of 20 million replicas',
    objects: [deployment('web', 20_000_000)],
    want: /would make 20000000 Pods/,
  },
  {
    name: 'a Job of a million in parallel',
    objects: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {
          parallelism: 1_000_000,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
        },
      },
    ],
    want: /would make 1000000 Pods/,
  },
  {
    name: 'six DaemonSets on a thousand Nodes',
    objects: Array.from({ length: 6 }, (_, i) => daemonSet(`agent-${i}`)),
    nodes: 1000,
    want: /would make 6000 Pods/,
  },
  {
    name: '600 replicas on a thousand Nodes, each through the scheduler profile',
    objects: [deployment('web', 600)],
    nodes: 1000,
    want: /placing 600 Pods on 1000 Nodes/,
  },
  { name: 'the bound itself', objects: [deployment('web', DRY_RUN_BOUNDS.maxPods)], nodes: 1, want: 'answered' },
];

for (const c of cases)
  test(c.name, () => {
    const got = refusal(() => clusterApply(deepFreeze(c.objects), c.nodes ? { nodes: c.nodes } : {}));
    if (c.want === 'answered') expect(got).toBe('answered');
    else expect(got).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(c.want) });
  });

test('planned Pods are read from the specs as sent, Lists included, defaults where a field is missing', () => {
  const list = { kind: 'List', items: [{ kind: 'Deployment', spec: {} }, { kind: 'Pod' }, { kind: 'Service' }] };
  expect(plannedPods([list, { kind: 'StatefulSet', spec: { replicas: 4 } }, { kind: 'DaemonSet' }, null], 3)).toBe(
    1 + 1 + 4 + 3,
  );
  expect(
    plannedPods(
      [
        { kind: 'Deployment', spec: { replicas: -5 } },
        { kind: 'Job', spec: { parallelism: 'x' } },
      ],
      3,
    ),
  ).toBe(0);
});
