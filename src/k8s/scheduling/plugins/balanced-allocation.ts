// NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go): favours nodes whose cpu and
// memory would be requested in equal shares with this Pod. It counts requests as they are (no defaults
// for containers without any), and skips best-effort Pods, which request nothing (kubernetes#129138).
import type { Plugin } from '../framework/types';
import { balancedAllocation } from './resource-scorers';

export const balancedAllocationPlugin: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore: ({ pod }) => {
    const r = pod.requests;
    if (r.milliCPU === 0 && r.memory === 0) return null;
    return {
      score: (node) =>
        balancedAllocation([
          { allocatable: node.allocatable.milliCPU, requested: node.requested.milliCPU + r.milliCPU },
          { allocatable: node.allocatable.memory, requested: node.requested.memory + r.memory },
        ]),
    };
  },
};
