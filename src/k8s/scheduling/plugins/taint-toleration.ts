// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): Filter rejects a node with a NoSchedule
// or NoExecute taint the Pod does not tolerate; Score counts the PreferNoSchedule taints it does not
// tolerate, and normalizing turns the count around, so fewer such taints score higher.
import { defaultNormalize, reject, run } from '../framework/status';
import { doNotSchedule, taintText, tolerated, untoleratedTaint } from '../framework/taints';
import type { Plugin } from '../framework/types';
import type { Taint, Toleration } from '../../objects';

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
            `${node.name} has the taint ${taintText(taint)} and no toleration of the Pod matches it${nearest(taint, pod.pod.spec.tolerations).en}.`,
            `${node.name}에 ${taintText(taint)} 테인트가 있는데, 이를 용인하는 파드 톨러레이션이 없다${nearest(taint, pod.pod.spec.tolerations).ko}.`,
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

// A toleration with the taint's key that still does not match is most often a value or effect written
// differently (toleration gpu=yes, taint gpu=true): name it and what differs, so the fix is plain.
function nearest(taint: Taint, tolerations: readonly Toleration[]): { en: string; ko: string } {
  const t = tolerations.find((x) => x.key === taint.key);
  if (!t) return { en: '', ko: '' };
  const what = `{key: ${t.key}, operator: ${t.operator}${t.operator === 'Equal' ? `, value: ${JSON.stringify(t.value ?? '')}` : ''}${t.effect ? `, effect: ${t.effect}` : ''}}`;
  const en: string[] = [];
  const ko: string[] = [];
  if (t.effect && t.effect !== taint.effect) {
    en.push(`its effect ${t.effect} is not the taint's ${taint.effect} (leave effect out to match every effect)`);
    ko.push(`effect ${t.effect}가 테인트의 ${taint.effect}와 다르다(effect를 비우면 모든 effect와 맞는다)`);
  }
  if (t.operator === 'Equal' && (t.value ?? '') !== (taint.value ?? '')) {
    const want = JSON.stringify(taint.value ?? '');
    en.push(
      `its value ${JSON.stringify(t.value ?? '')} differs from the taint's ${want} (give value ${want}, or operator Exists to match any value)`,
    );
    ko.push(
      `value ${JSON.stringify(t.value ?? '')}가 테인트의 ${want}와 다르다(value를 ${want}로 하거나, 모든 값과 맞도록 operator Exists를 쓴다)`,
    );
  }
  return {
    en: `: the closest, ${what}, has its key but ${en.join(' and ')}`,
    ko: `. 가장 가까운 ${what}는 key는 같지만 ${ko.join(', ')}`,
  };
}
