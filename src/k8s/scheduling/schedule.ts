// One scheduling cycle of kube-scheduler's default profile for one Pod (schedule_one.go: schedulePod,
// findNodesThatFitPod, prioritizeNodes, selectHost, and the PostFilter on failure), as a pure function:
// the Pod and the cluster in, the chosen node (or the FailedScheduling message) and every node's verdict out.
import type { Pod } from '../objects';
import { explain } from './explanation';
import {
  feasibleNodesToFind,
  filterNode,
  runPreFilter,
  runScore,
  type NodeVerdict,
  type PreFilterOutcome,
} from './framework/cycle';
import { fitErrorMessage, statusMessage } from './framework/message';
import { podPriority } from './framework/priority';
import { buildSnapshot, podInfoOf } from './framework/snapshot';
import { reject } from './framework/status';
import type { Cycle, NodeInfo, ResolvedOptions, Status } from './framework/types';
import { preempt } from './preemption';
import { FILTER_PLUGINS, SCORE_PLUGINS, WEIGHTS } from './profile';
import type { NodeResult, PreemptionResult, SchedulingOptions, SchedulingResult, SchedulingState } from './types';

const BIN_PACKING = [
  { utilization: 0, score: 0 },
  { utilization: 100, score: 10 },
];

function resolve(o: SchedulingOptions): ResolvedOptions {
  return {
    scoringStrategy: o.scoringStrategy ?? 'LeastAllocated',
    shape: o.shape?.length ? o.shape : BIN_PACKING,
    ...(o.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: o.percentageOfNodesToScore } : {}),
  };
}

/** What the cycle found about each node, before it becomes a NodeResult. */
interface Verdicts {
  byNode: Map<NodeInfo, NodeVerdict>;
  feasible: NodeInfo[];
  /** The status of nodes PreFilter left out (rejected or narrowed away). */
  absent?: Status;
  absentPlugins: string[];
}

function filterAll(cycle: Cycle, pre: PreFilterOutcome): Verdicts {
  const { nodes } = cycle.snapshot;
  const byNode = new Map<NodeInfo, NodeVerdict>();
  if (pre.rejection)
    return { byNode, feasible: [], absent: pre.rejection.status, absentPlugins: [pre.rejection.plugin] };
  const names = pre.nodeNames;
  const candidates = names ? nodes.filter((n) => names.has(n.name)) : nodes;
  const toFind = feasibleNodesToFind(cycle.options.percentageOfNodesToScore, candidates.length);
  const feasible: NodeInfo[] = [];
  for (const node of candidates) {
    if (feasible.length >= toFind) break;
    const verdict = filterNode(pre.states, node);
    byNode.set(node, verdict);
    if (!verdict.failures.length) feasible.push(node);
  }
  if (!names) return { byNode, feasible, absentPlugins: [] };
  const plugins = [...pre.narrowedBy].sort();
  const absent = reject(
    'UnschedulableAndUnresolvable',
    `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`,
    `PreFilter of ${plugins.join(', ')} limited the search to the node(s) ${[...names].join(', ')}.`,
    `${plugins.join(', ')}의 PreFilter가 검색 대상을 ${[...names].join(', ')} 노드로 제한했다.`,
  );
  return { byNode, feasible, absent, absentPlugins: plugins };
}

function nodeResults(
  nodes: NodeInfo[],
  v: Verdicts,
  scores: Map<NodeInfo, { byPlugin: Record<string, number>; total: number }>,
): NodeResult[] {
  return nodes.map((node) => {
    const verdict = v.byNode.get(node);
    const failures = verdict
      ? verdict.failures.map((f) => ({
          plugin: f.plugin,
          code: f.status.code,
          reasons: f.status.reasons,
          text: f.status.text,
        }))
      : v.absent
        ? [{ plugin: v.absentPlugins.join(','), code: v.absent.code, reasons: v.absent.reasons, text: v.absent.text }]
        : [];
    const s = scores.get(node);
    return {
      name: node.name,
      feasible: !!verdict && !failures.length,
      reasons: failures[0]?.reasons ?? [],
      scores: s?.byPlugin ?? {},
      totalScore: s?.total ?? 0,
      failures,
      evaluated: !!verdict || !!v.absent,
    };
  });
}

