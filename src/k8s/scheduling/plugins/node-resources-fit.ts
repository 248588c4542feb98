// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go): Filter checks that the node's
// allocatable, less what the Pods on it request, covers the Pod's request, resource by resource, and that
// it allows one more Pod; Score rates the node by the scoring strategy (LeastAllocated by default).
import { formatAmount, type Resources } from '../framework/resources';
import { reject, run } from '../framework/status';
import type { NodeInfo, Plugin, PodInfo, Status } from '../framework/types';
import { leastAllocated, mostAllocated, requestedToCapacityRatio, type Usage } from './resource-scorers';

interface Shortfall {
  name: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the whole node: no preemption can make room (InsufficientResource.Unresolvable). */
  unresolvable: boolean;
}

function shortfall(name: string, req: number, used: number, alloc: number): Shortfall | undefined {
  if (req <= 0 || req <= alloc - used) return undefined;
  return { name, reason: `Insufficient ${name}`, requested: req, used, capacity: alloc, unresolvable: req > alloc };
}

const withShortfall = (list: Shortfall[] | undefined, s: Shortfall | undefined): Shortfall[] | undefined =>
  s ? [...(list ?? []), s] : list;

// The answer of fitsRequest for a node with room: shared, since most nodes of a cycle have room.
const FITS: readonly Shortfall[] = Object.freeze([]);

/** fitsRequest: every resource the node lacks for the Pod, pods first, then cpu, memory, ephemeral storage, the rest by name. */
export function fitsRequest(pod: PodInfo, node: NodeInfo): readonly Shortfall[] {
  const used = node.boundPods.length;
  let out =
    used + 1 > node.allowedPods
      ? [{ name: 'pods', reason: 'Too many pods', requested: 1, used, capacity: node.allowedPods, unresolvable: false }]
      : undefined;
  const r: Resources = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.size === 0) return out ?? FITS;
  const a = node.allocatable;
  const u = node.requested;
  out = withShortfall(out, shortfall('cpu', r.milliCPU, u.milliCPU, a.milliCPU));
  out = withShortfall(out, shortfall('memory', r.memory, u.memory, a.memory));
  out = withShortfall(out, shortfall('ephemeral-storage', r.ephemeralStorage, u.ephemeralStorage, a.ephemeralStorage));
  // Go walks this map in random order; kubeknow sorts by name so the reasons come out the same every time.
  if (r.scalar.size)
    for (const k of [...r.scalar.keys()].sort())
      out = withShortfall(out, shortfall(k, r.scalar.get(k)!, u.scalar.get(k) ?? 0, a.scalar.get(k) ?? 0));
  return out ?? FITS;
}

function explain(node: NodeInfo, list: readonly Shortfall[]): Status {
  const line = (s: Shortfall, ko: boolean) => {
    const f = (n: number) => formatAmount(s.name, n);
    if (s.name === 'pods')
      return ko
        ? `파드 수: 이미 ${s.used}개가 있고 허용 한도(allocatable pods)가 ${s.capacity}개다`
        : `pods: ${s.used} already there, allocatable pods is ${s.capacity}`;
    const free = s.capacity - s.used;
    return ko
      ? `${s.name}: 파드 요청 ${f(s.requested)}, 할당 가능 ${f(s.capacity)} 중 ${f(s.used)} 요청됨, 남은 양 ${f(free < 0 ? 0 : free)}${s.unresolvable ? ' (노드 전체보다 큼)' : ''}`
      : `${s.name}: the Pod requests ${f(s.requested)}; ${f(s.capacity)} allocatable, ${f(s.used)} requested by its Pods, ${f(free < 0 ? 0 : free)} free${s.unresolvable ? ' (more than the whole node)' : ''}`;
  };
  return reject(
    list.some((s) => s.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
    list.map((s) => s.reason),
    `${node.name}: ${list.map((s) => line(s, false)).join('; ')}.`,
    `${node.name}: ${list.map((s) => line(s, true)).join('; ')}.`,
  );
}

/** What the node would have requested of cpu and memory with this Pod, as scoring counts it (non-zero
 * requests), written into `usage`: the cycle's Score reuses one pair for every node rather than allocating. */
function scoringUsage(pod: PodInfo, node: NodeInfo, usage: [Usage, Usage]): [Usage, Usage] {
  usage[0].allocatable = node.allocatable.milliCPU;
  usage[0].requested = node.nonZeroRequested.milliCPU + pod.nonZero.milliCPU;
  usage[1].allocatable = node.allocatable.memory;
  usage[1].requested = node.nonZeroRequested.memory + pod.nonZero.memory;
  return usage;
}

export const nodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  preFilter: ({ pod }) =>
    run((node) => {
      const list = fitsRequest(pod, node);
      return list.length ? explain(node, list) : null;
    }),
  preScore: ({ pod, options }) => {
    const strategy = options.scoringStrategy;
    const pair: [Usage, Usage] = [
      { allocatable: 0, requested: 0 },
      { allocatable: 0, requested: 0 },
    ];
    return {
      score: (node) => {
        const usage = scoringUsage(pod, node, pair);
        if (strategy === 'MostAllocated') return mostAllocated(usage);
        if (strategy === 'RequestedToCapacityRatio') return requestedToCapacityRatio(usage, options.shape);
        return leastAllocated(usage);
      },
    };
  },
};
