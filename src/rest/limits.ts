// Every HTTP request (REST, GraphQL, MCP) gets its own budget (src/capabilities/budget.ts), and the
// requests of one server share one computing gate and one pool of worker threads, which closes
// with the server. A request's budget knows when its client has left.
import type { FastifyInstance } from 'fastify';
import { Budget, Gate, type Computing, type Limits } from '../capabilities/budget';
import { ComputePool } from '../capabilities/pool';

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request may still spend; `invoke` charges it. */
    budget: Budget;
  }
}

/** Gives each request a budget under these limits, all sharing one gate and one pool. */
export function requestBudgets(app: FastifyInstance, limits: Limits): Computing {
  const gate = new Gate(limits.computeConcurrency, limits.computeQueue, limits.computeQueueWaitMs);
  const pool = limits.computeThreads > 0 ? new ComputePool(limits.computeThreads) : undefined;
  if (pool) app.addHook('onClose', () => pool.close());
  app.decorateRequest('budget', null as unknown as Budget);
  app.addHook('onRequest', async (req, reply) => {
    // The response closes before it has finished only when the connection went first: the client left,
    // so its computation stops (or leaves the queue) instead of working for nobody.
    const left = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) left.abort();
    });
    req.budget = new Budget(limits, gate, pool, left.signal);
  });
  return { gate, pool };
}
