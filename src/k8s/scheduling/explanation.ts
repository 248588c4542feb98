// How a scheduling result explains itself, in English and Korean: the Pod's priority, which filters
// rejected how many nodes and why, how the rest were scored, which node won and how ties are broken,
// and what preemption would do.
import type { Explanation, ExplanationStep, Text } from '../explanation';
import type { Pod } from '../objects';
import type { ResolvedPriority } from './framework/priority';
import { WEIGHTS } from './profile';
import type { NodeResult, PreemptionResult } from './types';

const SCHEDULER = 'kubernetes/pkg/scheduler/schedule_one.go';

export interface ExplainInput {
  pod: Pod;
  priority: ResolvedPriority;
  message: string | null;
  nodes: NodeResult[];
  selected?: string;
  tiedWith?: string[];
  scoredPlugins?: string[];
  preemption?: PreemptionResult;
  warnings: string[];
}

function step(rule: string, en: string, ko: string, extra: Partial<ExplanationStep> = {}): ExplanationStep {
  return { rule, ...extra, text: { en, ko } };
}

// Notes on Pods the default scheduler would handle differently from what the evaluation shows.
function notes(pod: Pod, object: string): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  if (pod.spec.nodeName)
    out.push(
      step(
        'pod-already-bound',
        `The Pod sets spec.nodeName (${pod.spec.nodeName}): kube-scheduler never sees it; the kubelet of that node admits or rejects it. The evaluation shows what the scheduler's filters would say.`,
        `파드에 spec.nodeName(${pod.spec.nodeName})이 있어 kube-scheduler는 이 파드를 다루지 않는다. 해당 노드의 kubelet이 받아들이거나 거부한다. 아래 평가는 스케줄러 필터가 했을 판단이다.`,
        { object, field: 'spec.nodeName' },
      ),
    );
  if (pod.spec.schedulerName !== 'default-scheduler')
    out.push(
      step(
        'other-scheduler',
        `The Pod asks for the scheduler "${pod.spec.schedulerName}"; the default scheduler ignores it. The evaluation is the default profile's.`,
        `파드가 "${pod.spec.schedulerName}" 스케줄러를 지정했다. 기본 스케줄러는 이 파드를 무시한다. 아래 평가는 기본 프로필 기준이다.`,
        { object, field: 'spec.schedulerName' },
      ),
    );
  if (pod.spec.schedulingGates.length)
    out.push(
      step(
        'scheduling-gates',
        `The Pod has scheduling gates (${pod.spec.schedulingGates.join(', ')}): it stays SchedulingGated and out of the queue until they are removed. The evaluation shows what would happen then.`,
        `파드에 스케줄링 게이트(${pod.spec.schedulingGates.join(', ')})가 있어 게이트가 모두 제거될 때까지 SchedulingGated 상태로 큐에 들어가지 않는다. 아래 평가는 그 이후의 결과다.`,
        { object, field: 'spec.schedulingGates' },
      ),
    );
  return out;
}

/** Names for a sentence: all of them up to ten, else the first ten and how many more (the result lists every node). */
function someNames(names: readonly string[]): Text {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const more = names.length - NAMES_SHOWN;
  return more > 0 ? { en: `${shown} and ${more} more`, ko: `${shown} 외 ${more}개` } : { en: shown, ko: shown };
}
const NAMES_SHOWN = 10;

// One step per Filter plugin that rejected nodes: how many, and the reason of the first node.
function filterSteps(nodes: NodeResult[]): ExplanationStep[] {
  const byPlugin = new Map<string, NodeResult[]>();
  for (const n of nodes) {
    const first = n.failures[0];
    if (!first) continue;
    const list = byPlugin.get(first.plugin);
    if (list) list.push(n);
    else byPlugin.set(first.plugin, [n]);
  }
  return [...byPlugin].map(([plugin, list]) => {
    const names = someNames(list.map((n) => n.name));
    return step(
      `filter-${plugin}`,
      `${plugin} rejected ${list.length} node(s) (${names.en}): ${list[0].failures[0].text.en}`,
      `${plugin}가 노드 ${list.length}개(${names.ko})를 걸러냈다: ${list[0].failures[0].text.ko}`,
      { source: `kubernetes/pkg/scheduler/framework/plugins (${plugin})` },
    );
  });
}

function scoreStep(nodes: NodeResult[], selected: string, plugins: string[]): ExplanationStep {
  const winner = nodes.find((n) => n.name === selected)!;
  const parts = plugins.map((p) => `${p} ${winner.scores[p]}×${WEIGHTS[p]}`).join(' + ');
  return step(
    'score',
    `Feasible nodes are scored by ${plugins.join(', ')}, each 0–100 times its weight. ${selected} totals ${winner.totalScore} (${parts}).`,
    `통과한 노드는 ${plugins.join(', ')} 플러그인이 0–100점씩 매기고 가중치를 곱해 더한다. ${selected}의 합계는 ${winner.totalScore}점이다 (${parts}).`,
    { source: `${SCHEDULER} prioritizeNodes` },
  );
}

