// Every HTTP request (REST, GraphQL, MCP) gets its own budget (src/capabilities/budget.ts), and the
// requests of one server share one computing gate and one pool of worker threads, which closes
// with the server. A request's budget knows when its client has left.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Budget, Gate, type Computing, type Limits } from '../capabilities/budget';
import { ComputePool } from '../capabilities/pool';

// A body this large costs the event loop its bytes to receive (a megabyte: milliseconds of reads and
// copies); a smaller one is received as any other, and the gate refuses it once read.
const REFUSED_UNREAD_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request may still spend; `invoke` charges it. */
    budget: Budget;
  }
}

const REPLY = Symbol('kubeknow.reply');
const BUDGET = Symbol('kubeknow.budget');
type Slots = FastifyRequest & { [REPLY]: FastifyReply | null; [BUDGET]: Budget | null };

/** Gives each request a budget under these limits, all sharing one gate and one pool. */
export function requestBudgets(app: FastifyInstance, limits: Limits): Computing {
  const gate = new Gate(limits.computeConcurrency, limits.computeQueue, limits.computeQueueWaitMs);
  const pool = limits.computeThreads > 0 ? new ComputePool(limits.computeThreads) : undefined;
  if (pool) app.addHook('onClose', () => pool.close());
  // Made when first read: a budget starts empty, and most requests (a cached answer) never spend one.
  // A budget knows its reply's response, to learn when the client leaves. Both are slots of the request
  // (decorated, so every request has the same shape), not WeakMaps: a WeakMap entry per request is an
  // ephemeron, which the collector traces apart from other objects.
  app.decorateRequest(REPLY, null);
  app.decorateRequest(BUDGET, null);
  app.addHook('onRequest', (req, reply, done) => {
    (req as Slots)[REPLY] = reply;
    // A large body for a computation that the full queue would refuse is refused before it is
    // received: thirty 1 MB bodies at once cost the event loop their bytes, and the most of them
    // would only be told 503 OVERLOADED once read. The gate gives the refusal it would give then
    // (a full queue refuses at once, without waiting or queueing), and counts it.
    const large = Number(req.headers['content-length']) > REFUSED_UNREAD_BYTES;
    if (!large || !req.routeOptions.config.bodyInWorker || gate.queued < limits.computeQueue) return done();
    gate.acquire().then(
      (release) => (release(), done()),
      (err: Error) => {
        gate.refused(err);
        // The body is not read: the connection cannot carry another request after this answer.
        reply.header('connection', 'close');
        done(err);
      },
    );
  });
  app.decorateRequest('budget', {
    getter(this: FastifyRequest) {
      const slots = this as Slots;
      return (slots[BUDGET] ??= new Budget(limits, gate, pool, clientLeft(slots[REPLY] ?? undefined)));
    },
  });
  return { gate, pool };
}

/**
 * Aborts when the reply's response closes before it has finished: that happens only when the
 * connection went first, so the client left, and its computation stops (or leaves the queue) instead
 * of working for nobody.
 */
function clientLeft(reply: FastifyReply | undefined): AbortSignal | undefined {
  if (!reply) return undefined;
  const res = reply.raw;
  const left = new AbortController();
  if (res.destroyed && !res.writableFinished) left.abort();
  else
    res.once('close', () => {
      if (!res.writableFinished) left.abort();
    });
  return left.signal;
}
