// NodeUnschedulable: a cordoned node and the toleration that lets a Pod on anyway (nodeunschedulable_test.go's behaviours).
import { deepFreeze } from '../../testing/builders';
import { filterWith, node, pod, state } from '../testkit';
import { nodeUnschedulable } from './node-unschedulable';

const cordoned = () => node('n1', { unschedulable: true });

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'a cordoned node rejects a Pod without the toleration',
    run: () => filterWith(nodeUnschedulable, pod('p'), state([cordoned(), node('n2')])),
    want: { n1: ['node(s) were unschedulable'], n2: [] },
  },
  {
    name: 'tolerating node.kubernetes.io/unschedulable:NoSchedule lets the Pod on',
    run: () =>
      filterWith(
        nodeUnschedulable,
        pod('p', {
          spec: {
            tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
          },
        }),
        state([cordoned()]),
      ),
    want: { n1: [] },
  },
];
for (const c of cases) test(c.name, () => expect(deepFreeze(c.run())).toEqual(c.want));
