// One scheduling cycle's PreFilter, Filter and Score, as frameworkImpl runs them (framework/runtime) and
// schedule_one.go drives them: PreFilter plugins in order (an UnschedulableAndUnresolvable one ends
// PreFilter, an Unschedulable one is remembered while the others still run), Filter plugins per node
// (the first rejection is the node's status), Score plugins over the feasible nodes.
import { reject } from './status';
import type { Cycle, FilterState, NodeInfo, Plugin, Status } from './types';

export interface PreFilterOutcome {
  /** The Filter of every plugin that did not skip, in profile order. */
  states: { plugin: string; state: FilterState }[];
  rejection?: { plugin: string; status: Status };
  /** The nodes PreFilter results narrowed the search to, and the plugins that did. */
  nodeNames?: ReadonlySet<string>;
  narrowedBy: string[];
}

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): Set<string> {
  return a ? new Set([...a].filter((n) => b.has(n))) : new Set(b);
}

/** RunPreFilterPlugins. */
export function runPreFilter(cycle: Cycle, plugins: readonly Plugin[]): PreFilterOutcome {
  const out: PreFilterOutcome = { states: [], narrowedBy: [] };
  for (const plugin of plugins) {
    const r = plugin.preFilter?.(cycle);
    if (!r || r.kind === 'skip') continue;
    if (r.kind === 'reject') {
      out.rejection = { plugin: plugin.name, status: r.status };
      if (r.status.code === 'UnschedulableAndUnresolvable') return out;
      continue;
    }
    out.states.push({ plugin: plugin.name, state: r.state });
    if (!r.nodeNames) continue;
    out.narrowedBy.push(plugin.name);
    out.nodeNames = intersect(out.nodeNames, r.nodeNames);
    if (out.nodeNames.size === 0) {
      const names = out.narrowedBy;
      out.rejection = {
        plugin: plugin.name,
        status: reject(
          'UnschedulableAndUnresolvable',
          names.length === 1
            ? `node(s) didn't satisfy plugin ${names[0]}`
            : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`,
          `The node names ${names.join(' and ')} narrowed the search to leave no node at all.`,
          `${names.join('와(과) ')}이(가) 고른 노드 이름들을 합치면 남는 노드가 하나도 없다.`,
        ),
      };
      return out;
    }
  }
  return out;
}

/** A node's rejections by Filter, in profile order; the first is the scheduler's. None: the node passed. */
export type NodeVerdict = readonly { plugin: string; status: Status }[];

// Every passing node shares one verdict: a cycle over thousands of nodes allocates only for those that fail.
const PASSED: NodeVerdict = Object.freeze([]);

/** RunFilterPlugins for one node, going on past the first rejection to report the others too when `all`. */
export function filterNode(states: PreFilterOutcome['states'], node: NodeInfo, all = true): NodeVerdict {
  let failures: { plugin: string; status: Status }[] | undefined;
  // Indexed: it runs for every plugin on every node, mostly before V8 optimizes it on a first call.
  for (let i = 0; i < states.length; i++) {
    const status = states[i].state.filter(node);
    if (status) {
      (failures ??= []).push({ plugin: states[i].plugin, status });
      if (!all) break;
    }
  }
  return failures ?? PASSED;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: how many feasible nodes the scheduler looks for before it stops filtering. */
export function feasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (percentage === undefined || percentage >= 100 || numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  // The adaptive default: 50% less one point per 125 nodes, never under 5%.
  if (p === 0) p = Math.max(50 - Math.floor(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  return Math.max(Math.floor((numAllNodes * p) / 100), MIN_FEASIBLE_NODES_TO_FIND);
}

export interface ScoreOutcome {
  /** Per plugin that scored: the normalized score of each feasible node, in their order. */
  byPlugin: { plugin: string; weight: number; scores: number[] }[];
  totals: number[];
}

/** RunPreScorePlugins, RunScorePlugins and NormalizeScore, then the weighted sum per node. */
export function runScore(
  cycle: Cycle,
  feasible: NodeInfo[],
  plugins: readonly { plugin: Plugin; weight: number }[],
): ScoreOutcome {
  const byPlugin: ScoreOutcome['byPlugin'] = [];
  // Indexed loops: they run for every feasible node of every plugin of every cycle.
  const totals = new Array<number>(feasible.length).fill(0);
  for (const { plugin, weight } of plugins) {
    const state = plugin.preScore?.(cycle, feasible);
    if (!state) continue;
    const raw = new Array<number>(feasible.length);
    for (let i = 0; i < feasible.length; i++) raw[i] = state.score(feasible[i]);
    const scores = state.normalize ? state.normalize(raw, feasible) : raw;
    for (let i = 0; i < scores.length; i++) totals[i] += scores[i] * weight;
    byPlugin.push({ plugin: plugin.name, weight, scores });
  }
  return { byPlugin, totals };
}
