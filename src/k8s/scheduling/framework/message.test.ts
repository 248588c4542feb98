// The FailedScheduling message, as framework.FitError.Error words it in kube-scheduler 1.35. Expected
// strings follow the format of events seen from real clusters (kubectl describe pod), e.g.
// "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: …".
import { fitErrorMessage, type Diagnosis } from './message';
import { reject } from './status';

const s = (...reasons: string[]) => reject('Unschedulable', reasons, '', '');

const cases: { name: string; d: Diagnosis; want: string }[] = [
  {
    name: 'reasons are counted per node and sorted as strings, count first',
    d: {
      numAllNodes: 3,
      statuses: [s('node(s) had untolerated taint(s)'), s('Insufficient cpu'), s('Insufficient cpu')],
    },
    want: '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.',
  },
  {
    name: 'a node with several reasons counts in each ("Insufficient cpu" and "Insufficient memory")',
    d: { numAllNodes: 1, statuses: [s('Insufficient cpu', 'Insufficient memory')] },
    want: '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.',
  },
  {
    name: 'sorting is by string: 10 comes before 2',
    d: { numAllNodes: 12, statuses: [...Array.from({ length: 10 }, () => s('b')), s('a'), s('a')] },
    want: '0/12 nodes are available: 10 b, 2 a.',
  },
  {
    name: 'a PreFilter message stands alone, without a histogram',
    d: { numAllNodes: 3, preFilterMsg: 'persistentvolumeclaim "data" not found', statuses: [] },
    want: '0/3 nodes are available: persistentvolumeclaim "data" not found.',
  },
  {
    name: 'nodes not checked count with the absent status',
    d: {
      numAllNodes: 3,
      statuses: [s('No preemption victims found for incoming pod')],
      absent: s('Preemption is not helpful for scheduling'),
    },
    want: '0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  },
  {
    name: 'the PostFilter message follows as it is',
    d: {
      numAllNodes: 1,
      statuses: [s('Insufficient cpu')],
      postFilterMsg: 'preemption: not eligible due to preemptionPolicy=Never.',
    },
    want: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
  },
];
for (const c of cases) test(c.name, () => expect(fitErrorMessage(c.d)).toBe(c.want));