function preemptionStep(p: PreemptionResult, priority: number): ExplanationStep {
  const src = { source: 'kubernetes/pkg/scheduler/framework/plugins/defaultpreemption' };
  if (!p.eligible)
    return step(
      'preemption',
      'The Pod has preemptionPolicy: Never, so it waits rather than evict other Pods.',
      '파드의 preemptionPolicy가 Never라서 다른 파드를 내보내지 않고 기다린다.',
      src,
    );
  if (!p.nominatedNode)
    return step(
      'preemption',
      `Evicting Pods of priority lower than ${priority} would not make room on any node.`,
      `우선순위 ${priority}보다 낮은 파드를 내보내도 어느 노드에도 자리가 생기지 않는다.`,
      src,
    );
  const victims = p.victims.map((v) => `${v.namespace}/${v.name} (priority ${v.priority})`).join(', ');
  return step(
    'preemption',
    `Preemption would evict ${victims} from ${p.nominatedNode} and nominate that node for the Pod; it is scheduled there once they are gone.`,
    `선점(preemption)으로 ${p.nominatedNode}에서 ${victims}을(를) 내보내고 그 노드를 파드에 지명(nominate)한다. 그 파드들이 사라지면 파드가 그곳에 스케줄된다.`,
    src,
  );
}

function summary(i: ExplainInput): { en: string; ko: string } {
  const feasible = i.nodes.filter((n) => n.feasible).length;
  const tied = someNames(i.tiedWith ?? []);
  if (i.selected)
    return {
      en: `${feasible} of ${i.nodes.length} node(s) fit; the Pod goes to ${i.selected}${i.tiedWith?.length ? ` (tied with ${tied.en}; kube-scheduler would pick one of them at random)` : ''}.`,
      ko: `노드 ${i.nodes.length}개 중 ${feasible}개가 맞고, 파드는 ${i.selected}에 배치된다${i.tiedWith?.length ? ` (${tied.ko}와(과) 동점이며, kube-scheduler는 이 중 하나를 무작위로 고른다)` : ''}.`,
    };
  const p = i.preemption;
  // A nomination is the answer people look for when no node fits now: say it first, not only in a step.
  if (p?.nominatedNode) {
    const victims = p.victims.map((v) => `${v.namespace}/${v.name}`).join(', ');
    return {
      en: `No node fits now, but preemption would evict ${victims} from ${p.nominatedNode} and nominate it (status.nominatedNodeName); the Pod stays Pending until they are gone, and is then scheduled, usually there. FailedScheduling: ${i.message}`,
      ko: `지금 맞는 노드는 없지만, 선점으로 ${p.nominatedNode}에서 ${victims}을(를) 내보내고 그 노드를 지명(status.nominatedNodeName)한다. 파드는 그 파드들이 사라질 때까지 Pending으로 남았다가 스케줄되며, 대개 그 노드에 배치된다. FailedScheduling: ${i.message}`,
    };
  }
  return {
    en: `No node fits; the Pod stays Pending with FailedScheduling: ${i.message}`,
    ko: `맞는 노드가 없어 파드는 Pending으로 남고 FailedScheduling 이벤트가 남는다: ${i.message}`,
  };
}

/** The explanation of one scheduling result. */
export function explain(i: ExplainInput): Explanation {
  const object = `Pod/${i.pod.metadata.namespace}/${i.pod.metadata.name}`;
  const steps: ExplanationStep[] = [
    step(
      'priority',
      `The Pod's priority is ${i.priority.value} (${i.priority.source}).`,
      `파드 우선순위는 ${i.priority.value}이다 (${i.priority.source}).`,
      { object, field: 'spec.priority', source: 'kubernetes/plugin/pkg/admission/priority' },
    ),
    ...notes(i.pod, object),
    ...filterSteps(i.nodes),
  ];
  if (i.selected && i.scoredPlugins?.length) steps.push(scoreStep(i.nodes, i.selected, i.scoredPlugins));
  if (i.selected && !i.scoredPlugins?.length)
    steps.push(
      step(
        'single-feasible-node',
        `Only ${i.selected} fits, so the scheduler takes it without scoring.`,
        `맞는 노드가 ${i.selected} 하나뿐이라 점수 계산 없이 그 노드를 고른다.`,
        { source: `${SCHEDULER} schedulePod` },
      ),
    );
  if (i.tiedWith?.length) {
    const tied = someNames(i.tiedWith);
    steps.push(
      step(
        'tie-break',
        `${i.selected} ties with ${tied.en}; kube-scheduler picks one of the best at random, kubeknow the first by name.`,
        `${i.selected}는 ${tied.ko}와(과) 동점이다. kube-scheduler는 최고점 노드 중 무작위로 고르고, kubeknow는 이름순으로 첫 노드를 고른다.`,
        { source: `${SCHEDULER} selectHost` },
      ),
    );
  }
  if (i.preemption) steps.push(preemptionStep(i.preemption, i.priority.value));
  for (const w of i.warnings) steps.push(step('input', w, w));
  return { summary: summary(i), steps };
}
