// GET /healthz (the process answers) and GET /readyz (the database answers and we are not draining).
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors';
import type { Knowledge } from '../knowledge/service';

/** Registers the health routes. */
export function healthRoutes(app: FastifyInstance, knowledge: Knowledge, ready: () => boolean): void {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { summary: 'Readiness', tags: ['health'] } }, async () => {
    if (!ready()) fail('NOT_READY', 'starting or shutting down');
    await knowledge.db.prisma.$queryRaw`SELECT 1`.catch(() => fail('NOT_READY', 'the database does not answer'));
    return {
      status: 'ready',
      concepts: knowledge.snapshot.concepts.length,
      snapshotAt: knowledge.snapshot.loadedAt.toISOString(),
    };
  });
}
