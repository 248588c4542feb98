// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): spreads the Pods a constraint
// selects across topology domains; DoNotSchedule constraints filter, ScheduleAnyway ones (and the
// cluster's default constraints) score.
import { SKIP } from '../../framework/status';
import type { Plugin } from '../../framework/types';
import { constraintsFor } from './constraints';
import { SpreadFilter } from './filter';
import { spreadScore } from './score';

export const podTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  preFilter: ({ pod, snapshot }) => {
    const { list } = constraintsFor(pod, snapshot, 'DoNotSchedule');
    return list.length ? { kind: 'run', state: SpreadFilter.build(pod, list, snapshot) } : SKIP;
  },
  preScore: ({ pod, snapshot }, feasible) => {
    const { list, defaulted } = constraintsFor(pod, snapshot, 'ScheduleAnyway');
    return list.length && feasible.length ? spreadScore(pod, list, defaulted, feasible, snapshot) : null;
  },
};
