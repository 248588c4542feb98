// Whether an error means "the database does not answer now" (down, restarting, unreachable, out of
// connections) rather than "this request is wrong" or a bug: such a request may simply be retried.
// Prisma wraps the driver's error (meta.driverAdapterError, its cause); pg and the schema engine
// throw their own. Kinds: @prisma/adapter-pg's error mapping; codes: PostgreSQL's appendix A.

const KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const CODES = new Set([
  // Prisma: can't reach, timed out, server closed the connection, no connection from the pool in time
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  // sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up), too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const MESSAGES =
  /Can't reach database server|Connection terminated|connection is closed|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

/** True when err (or what it wraps) says the database is unreachable or restarting. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 16) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as {
      kind?: unknown;
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof o.kind === 'string' && KINDS.has(o.kind)) return true;
    if (typeof o.code === 'string' && (CODES.has(o.code) || o.code.startsWith('08'))) return true;
    if (typeof o.message === 'string' && MESSAGES.test(o.message)) return true;
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return false;
}
