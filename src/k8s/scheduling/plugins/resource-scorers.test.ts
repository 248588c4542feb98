// The resource scorers on their own: Go's integer arithmetic, and the edges (a node with none of a
// resource is left out; requests above capacity). Expected values worked out from the formulas in
// least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go and balanced_allocation.go.
import { balancedAllocation, leastAllocated, mostAllocated, requestedToCapacityRatio } from './resource-scorers';

const u = (requested: number, allocatable: number) => ({ requested, allocatable });
const BIN_PACKING = [
  { utilization: 0, score: 0 },
  { utilization: 100, score: 10 },
];

const cases: { name: string; got: () => number; want: number }[] = [
  {
    name: 'LeastAllocated truncates each share: 1/3 free is 33',
    got: () => leastAllocated([u(2, 3), u(2, 3)]),
    want: 33,
  },
  {
    name: 'LeastAllocated: a resource the node has none of is left out',
    got: () => leastAllocated([u(500, 1000), u(0, 0)]),
    want: 50,
  },
  {
    name: 'LeastAllocated: requested above allocatable scores 0',
    got: () => leastAllocated([u(1500, 1000), u(0, 1000)]),
    want: 50,
  },
  {
    name: 'MostAllocated: requested above allocatable counts as full',
    got: () => mostAllocated([u(1500, 1000), u(0, 1000)]),
    want: 50,
  },
  {
    name: 'RequestedToCapacityRatio with the bin-packing shape scores utilization',
    got: () => requestedToCapacityRatio([u(250, 1000), u(750, 1000)], BIN_PACKING),
    want: 50,
  },
  {
    name: 'RequestedToCapacityRatio leaves zero scores out of the mean',
    got: () => requestedToCapacityRatio([u(0, 1000), u(600, 1000)], BIN_PACKING),
    want: 60,
  },
  {
    name: 'BalancedAllocation: equal shares score 100',
    got: () => balancedAllocation([u(500, 1000), u(4, 8)]),
    want: 100,
  },
  {
    name: 'BalancedAllocation: shares 0.9 and 0.1 score (1 − 0.4) × 100',
    got: () => balancedAllocation([u(900, 1000), u(1, 10)]),
    want: 60,
  },
  { name: 'BalancedAllocation caps a share at 1', got: () => balancedAllocation([u(2000, 1000), u(0, 10)]), want: 50 },
];
for (const c of cases) test(c.name, () => expect(c.got()).toBe(c.want));
