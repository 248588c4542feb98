// The kubelet's crash back-off (pkg/kubelet/kuberuntime kuberuntime_manager.go doBackOff, with
// client-go's flowcontrol.Backoff created as NewBackOff(10s, 300s), without jitter): the first restart
// of a container is not delayed; each later one waits the current back-off after the last exit, which
// doubles up to 5 minutes; a container that ran for more than twice the maximum (10 minutes) since the
// back-off last grew starts over at 10 seconds (hasExpired).

export const INITIAL_BACKOFF = 10;
export const MAX_BACKOFF = 300;

/** The back-off entry of one container, or undefined before its first back-off. */
export interface BackoffEntry {
  backoff: number;
  lastUpdate: number;
}

const expired = (eventTime: number, e: BackoffEntry) => eventTime - e.lastUpdate > 2 * MAX_BACKOFF;

/** IsInBackOffSince: whether a start at `now` must wait, given the last exit at `finishedAt`. */
export function inBackOff(entry: BackoffEntry | undefined, finishedAt: number, now: number): boolean {
  if (!entry || expired(finishedAt, entry)) return false;
  return now - finishedAt < entry.backoff;
}

/** Next: the entry after a start at `now` that was allowed after the exit at `finishedAt`. */
export function nextBackOff(entry: BackoffEntry | undefined, finishedAt: number, now: number): BackoffEntry {
  if (!entry || expired(finishedAt, entry)) return { backoff: INITIAL_BACKOFF, lastUpdate: now };
  return { backoff: Math.min(entry.backoff * 2, MAX_BACKOFF), lastUpdate: now };
}
