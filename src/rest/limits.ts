// Every HTTP request (REST, GraphQL, MCP) gets its own budget (src/capabilities/budget.ts), and the
// requests of one server share one computing gate.
import type { FastifyInstance } from 'fastify';
import { Budget, Gate, type Limits } from '../capabilities/budget';

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request may still spend; `invoke` charges it. */
    budget: Budget;
  }
}

/** Gives each request a budget under these limits, all sharing one gate. */
export function requestBudgets(app: FastifyInstance, limits: Limits): void {
  const gate = new Gate(limits.computeConcurrency, limits.computeQueue);
  app.decorateRequest('budget', null as unknown as Budget);
  app.addHook('onRequest', async (req) => {
    req.budget = new Budget(limits, gate);
  });
}
