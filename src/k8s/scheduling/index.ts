// The scheduling kernel's public surface: kube-scheduler's default profile for one Pod (schedulePod), the
// cache the dry-run's scheduling stage places Pod after Pod with (SchedulerCache), and the request
// facade the transports call (schedulingEvaluate).
export { schedulePod } from './schedule';
export { SchedulerCache } from './cache';
export {
  controllersOf,
  MAX_SHAPE_POINTS,
  scheduleIn,
  schedulingEvaluate,
  stateOf,
  type SchedulingAsk,
  type SchedulingRequest,
  schedulingProblems,
} from './request';
export { FILTER_PLUGINS, SCORE_PLUGINS, WEIGHTS } from './profile';
export type * from './types';
export { selectorMatches } from './framework/selectors';
export { tolerated } from './framework/taints';
