// Keeps replicas current: every edit NOTIFYs at commit (edits.ts); each process on PostgreSQL
// LISTENs and rebuilds its snapshot, so a write in one is visible in the others within milliseconds.
// PGlite is embedded in one process, which already rebuilds after its own writes.
//
// Notifications sent while the connection is down are lost for good (PostgreSQL queues them only
// for connected listeners), so after every (re)connection the whole snapshot is read again, and
// until that read is done the snapshot may be behind: `staleBecause` says so, and /readyz is 503.
import { Client } from 'pg';
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
 * LISTENs for changes and calls onChange (coalesced). A lost connection is retried with back-off
 * forever, and each (re)connection is followed by onChange, which catches up what was missed.
 * Resolves once the first attempt is over, connected or not: the process serves while it retries.
 */
export async function listenForChanges(
  url: string,
  onChange: () => Promise<void>,
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
  let pending = false;

  const changed = () => {
    if (pending) return;
    pending = true;
    // Coalesce a burst of notifications into one rebuild.
    setTimeout(() => {
      pending = false;
      onChange().catch((err) => log.error({ err }, 'snapshot refresh after a change notification failed'));
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
      await onChange();
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
