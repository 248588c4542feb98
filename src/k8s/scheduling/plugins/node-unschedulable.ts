// NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
// (spec.unschedulable) takes only Pods that tolerate node.kubernetes.io/unschedulable:NoSchedule.
import { reject, run } from '../framework/status';
import { tolerated } from '../framework/taints';
import type { Plugin } from '../framework/types';

const CORDON = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

export const nodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  preFilter: ({ pod }) =>
    run((node) =>
      node.node.spec.unschedulable && !tolerated(pod.pod.spec.tolerations, CORDON)
        ? reject(
            'UnschedulableAndUnresolvable',
            'node(s) were unschedulable',
            `${node.name} is cordoned (spec.unschedulable: true) and the Pod does not tolerate node.kubernetes.io/unschedulable:NoSchedule.`,
            `${node.name}은(는) 스케줄 불가(cordon, spec.unschedulable: true) 상태이고, 파드에 node.kubernetes.io/unschedulable:NoSchedule 톨러레이션이 없다.`,
          )
        : null,
    ),
};
