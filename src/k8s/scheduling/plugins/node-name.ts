// NodeName (pkg/scheduler/framework/plugins/nodename): a Pod that names its node fits only that node.
import { reject, run } from '../framework/status';
import type { Plugin } from '../framework/types';

export const nodeName: Plugin = {
  name: 'NodeName',
  preFilter: ({ pod }) => {
    const wanted = pod.pod.spec.nodeName;
    return run((node) =>
      wanted && wanted !== node.name
        ? reject(
            'UnschedulableAndUnresolvable',
            "node(s) didn't match the requested node name",
            `The Pod asks for node ${wanted} (spec.nodeName), not ${node.name}.`,
            `파드가 spec.nodeName으로 ${node.name}이(가) 아닌 ${wanted} 노드를 지정했다.`,
          )
        : null,
    );
  },
};
