// DefaultPreemption (plugins/defaultpreemption, framework/preemption): when no node fits, would evicting
// lower-priority Pods make room? On each node where a filter said Unschedulable (not Unresolvable), remove
// every lower-priority Pod, check the Pod fits, then give back as many as still leave it fitting, most
// important first; the victims are the rest. The best node is the one whose victims matter least.
// kube-scheduler dry-runs a random sample of the candidates; kubeknow tries every node, so its answer is
// the best over all of them (and the same every time).
import { filterNode, type PreFilterOutcome } from './framework/cycle';
import { fitErrorMessage } from './framework/message';
import { reject } from './framework/status';
import type { Cycle, NodeInfo, PodInfo, Status } from './framework/types';
import type { PreemptionResult, Victim } from './types';

const NOT_HELPFUL = reject(
  'UnschedulableAndUnresolvable',
  'Preemption is not helpful for scheduling',
  'Removing Pods would not help on this node: what rejects the Pod here does not depend on other Pods.',
  '이 노드에서는 파드를 내보내도 소용없다. 파드를 거절한 이유가 다른 파드와 무관하다.',
);

interface Attempt {
  node: NodeInfo;
  victims?: PodInfo[];
  status?: Status;
}

type States = PreFilterOutcome['states'];

const cloneStates = (states: States): States =>
  states.map((s) => ({ plugin: s.plugin, state: s.state.clone?.() ?? s.state }));

function move(node: NodeInfo, states: States, p: PodInfo, sign: 1 | -1): void {
  node.update(p, sign);
  for (const { state } of states) {
    if (sign > 0) state.addPod?.(p, node);
    else state.removePod?.(p, node);
  }
}

// MoreImportantPod: higher priority first; at equal priority the Pod that started first (kubeknow reads
// no start times and takes the order Pods were given in).
function moreImportantFirst(order: ReadonlyMap<PodInfo['pod'], number>) {
  return (a: PodInfo, b: PodInfo) => b.priority - a.priority || (order.get(a.pod) ?? 0) - (order.get(b.pod) ?? 0);
}

/** SelectVictimsOnNode, without PodDisruptionBudgets (none are modelled: no victim violates one). */
function selectVictims(
  cycle: Cycle,
  base: States,
  original: NodeInfo,
  order: ReadonlyMap<PodInfo['pod'], number>,
): Attempt {
  const node = original.clone();
  const states = cloneStates(base);
  const potential = node.pods.filter((p) => p.priority < cycle.pod.priority);
  if (!potential.length)
    return {
      node: original,
      status: reject(
        'UnschedulableAndUnresolvable',
        'No preemption victims found for incoming pod',
        `Every Pod on ${original.name} has a priority of ${cycle.pod.priority} or more; none can be preempted.`,
        `${original.name}의 모든 파드 우선순위가 ${cycle.pod.priority} 이상이라 선점할 파드가 없다.`,
      ),
    };
  for (const p of potential) move(node, states, p, -1);
  const alone = filterNode(states, node, false)[0];
  if (alone) return { node: original, status: alone.status };
  const victims: PodInfo[] = [];
  for (const p of [...potential].sort(moreImportantFirst(order))) {
    move(node, states, p, 1);
    if (filterNode(states, node, false).length) {
      move(node, states, p, -1);
      victims.push(p);
    }
  }
  return { node: original, victims };
}

const INT32_SPAN = 2147483648; // MaxInt32 + 1: sums of priorities are compared with every priority made non-negative

// pickOneNodeForPreemption without PDBs and start times: lowest top victim priority, lowest priority sum,
// fewest victims, then (kubeknow) the first node by name.
function best(candidates: { node: NodeInfo; victims: PodInfo[] }[]): { node: NodeInfo; victims: PodInfo[] } {
  const key = (c: { victims: PodInfo[] }) => [
    c.victims[0].priority,
    c.victims.reduce((s, v) => s + v.priority + INT32_SPAN, 0),
    c.victims.length,
  ];
  return [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0;
  })[0];
}

const victim = (p: PodInfo): Victim => ({ name: p.name, namespace: p.namespace, priority: p.priority });

export interface PreemptionInput {
  cycle: Cycle;
  states: States;
  nodes: NodeInfo[];
  /** Each node's status after filtering, undefined for a node that was not checked. */
  statusOf: (node: NodeInfo) => Status | undefined;
  preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  podOrder: ReadonlyMap<PodInfo['pod'], number>;
}

/** The PostFilter's answer: a nominated node and its victims, or the "preemption: …" message. */
export function preempt(input: PreemptionInput): PreemptionResult {
  const none = { nominatedNode: null, victims: [], candidates: [] };
  // PodEligibleToPreemptOthers.
  if (input.preemptionPolicy === 'Never')
    return { eligible: false, ...none, message: 'not eligible due to preemptionPolicy=Never.' };
  const potential = input.nodes.filter((n) => input.statusOf(n)?.code === 'Unschedulable');
  const attempts = potential.map((n) => selectVictims(input.cycle, input.states, n, input.podOrder));
  const found = attempts.filter((a): a is { node: NodeInfo; victims: PodInfo[] } => !!a.victims?.length);
  const candidates = found.map((c) => ({ node: c.node.name, victims: c.victims.map(victim) }));
  if (!found.length) {
    const message = fitErrorMessage({
      numAllNodes: input.nodes.length,
      statuses: attempts.flatMap((a) => (a.status ? [a.status] : [])),
      absent: NOT_HELPFUL,
    });
    return { eligible: true, ...none, candidates, message };
  }
  const chosen = best(found);
  return {
    eligible: true,
    nominatedNode: chosen.node.name,
    victims: chosen.victims.map(victim),
    candidates,
    message: null,
  };
}
