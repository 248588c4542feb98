// Keeps replicas current: every edit NOTIFYs at commit (edits.ts) with what it changed (a concept's
// slug, or "reference:<key>"); each process on PostgreSQL LISTENs and refreshes its snapshot from
// those subjects, so a write in one is visible in the others within milliseconds.
// PGlite is embedded in one process, which already rebuilds after its own writes.
//
// Notifications sent while the connection is down are lost for good (PostgreSQL queues them only
// for connected listeners), so after every (re)connection the whole snapshot is read again, and
// until that read is done the snapshot may be behind: `staleBecause` says so, and /readyz is 503.
import { Client, type Notification } from 'pg';
import type { Logger } from 'pino';
import { CHANGE_CHANNEL } from './edits';

/** The listener's application_name in pg_stat_activity. */
export const LISTENER_NAME = 'kubeknow change listener';

export interface Listener {
  /** Why the snapshot may be behind the database right now; null when it is current. */
  staleBecause(): string | null;
  close(): Promise<void>;
}

export interface ListenerOptions {
  /** The first wait before reconnecting; each failed attempt doubles it, up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** The wait before reconnection attempt n (0-based): doubling, capped, with jitter so replicas do not reconnect in step. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * LISTENs for changes and calls onChange with the subjects notified (a burst in one call). A lost
 * connection is retried with back-off forever, and each (re)connection is followed by onChange(null),
 * which rereads everything to catch up what was missed.
 * Resolves once the first attempt is over, connected or not: the process serves while it retries.
 */
export async function listenForChanges(
  url: string,
  onChange: (subjects: readonly string[] | null) => Promise<void>,
  log: Logger,
  opts: ListenerOptions = {},
): Promise<Listener> {
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  let closed = false;
  let client: Client | null = null;
  let stale: string | null = 'the change listener is connecting to the database';
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let pending: Set<string> | null | undefined;

  const changed = (msg: Notification) => {
    const first = pending === undefined;
    // A notification without a subject (sent by hand, or by an older version) may mean anything.
    if (!msg.payload) pending = null;
    else if (pending !== null) (pending ??= new Set()).add(msg.payload);
    if (!first) return;
    // Coalesce a burst of notifications into one refresh.
    setTimeout(() => {
      const subjects = pending ? [...pending] : null;
      pending = undefined;
      onChange(subjects).catch((err) => log.error({ err }, 'snapshot refresh after a change notification failed'));
    }, 20).unref();
  };

  const schedule = () => {
    if (closed) return;
    const delay = backoffDelay(attempt++, minDelay, maxDelay, Math.random());
    retry = setTimeout(() => void connect(), delay);
    retry.unref();
  };

  // The connection c is gone (an error, the server ending it): forget it and try again later.
  const lost = (c: Client, err: unknown) => {
    if (c !== client || closed) return;
    client = null;
    stale = 'the change listener lost its database connection; reconnecting';
    log.warn({ err }, 'change listener lost its connection; reconnecting');
    c.end().catch(() => undefined);
    schedule();
  };

  const connect = async (): Promise<void> => {
    // The name shows in pg_stat_activity, so an operator can tell the listener from the pool.
    const c = new Client({
      connectionString: url,
      application_name: LISTENER_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    c.on('notification', changed);
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c, new Error('the connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (closed) return void (await c.end());
      client = c;
      // Whatever was committed while nobody listened is read now.
      await onChange(null);
    } catch (err) {
      if (client === c) return lost(c, err);
      c.end().catch(() => undefined);
      if (!closed) log.warn({ err, attempt }, 'change listener cannot reach the database; retrying');
      return schedule();
    }
    if (client !== c) return; // lost while catching up; a retry is already scheduled
    if (attempt > 0) log.info({ attempts: attempt }, 'change listener reconnected; snapshot reloaded');
    attempt = 0;
    stale = null;
  };

  await connect();
  return {
    staleBecause: () => stale,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
