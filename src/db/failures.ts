// Database errors that are not bugs: "the database does not answer now" (down, restarting,
// unreachable, out of connections: retry later) and "another write got there first" (a unique key
// taken between our check and our insert, a serialization failure: read again and retry).
// Prisma wraps the driver's error (meta.driverAdapterError, its cause); pg and the schema engine
// throw their own. Kinds: @prisma/adapter-pg's error mapping; codes: PostgreSQL's appendix A.

const KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const CODES = new Set([
  // Prisma: can't reach, timed out, server closed the connection, no connection from the pool in
  // time, a transaction not started (or timed out) in time: all of them a busy or absent database
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  'P2028',
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

interface Cause {
  kind?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

// err and what it wraps, breadth first, a bounded number of them (a cause chain may loop).
function someCause(err: unknown, test: (c: Cause) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 16) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const c = e as Cause;
    if (test(c)) return true;
    queue.push(c.cause, c.meta?.driverAdapterError);
  }
  return false;
}

const codeOf = (c: Cause): string => (typeof c.code === 'string' ? c.code : '');

/** True when err (or what it wraps) says the database is unreachable or restarting. */
export const isDatabaseUnavailable = (err: unknown): boolean =>
  someCause(
    err,
    (c) =>
      (typeof c.kind === 'string' && KINDS.has(c.kind)) ||
      CODES.has(codeOf(c)) ||
      codeOf(c).startsWith('08') ||
      (typeof c.message === 'string' && MESSAGES.test(c.message)),
  );

// Prisma: unique constraint, foreign key, write conflict or deadlock; PostgreSQL: unique_violation,
// foreign_key_violation, serialization_failure, deadlock_detected. Edits check that what they cite
// exists before writing, so a foreign key that fails at commit was removed by a concurrent edit
// (addFact citing a reference removeReference removed at the same time).
const CONFLICT_KINDS = new Set([
  'UniqueConstraintViolation',
  'ForeignKeyConstraintViolation',
  'TransactionWriteConflict',
]);
const CONFLICT_CODES = new Set(['P2002', 'P2003', 'P2034', '23505', '23503', '40001', '40P01']);

/** True when err (or what it wraps) says a concurrent write took the key or the rows first. */
export const isWriteConflict = (err: unknown): boolean =>
  someCause(err, (c) => (typeof c.kind === 'string' && CONFLICT_KINDS.has(c.kind)) || CONFLICT_CODES.has(codeOf(c)));
