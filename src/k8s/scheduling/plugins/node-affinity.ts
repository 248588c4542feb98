// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): Filter requires the node to match the
// Pod's nodeSelector and one term of its required node affinity; Score sums the weights of the
// preferred terms the node matches, normalized against the best node.
import type { Node, Pod } from '../../objects';
import { describeTerm, requiredNodeAffinityMatches, termMatches } from '../framework/selectors';
import { defaultNormalize, reject, SKIP } from '../framework/status';
import type { Plugin, PreFilterResult, Status } from '../framework/types';

// The names a required term pins with matchFields metadata.name In: within a term they intersect,
// across terms they unite; a term without such a field lets every node through (PreFilter).
function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!terms.length) return undefined;
  let all: Set<string> | undefined;
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const f of t.matchFields)
      if (f.key === 'metadata.name' && f.operator === 'In')
        names = names ? new Set(f.values.filter((v) => names!.has(v))) : new Set(f.values);
    if (!names) return undefined;
    all = new Set([...(all ?? []), ...names]);
  }
  return all;
}

// The Pod's required terms spelled out, once per cycle: every node that fails them is told the same.
function termsText(pod: Pod): string {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms.map(describeTerm).join(' | ');
}

function whyNot(pod: Pod, node: Node, terms: string): Status {
  const labels = node.metadata.labels;
  const selector = Object.entries(pod.spec.nodeSelector).find(([k, v]) => labels[k] !== v);
  const [en, ko] = selector
    ? [
        `nodeSelector ${selector[0]}=${selector[1]}: the node's label ${selector[0]} is ${selector[0] in labels ? `"${labels[selector[0]]}"` : 'absent'}.`,
        `nodeSelector ${selector[0]}=${selector[1]}: 노드의 ${selector[0]} 레이블이 ${selector[0] in labels ? `"${labels[selector[0]]}"` : '없다'}${selector[0] in labels ? '이다' : ''}.`,
      ]
    : [
        `None of the required node affinity terms matches (terms are ORed, expressions in a term ANDed): ${terms}.`,
        `필수 노드 어피니티 항목 중 맞는 것이 없다(항목끼리는 OR, 항목 안 표현식끼리는 AND): ${terms}.`,
      ];
  return reject(
    'UnschedulableAndUnresolvable',
    "node(s) didn't match Pod's node affinity/selector",
    `${node.metadata.name}: ${en}`,
    `${node.metadata.name}: ${ko}`,
  );
}

export const nodeAffinity: Plugin = {
  name: 'NodeAffinity',
  preFilter: ({ pod }): PreFilterResult => {
    const p = pod.pod;
    const required = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !Object.keys(p.spec.nodeSelector).length) return SKIP;
    const names = pinnedNodeNames(p);
    if (names && names.size === 0)
      return {
        kind: 'reject',
        status: reject(
          'UnschedulableAndUnresolvable',
          'pod affinity terms conflict',
          'Every required node affinity term pins node names with matchFields, and the names of each term exclude each other: no node can match.',
          '모든 필수 노드 어피니티 항목이 matchFields로 노드 이름을 고정하는데, 한 항목 안의 이름들이 서로 겹치지 않아 어떤 노드도 맞을 수 없다.',
        ),
      };
    let terms: string | undefined;
    const filter = (node: Parameters<typeof requiredNodeAffinityMatches>[1]) =>
      requiredNodeAffinityMatches(p, node) ? null : whyNot(p, node, (terms ??= termsText(p)));
    return { kind: 'run', state: { filter: (n) => filter(n.node) }, ...(names ? { nodeNames: names } : {}) };
  },
  preScore: ({ pod }) => {
    const terms = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (!terms.length) return null;
    return {
      score: (n) => {
        let sum = 0;
        for (let i = 0; i < terms.length; i++) if (termMatches(terms[i].preference, n.node)) sum += terms[i].weight;
        return sum;
      },
      normalize: (scores) => defaultNormalize(scores, false),
    };
  },
};
