// buildApp: the whole HTTP API (REST, GraphQL, MCP) on one Fastify instance, not yet listening.
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { CAPABILITIES } from './capabilities';
import type { Limits } from './capabilities/budget';
import { limitsFromEnv } from './config';
import { graphqlContext, type GraphqlContext } from './graphql/context';
import { costLimit } from './graphql/cost';
import { depthLimit } from './graphql/depth';
import { formatGraphqlError } from './graphql/errors';
import { buildGraphqlSchema } from './graphql/schema';
import { problemHandlers } from './http/problem';
import type { Knowledge } from './knowledge/service';
import { mcpOptionsFromEnv, mcpRoutes, type McpOptions } from './mcp';
import { capabilityRoutes } from './rest/capabilities';
import { describeApi, docsRoutes } from './rest/docs';
import { healthRoutes } from './rest/health';
import { indexRoutes } from './rest/index-page';
import { requestBudgets } from './rest/limits';

export interface AppOptions {
  knowledge: Knowledge;
  /** pino logger; none in tests. */
  logger?: FastifyBaseLogger;
  /** Readiness: false while starting or draining. */
  ready?: () => boolean;
  /** The MCP endpoint's key requirement and allowed hosts and origins; default from the environment. */
  mcp?: McpOptions;
  /** Request budgets (docs/limits.md); default from the environment. */
  limits?: Limits;
}

// One log line per request, written when the response is done (Fastify's default writes two).
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) req.log.error({ ...line, err: error }, 'request');
    else req.log.info(line, 'request');
  }
}

export const BODY_LIMIT = 1024 * 1024;

/** The API as a Fastify instance; call listen() on it, or inject() in tests. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    logController: new OneLinePerRequest(),
    return503OnClosing: true,
  });
  for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
  }
  problemHandlers(app);
  const limits = opts.limits ?? limitsFromEnv();
  requestBudgets(app, limits);

  const apollo = new ApolloServer<GraphqlContext>({
    schema: await buildGraphqlSchema(),
    introspection: true,
    validationRules: [depthLimit()],
    // A document of a bounded number of tokens keeps parsing and validation small (aliases, fragments).
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: formatGraphqlError,
    plugins: [fastifyApolloDrainPlugin(app), costLimit(CAPABILITIES, limits)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['POST'],
    context: async (req) => graphqlContext(opts.knowledge, req),
  });

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
    healthRoutes(scope, opts.knowledge, opts.ready ?? (() => true));
    capabilityRoutes(scope, CAPABILITIES, opts.knowledge);
    mcpRoutes(scope, opts.knowledge, opts.mcp ?? mcpOptionsFromEnv());
    indexRoutes(scope);
  });
  return app;
}
