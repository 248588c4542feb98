// buildApp: the whole HTTP API (REST, GraphQL, MCP) on one Fastify instance, not yet listening.
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { apiKeyId } from './auth/keys';
import { CAPABILITIES } from './capabilities';
import type { Limits } from './capabilities/budget';
import { limitsFromEnv } from './config';
import { graphqlRoute } from './graphql/route';
import { allowCors } from './http/cors';
import { securityHeaders } from './http/headers';
import { computeMetrics, metricsRoutes, storeMetrics } from './http/metrics';
import { DEFAULT_HTTP_LIMITS, rateLimits, serverOptions, type HttpLimits } from './http/limits';
import { jsonBodies, textBodies } from './http/json-body';
import { mediaTypes } from './http/media-type';
import { methodRoutes } from './http/methods';
import { problemHandlers } from './http/problem';
import { clientError, frameworkError, OneLinePerRequest, requestHooks, requestId } from './http/requests';
import type { Knowledge } from './knowledge/service';
import { mcpOptionsFromEnv, mcpRoutes, type McpOptions } from './mcp';
import { adminRoutes } from './rest/admin';
import { capabilityRoutes } from './rest/capabilities';
import { describeApi, docsRoutes } from './rest/docs';
import { healthRoutes } from './rest/health';
import { indexRoutes } from './rest/index-page';
import { requestBudgets } from './rest/limits';

export interface AppOptions {
  knowledge: Knowledge;
  /** pino logger; none in tests. */
  logger?: FastifyBaseLogger;
  /** Why the server should not get requests now (starting, draining, a stale snapshot); null when it should. */
  notReady?: () => string | null;
  /**
   * Timeouts, connection cap and rate limits (src/http/limits.ts); each unset one keeps its default,
   * except the rate limits, which apply only when given (src/server.ts gives them all): an app under
   * test, or embedded, has one caller, whose own limits apply.
   */
  limits?: Partial<HttpLimits>;
  /** The MCP endpoint's key requirement and allowed hosts and origins; default from the environment. */
  mcp?: McpOptions;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Request budgets: cost, response size, the computing gate (docs/limits.md); default from the environment. */
  budgets?: Limits;
}

export const BODY_LIMIT = 1024 * 1024;

/** The API as a Fastify instance; call listen() on it, or inject() in tests. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_HTTP_LIMITS, rateLimitMax: 0, rateLimitKeyMax: 0, authFailuresMax: 0, ...opts.limits };
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    ...serverOptions(limits),
    bodyLimit: BODY_LIMIT,
    logController: new OneLinePerRequest(),
    genReqId: requestId,
    clientErrorHandler: clientError,
    frameworkErrors: frameworkError,
    // requestHooks answers requests that arrive while closing, as problem+json.
    return503OnClosing: false,
  });
  if (limits.maxConnections > 0) app.server.maxConnections = limits.maxConnections;
  // Before any route, so that every one is noted.
  const methods = methodRoutes(app);
  const budgets = opts.budgets ?? limitsFromEnv();
  jsonBodies(app, BODY_LIMIT, budgets.maxObjectKeys);
  textBodies(app, ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], BODY_LIMIT);
  problemHandlers(app);
  // First of the onRequest hooks: an answer that a later one makes (a 429, a CORS preflight, the 503
  // while closing) carries them too.
  securityHeaders(app);
  const requests = requestHooks(app);
  mediaTypes(app);
  await rateLimits(app, limits, (header) => apiKeyId(opts.knowledge.db.prisma, header));
  await allowCors(app, opts.corsOrigins ?? []);
  const notReady = opts.notReady ?? (() => null);
  const metrics = metricsRoutes(app, notReady, requests.onClientLeft);
  storeMetrics(app, metrics.registry, opts.knowledge);
  const computing = requestBudgets(app, budgets);
  computeMetrics(metrics.registry, computing);

  graphqlRoute(app, { knowledge: opts.knowledge, budgets, computing, plugins: [metrics.graphqlPlugin] });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'kubeknow',
        version: '1',
        description: 'Kubernetes knowledge and computed cluster behaviour, in Korean and English.',
      },
    },
    // Shared schemas keep their $id (e.g. Problem) as their component name instead of def-N.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  describeApi(app);
  docsRoutes(app);

  await app.register(async (scope) => {
    healthRoutes(scope, opts.knowledge, notReady);
    capabilityRoutes(scope, CAPABILITIES, opts.knowledge);
    adminRoutes(scope, opts.knowledge);
    mcpRoutes(scope, opts.knowledge, opts.mcp ?? mcpOptionsFromEnv());
    indexRoutes(scope);
  });
  methods.refuseOtherMethods();
  return app;
}
