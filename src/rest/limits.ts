// Every HTTP request (REST, GraphQL, MCP) gets its own budget (src/capabilities/budget.ts), and the
// requests of one server share one computing gate and one pool of worker threads, which closes
// with the server.
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  const gate = new Gate(limits.computeConcurrency, limits.computeQueue);
  const pool = limits.computeThreads > 0 ? new ComputePool(limits.computeThreads) : undefined;
  if (pool) app.addHook('onClose', () => pool.close());
  // Made when first read: a budget starts empty, and most requests (a cached answer) never spend one.
  const budgets = new WeakMap<FastifyRequest, Budget>();
  app.decorateRequest('budget', {
    getter(this: FastifyRequest) {
      let budget = budgets.get(this);
      if (!budget) budgets.set(this, (budget = new Budget(limits, gate, pool)));
      return budget;
    },
  });
  return { gate, pool };
}
