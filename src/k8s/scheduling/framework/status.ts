// Building statuses and normalizing scores the way the framework's helpers do
// (framework.NewStatus, plugins/helper.DefaultNormalizeScore).
import type { Text } from '../../explanation';
import type { StatusCode } from '../types';
import { MAX_NODE_SCORE, type FilterState, type PreFilterResult, type Status } from './types';

/** A rejection with kube-scheduler's reasons and a bilingual explanation of this case. */
export function reject(code: StatusCode, reasons: string | string[], en: string, ko: string): Status {
  return { code, reasons: Array.isArray(reasons) ? reasons : [reasons], text: { en, ko } };
}

export const SKIP: PreFilterResult = { kind: 'skip' };

/** PreFilter's answer for a plugin that keeps no state between PreFilter and Filter. */
export const run = (filter: FilterState['filter']): PreFilterResult => ({ kind: 'run', state: { filter } });

/** Both texts, for when English and Korean share their code-like words. */
export const text = (en: string, ko: string): Text => ({ en, ko });

/**
 * DefaultNormalizeScore: scales scores to 0–MaxNodeScore by the largest (integer division); `reverse`
 * turns them around. All zero: all stay 0, or all become MaxNodeScore when reversed.
 */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = scores.reduce((m, s) => (s > m ? s : m), 0);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const n = Math.floor((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - n : n;
  });
}
