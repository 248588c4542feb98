// The FailedScheduling message (framework.FitError.Error, 1.35): "0/N nodes are available:", then the
// PreFilter message, or else a histogram of the nodes' reasons ("2 Insufficient cpu"), sorted as Go's
// sort.Strings sorts them; then the PostFilter message (preemption) as it is.
import type { Status } from './types';

/** Go's sort.Strings order: by UTF-8 bytes, which for these ASCII reasons is code-unit order. */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface Diagnosis {
  numAllNodes: number;
  preFilterMsg?: string;
  /** The statuses of the nodes that were checked and rejected. */
  statuses: readonly Status[];
  /** The status of every other node (one that PreFilter excluded, or preemption did not try). */
  absent?: Status;
  postFilterMsg?: string;
}

export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const counts = new Map<string, number>();
    const count = (reason: string, n: number) => counts.set(reason, (counts.get(reason) ?? 0) + n);
    for (const s of d.statuses) for (const r of s.reasons) count(r, 1);
    const rest = d.numAllNodes - d.statuses.length;
    if (d.absent && rest > 0) for (const r of d.absent.reasons) count(r, rest);
    const histogram = [...counts].map(([r, n]) => `${n} ${r}`).sort(byBytes);
    if (histogram.length) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** A status's message: its reasons joined (Status.Message). */
export const statusMessage = (s: Status): string => s.reasons.join(', ');
