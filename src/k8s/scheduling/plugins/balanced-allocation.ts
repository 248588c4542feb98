// NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go): favours nodes whose cpu and
// memory would be requested in equal shares with this Pod. It counts requests as they are (no defaults
// for containers without any), and skips best-effort Pods, which request nothing (kubernetes#129138).
import type { Plugin } from '../framework/types';
import { balancedAllocation, type Usage } from './resource-scorers';

export const balancedAllocationPlugin: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore: ({ pod }) => {
    const r = pod.requests;
    if (r.milliCPU === 0 && r.memory === 0) return null;
    // One pair for every node of the cycle, written before each score: Score runs for every feasible node.
    const pair: Usage[] = [
      { allocatable: 0, requested: 0 },
      { allocatable: 0, requested: 0 },
    ];
    const [cpu, memory] = pair;
    return {
      score: (node) => {
        cpu.allocatable = node.allocatable.milliCPU;
        cpu.requested = node.requested.milliCPU + r.milliCPU;
        memory.allocatable = node.allocatable.memory;
        memory.requested = node.requested.memory + r.memory;
        return balancedAllocation(pair);
      },
    };
  },
};
