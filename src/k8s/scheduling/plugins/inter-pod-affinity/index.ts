// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity and
// anti-affinity, both ways (the incoming Pod's and the existing Pods'), filter; preferred terms score.
import { SKIP } from '../../framework/status';
import type { Plugin } from '../../framework/types';
import { AffinityFilter } from './filter';
import { affinityScore } from './score';

export const interPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  preFilter: ({ pod, snapshot }) =>
    AffinityFilter.needed(pod, snapshot) ? { kind: 'run', state: AffinityFilter.build(pod, snapshot) } : SKIP,
  preScore: ({ pod, snapshot }) => affinityScore(pod, snapshot),
};
