// GET /healthz (the process answers) and GET /readyz (the database answers, the snapshot is current,
// and we are neither starting nor draining).
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors';
import type { Knowledge } from '../knowledge/service';
import { problemResponses } from './schemas';

const readySchema = {
  summary: 'Readiness',
  description:
    'Ready when the database answers, the snapshot is current (on PostgreSQL: the change listener is connected and has caught up) and the server is neither starting nor draining; a load balancer routes by it. A 503 carries `Retry-After`.',
  tags: ['health'],
  response: {
    200: {
      description: 'Ready.',
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ready'] },
        concepts: { type: 'integer', description: 'Concepts in the snapshot being served.' },
        snapshotAt: { type: 'string', format: 'date-time' },
      },
    },
    ...problemResponses(503),
  },
};

/** Registers the health routes; notReady says why the server should not be sent requests now (null: it should). */
export function healthRoutes(app: FastifyInstance, knowledge: Knowledge, notReady: () => string | null): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness',
        description: 'Answers while the process serves requests; it does not ask the database.',
        tags: ['health'],
        response: {
          200: { description: 'Alive.', type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
          ...problemResponses(500),
        },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get('/readyz', { schema: readySchema }, async () => {
    const reason = notReady();
    if (reason) fail('NOT_READY', reason);
    await knowledge.db.prisma.$queryRaw`SELECT 1`.catch(() => fail('NOT_READY', 'the database does not answer'));
    return {
      status: 'ready',
      concepts: knowledge.snapshot.concepts.length,
      snapshotAt: knowledge.snapshot.loadedAt.toISOString(),
    };
  });
}
