// NodePorts (pkg/scheduler/framework/plugins/nodeports): a node fits when none of the host ports the Pod
// asks for is taken there on the same protocol, on the same address or on 0.0.0.0.
import { reject, SKIP } from '../framework/status';
import type { Plugin } from '../framework/types';

export const nodePorts: Plugin = {
  name: 'NodePorts',
  preFilter: ({ pod }) => {
    if (!pod.hostPorts.length) return SKIP;
    return {
      kind: 'run',
      state: {
        filter: (node) => {
          const taken = pod.hostPorts.filter((p) => node.usedPorts.conflicts(p));
          if (!taken.length) return null;
          const list = taken.map((p) => `${p.ip}:${p.port}/${p.protocol}`).join(', ');
          return reject(
            'Unschedulable',
            "node(s) didn't have free ports for the requested pod ports",
            `Host port(s) ${list} are already taken on ${node.name} by a Pod placed there.`,
            `${node.name}에서 호스트 포트 ${list}을(를) 이미 다른 파드가 쓰고 있다.`,
          );
        },
      },
    };
  },
};
