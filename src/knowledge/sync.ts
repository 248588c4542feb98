// Keeps replicas current: every edit NOTIFYs at commit (edits.ts); each process on PostgreSQL
// LISTENs and rebuilds its snapshot, so a write in one is visible in the others within milliseconds.
// PGlite is embedded in one process, which already rebuilds after its own writes.
import { Client } from 'pg';
import type { Logger } from 'pino';
import { CHANGE_CHANNEL } from './edits';

export interface Listener {
  close(): Promise<void>;
}

/** LISTENs for changes and calls onChange (coalesced); reconnects if the connection drops. */
export async function listenForChanges(url: string, onChange: () => Promise<void>, log: Logger): Promise<Listener> {
  let closed = false;
  let client: Client | null = null;
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
  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: url });
    c.on('notification', changed);
    c.on('error', (err) => {
      log.warn({ err }, 'change listener lost its connection; reconnecting');
      client = null;
      if (!closed) setTimeout(() => void connect().then(changed, () => undefined), 1000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
