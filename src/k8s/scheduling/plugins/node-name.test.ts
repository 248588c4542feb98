// NodeName: a Pod that names its node (node_name_test.go's behaviours).
import { deepFreeze } from '../../testing/builders';
import { filterWith, node, pod, state } from '../testkit';
import { nodeName } from './node-name';

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'a Pod naming a node fits only that node',
    run: () => filterWith(nodeName, pod('p', { spec: { nodeName: 'n2' } }), state([node('n1'), node('n2')])),
    want: { n1: ["node(s) didn't match the requested node name"], n2: [] },
  },
];
for (const c of cases) test(c.name, () => expect(deepFreeze(c.run())).toEqual(c.want));
