// One scheduling cycle of kube-scheduler's default profile for one Pod (schedule_one.go: schedulePod,
// findNodesThatFitPod, prioritizeNodes, selectHost, and the PostFilter on failure), as a pure function:
// the Pod and the cluster in, the chosen node (or the FailedScheduling message) and every node's verdict out.
import type { Pod, PriorityClass } from '../objects';
import { explain } from './explanation';
import {
  feasibleNodesToFind,
  filterNode,
  runPreFilter,
  runScore,
  type NodeVerdict,
  type PreFilterOutcome,
  type ScoreOutcome,
} from './framework/cycle';
import { fitErrorMessage, statusMessage } from './framework/message';
import { podPriority } from './framework/priority';
import { podInfoOf } from './framework/pod-info';
import { buildSnapshot } from './framework/snapshot';
import { reject } from './framework/status';
import type { Cycle, NodeInfo, ResolvedOptions, Snapshot, Status } from './framework/types';
import { preempt } from './preemption';
import { FILTER_PLUGINS, SCORE_PLUGINS, WEIGHTS } from './profile';
import type {
  Decision,
  NodeResult,
  PreemptionResult,
  SchedulingOptions,
  SchedulingResult,
  SchedulingState,
} from './types';

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
  /**
   * Each node's verdict by its position in the snapshot's nodes (none for a node not examined, or, without
   * detail, one that passed): arrays, not maps keyed by node, as a cycle over thousands of nodes fills them.
   */
  byIndex: (NodeVerdict | undefined)[];
  feasible: NodeInfo[];
  /** The position in the snapshot's nodes of each feasible node. */
  feasibleAt: number[];
  /** The status of nodes PreFilter left out (rejected or narrowed away). */
  absent?: Status;
  absentPlugins: string[];
}

function filterAll(cycle: Cycle, pre: PreFilterOutcome, detail: boolean): Verdicts {
  const { nodes } = cycle.snapshot;
  const byIndex = new Array<NodeVerdict | undefined>(nodes.length);
  if (pre.rejection)
    return {
      byIndex,
      feasible: [],
      feasibleAt: [],
      absent: pre.rejection.status,
      absentPlugins: [pre.rejection.plugin],
    };
  const names = pre.nodeNames;
  let candidates = nodes.length;
  if (names) candidates = nodes.reduce((n, node) => (names.has(node.name) ? n + 1 : n), 0);
  const toFind = feasibleNodesToFind(cycle.options.percentageOfNodesToScore, candidates);
  const feasible: NodeInfo[] = [];
  const feasibleAt: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (names && !names.has(node.name)) continue;
    if (feasible.length >= toFind) break;
    const verdict = filterNode(pre.states, node, detail);
    // Without detail, only the failures are read (the message and preemption, when no node passes).
    if (detail || verdict.length) byIndex[i] = verdict;
    if (!verdict.length) {
      feasible.push(node);
      feasibleAt.push(i);
    }
  }
  if (!names) return { byIndex, feasible, feasibleAt, absentPlugins: [] };
  const plugins = [...pre.narrowedBy].sort();
  const absent = reject(
    'UnschedulableAndUnresolvable',
    `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`,
    `PreFilter of ${plugins.join(', ')} limited the search to the node(s) ${[...names].join(', ')}.`,
    `${plugins.join(', ')}의 PreFilter가 검색 대상을 ${[...names].join(', ')} 노드로 제한했다.`,
  );
  return { byIndex, feasible, feasibleAt, absent, absentPlugins: plugins };
}

/** A feasible node's scores by plugin and their weighted total. */
interface NodeScores {
  byPlugin: Record<string, number>;
  total: number;
}

