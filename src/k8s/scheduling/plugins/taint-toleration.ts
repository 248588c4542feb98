// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): Filter rejects a node with a NoSchedule
// or NoExecute taint the Pod does not tolerate; Score counts the PreferNoSchedule taints it does not
// tolerate, and normalizing turns the count around, so fewer such taints score higher.
import { defaultNormalize, reject, run } from '../framework/status';
import { doNotSchedule, taintText, tolerated, untoleratedTaint } from '../framework/taints';
import type { Plugin } from '../framework/types';

// Since Kubernetes 1.35 (and 1.34.2) the reason names no taint: keys and values may be sensitive
// (kubernetes/kubernetes#134740). Earlier releases said "node(s) had untolerated taint {key: value}".
const REASON = 'node(s) had untolerated taint(s)';

export const taintToleration: Plugin = {
  name: 'TaintToleration',
  preFilter: ({ pod }) =>
    run((node) => {
      const taint = untoleratedTaint(node.node.spec.taints, pod.pod.spec.tolerations, doNotSchedule);
      return taint
        ? reject(
            'UnschedulableAndUnresolvable',
            REASON,
            `${node.name} has the taint ${taintText(taint)} and no toleration of the Pod matches it.`,
            `${node.name}에 ${taintText(taint)} 테인트가 있는데, 이를 용인하는 파드 톨러레이션이 없다.`,
          )
        : null;
    }),
  preScore: ({ pod }) => {
    // Only tolerations that can tolerate PreferNoSchedule count (getAllTolerationPreferNoSchedule).
    const tolerations = pod.pod.spec.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return {
      // A loop, not filter: it runs for every feasible node of every cycle, and most nodes have no taint.
      score: (node) => {
        let n = 0;
        for (const t of node.node.spec.taints) if (t.effect === 'PreferNoSchedule' && !tolerated(tolerations, t)) n++;
        return n;
      },
      normalize: (scores) => defaultNormalize(scores, true),
    };
  },
};