// selectHost: the highest total score; kube-scheduler draws among equals at random, kubeknow takes the
// first by name, so the same input always lands on the same node.
function select(feasible: NodeInfo[], totals: number[]): { chosen: NodeInfo; tied: string[] } {
  const top = totals.reduce((m, t) => (t > m ? t : m), -Infinity);
  const tied = feasible
    .filter((_, i) => totals[i] === top)
    .map((n) => n.name)
    .sort();
  return { chosen: feasible.find((n) => n.name === tied[0])!, tied };
}

function postFilter(
  cycle: Cycle,
  pre: PreFilterOutcome,
  v: Verdicts,
  state: SchedulingState,
  pod: Pod,
): PreemptionResult {
  const order = new Map(state.pods.map((p, i) => [p, i]));
  const statusOf = (n: NodeInfo) => v.byNode.get(n)?.failures[0]?.status ?? v.absent;
  return preempt({
    cycle,
    states: pre.states,
    nodes: cycle.snapshot.nodes,
    statusOf,
    preemptionPolicy: podPriority(pod, state.priorityClasses).preemptionPolicy,
    podOrder: order,
  });
}

/** The SchedulePod seam of the cluster dry-run: where kube-scheduler's default profile puts this Pod, and why. */
export function schedulePod(pod: Pod, state: SchedulingState, options: SchedulingOptions = {}): SchedulingResult {
  const { snapshot, warnings } = buildSnapshot(state, pod);
  const priority = podPriority(pod, state.priorityClasses);
  const cycle: Cycle = { pod: podInfoOf(pod, state.priorityClasses), snapshot, options: resolve(options) };
  const nodes = snapshot.nodes;
  const base = { tiedWith: [], weights: { ...WEIGHTS }, priority: priority.value, warnings };
  if (!nodes.length) {
    const message = 'no nodes available to schedule pods';
    return {
      selectedNode: null,
      message,
      nodes: [],
      ...base,
      explanation: explain({ pod, priority, message, nodes: [], warnings }),
    };
  }
  const pre = runPreFilter(cycle, FILTER_PLUGINS);
  const v = filterAll(cycle, pre);
  if (!v.feasible.length) {
    const preemption = postFilter(cycle, pre, v, state, pod);
    const preemptionMsg = preemption.message ? `, preemption: ${preemption.message}` : '';
    const message = fitErrorMessage({
      numAllNodes: nodes.length,
      ...(pre.rejection ? { preFilterMsg: statusMessage(pre.rejection.status) } : {}),
      statuses: [...v.byNode.values()].map((x) => x.failures[0].status),
      ...(v.absent ? { absent: v.absent } : {}),
      // DynamicResources' PostFilter runs first and, for a Pod without resource claims, says so.
      postFilterMsg: preemption.nominatedNode ? '' : `no new claims to deallocate${preemptionMsg}`,
    });
    const results = nodeResults(nodes, v, new Map());
    return {
      selectedNode: null,
      message,
      nodes: results,
      preemption,
      ...base,
      explanation: explain({ pod, priority, message, nodes: results, preemption, warnings }),
    };
  }
  // With one feasible node there is nothing to compare: the scheduler skips scoring.
  const scored = v.feasible.length > 1 ? runScore(cycle, v.feasible, SCORE_PLUGINS) : undefined;
  const scores = new Map<NodeInfo, { byPlugin: Record<string, number>; total: number }>();
  v.feasible.forEach((n, i) => {
    const byPlugin: Record<string, number> = {};
    for (const p of scored?.byPlugin ?? []) byPlugin[p.plugin] = p.scores[i];
    scores.set(n, { byPlugin, total: scored?.totals[i] ?? 0 });
  });
  const { chosen, tied } = scored
    ? select(v.feasible, scored.totals)
    : { chosen: v.feasible[0], tied: [v.feasible[0].name] };
  const results = nodeResults(nodes, v, scores);
  const tiedWith = tied.filter((n) => n !== chosen.name);
  return {
    selectedNode: chosen.name,
    message: null,
    nodes: results,
    ...base,
    tiedWith,
    explanation: explain({
      pod,
      priority,
      message: null,
      nodes: results,
      selected: chosen.name,
      tiedWith,
      scoredPlugins: scored?.byPlugin.map((p) => p.plugin) ?? [],
      warnings,
    }),
  };
}