/** Every node's result; `scores` by the node's position in `nodes`, as `v.byIndex`. */
function nodeResults(nodes: NodeInfo[], v: Verdicts, scores: (NodeScores | undefined)[]): NodeResult[] {
  return nodes.map((node, i) => {
    const verdict = v.byIndex[i];
    const failures = verdict
      ? verdict.map((f) => ({
          plugin: f.plugin,
          code: f.status.code,
          reasons: f.status.reasons,
          text: f.status.text,
        }))
      : v.absent
        ? [{ plugin: v.absentPlugins.join(','), code: v.absent.code, reasons: v.absent.reasons, text: v.absent.text }]
        : [];
    const s = scores[i];
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
// first by name, so the same input always lands on the same node. The tied names are listed (sorted)
// only for a result with detail: the dry-run's thousands of cycles read the chosen node alone.
function select(feasible: NodeInfo[], totals: number[], detail: boolean): { chosen: NodeInfo; tied: string[] } {
  let top = -Infinity;
  for (const t of totals) if (t > top) top = t;
  let first: string | undefined;
  const tied: string[] = [];
  for (let i = 0; i < feasible.length; i++) {
    if (totals[i] !== top) continue;
    const name = feasible[i].name;
    if (first === undefined || name < first) first = name;
    if (detail) tied.push(name);
  }
  return { chosen: feasible.find((n) => n.name === first)!, tied: tied.sort() };
}

function postFilter(cycle: Cycle, pre: PreFilterOutcome, v: Verdicts, input: CycleInput): PreemptionResult {
  // Preemption asks by node: the positions are looked up only on this path, when no node fits.
  const at = new Map(cycle.snapshot.nodes.map((n, i) => [n, i]));
  const statusOf = (n: NodeInfo) => v.byIndex[at.get(n)!]?.[0]?.status ?? v.absent;
  return preempt({
    cycle,
    states: pre.states,
    nodes: cycle.snapshot.nodes,
    statusOf,
    preemptionPolicy: podPriority(input.pod, input.priorityClasses).preemptionPolicy,
    podOrder: input.podOrder(),
  });
}

/** A cycle's input besides the options: the Pod, the snapshot it is scheduled against, and what preemption reads. */
export interface CycleInput {
  pod: Pod;
  snapshot: Snapshot;
  /** The snapshot's report on the Pods it left out. */
  warnings: string[];
  priorityClasses: readonly PriorityClass[];
  /** The bound Pods in the order they were placed: preemption evicts the most recent of equals first. */
  podOrder(): ReadonlyMap<Pod, number>;
}

/** What one cycle decided, before it is shaped into a result. */
interface Outcome {
  pod: Pod;
  priority: ReturnType<typeof podPriority>;
  nodes: NodeInfo[];
  warnings: string[];
  message: string | null;
  verdicts?: Verdicts;
  preemption?: PreemptionResult;
  scored?: ScoreOutcome;
  chosen?: NodeInfo;
  tied: string[];
}

// The cycle itself. `detail` false is the dry-run's: only each node's first rejection is sought, as
// kube-scheduler's own Filter stops there, since the placement and the message read nothing else.
function runCycle(input: CycleInput, options: SchedulingOptions, detail: boolean): Outcome {
  const { pod, snapshot, warnings, priorityClasses } = input;
  const priority = podPriority(pod, priorityClasses);
  const cycle: Cycle = { pod: podInfoOf(pod, priorityClasses), snapshot, options: resolve(options) };
  const nodes = snapshot.nodes;
  const base = { pod, priority, nodes, warnings, tied: [] };
  if (!nodes.length) return { ...base, message: 'no nodes available to schedule pods' };
  const pre = runPreFilter(cycle, FILTER_PLUGINS);
  const verdicts = filterAll(cycle, pre, detail);
  if (!verdicts.feasible.length) {
    const preemption = postFilter(cycle, pre, verdicts, input);
    const preemptionMsg = preemption.message ? `, preemption: ${preemption.message}` : '';
    const message = fitErrorMessage({
      numAllNodes: nodes.length,
      ...(pre.rejection ? { preFilterMsg: statusMessage(pre.rejection.status) } : {}),
      statuses: verdicts.byIndex.flatMap((x) => (x ? [x[0].status] : [])),
      ...(verdicts.absent ? { absent: verdicts.absent } : {}),
      // DynamicResources' PostFilter runs first and, for a Pod without resource claims, says so.
      postFilterMsg: preemption.nominatedNode ? '' : `no new claims to deallocate${preemptionMsg}`,
    });
    return { ...base, message, verdicts, preemption };
  }
  // With one feasible node there is nothing to compare: the scheduler skips scoring.
  const { feasible } = verdicts;
  const scored = feasible.length > 1 ? runScore(cycle, feasible, SCORE_PLUGINS) : undefined;
  const { chosen, tied } = scored
    ? select(feasible, scored.totals, detail)
    : { chosen: feasible[0], tied: [feasible[0].name] };
  // Written out rather than spread from `base`: the dry-run runs this end thousands of times.
  const outcome: Outcome = { pod, priority, nodes, warnings, message: null, verdicts, chosen, tied };
  if (scored) outcome.scored = scored;
  return outcome;
}

function resultOf(o: Outcome): SchedulingResult {
  const { pod, priority, message, warnings, preemption, chosen } = o;
  const base = { tiedWith: [], weights: { ...WEIGHTS }, priority: priority.value, warnings };
  if (!o.verdicts)
    return {
      selectedNode: null,
      message,
      nodes: [],
      ...base,
      explanation: explain({ pod, priority, message, nodes: [], warnings }),
    };
  const scores = new Array<NodeScores | undefined>(o.nodes.length);
  if (chosen)
    o.verdicts.feasibleAt.forEach((at, i) => {
      const byPlugin: Record<string, number> = {};
      for (const p of o.scored?.byPlugin ?? []) byPlugin[p.plugin] = p.scores[i];
      scores[at] = { byPlugin, total: o.scored?.totals[i] ?? 0 };
    });
  const nodes = nodeResults(o.nodes, o.verdicts, scores);
  if (!chosen)
    return {
      selectedNode: null,
      message,
      nodes,
      preemption,
      ...base,
      explanation: explain({ pod, priority, message, nodes, preemption, warnings }),
    };
  const tiedWith = o.tied.filter((n) => n !== chosen.name);
  return {
    selectedNode: chosen.name,
    message: null,
    nodes,
    ...base,
    tiedWith,
    explanation: explain({
      pod,
      priority,
      message: null,
      nodes,
      selected: chosen.name,
      tiedWith,
      scoredPlugins: o.scored?.byPlugin.map((p) => p.plugin) ?? [],
      warnings,
    }),
  };
}

/** One cycle on a prepared snapshot: every node's verdict and the explanation (`detail`), or only where the Pod goes. */
export function scheduleOn(input: CycleInput, options: SchedulingOptions, detail: true): SchedulingResult;
export function scheduleOn(input: CycleInput, options: SchedulingOptions, detail: false): Decision;
export function scheduleOn(
  input: CycleInput,
  options: SchedulingOptions,
  detail: boolean,
): SchedulingResult | Decision {
  const o = runCycle(input, options, detail);
  return detail ? resultOf(o) : { selectedNode: o.chosen?.name ?? null, message: o.message };
}

/** The SchedulePod seam of the cluster dry-run: where kube-scheduler's default profile puts this Pod, and why. */
export function schedulePod(pod: Pod, state: SchedulingState, options: SchedulingOptions = {}): SchedulingResult {
  const sampled = options.percentageOfNodesToScore !== undefined && options.percentageOfNodesToScore < 100;
  const { snapshot, warnings } = buildSnapshot(state, pod, sampled);
  const podOrder = () => new Map(state.pods.map((p, i) => [p, i]));
  return scheduleOn({ pod, snapshot, warnings, priorityClasses: state.priorityClasses, podOrder }, options, true);
}
