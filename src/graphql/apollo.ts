// Apollo Server with kubeknow's schema, limits and plugins, as the handler of POST /graphql. Loaded by
// src/graphql/route.ts when it is first needed: this module brings in graphql-js, type-graphql and
// Apollo Server, which the rest of the API does not use.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CAPABILITIES } from '../capabilities';
import type { Computing, Limits } from '../capabilities/budget';
import type { Knowledge } from '../knowledge/service';
import { graphqlContext, type GraphqlContext } from './context';
import { costLimit } from './cost';
import { depthLimit } from './depth';
import { errorLogPlugin } from './error-log';
import { formatGraphqlError } from './errors';
import { noSubscriptions } from './no-subscriptions';
import { FASTIFY_REQUEST, type WithRequest } from './request';
import { buildGraphqlSchema } from './schema';
import { variablesDepthLimit } from './variables-depth';

export type Context = GraphqlContext & WithRequest;

/** The route's handler: Apollo's answer as text (a stream for incremental delivery). */
export type GraphqlHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** What POST /graphql's Apollo is made from. */
export interface GraphqlOptions {
  knowledge: Knowledge;
  budgets: Limits;
  computing: Computing;
  /** Plugins of the app's own (metrics), run after kubeknow's limits. */
  plugins: ApolloServerPlugin<Context>[];
}

/** Builds the schema, starts Apollo and returns the route's handler, in turns of the event loop (route.ts). */
export async function startApollo(app: FastifyInstance, opts: GraphqlOptions): Promise<GraphqlHandler> {
  const schema = await buildGraphqlSchema();
  await nextTurn();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    // Automatic persisted queries are off: every client sends its query, and a request with a
    // persistedQuery extension is the client's error PERSISTED_QUERY_NOT_SUPPORTED (docs/errors.md),
    // never Apollo's code-less errors (an unknown version, a hash that does not match) seen as internal.
    persistedQueries: false,
    validationRules: [depthLimit(), noSubscriptions],
    // A document of a bounded number of tokens keeps parsing and validation small (aliases, fragments).
    parseOptions: { maxTokens: opts.budgets.maxTokens },
    formatError: formatGraphqlError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      errorLogPlugin(),
      variablesDepthLimit(),
      costLimit(CAPABILITIES, opts.budgets, (err) => opts.computing.gate.refused(err)),
      ...opts.plugins,
    ],
    // Apollo would stop itself on SIGTERM and then re-raise the signal, killing the process before
    // src/server.ts closes the database; the server's own handler stops everything, Apollo included.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, {
    context: async (req) => Object.assign(graphqlContext(opts.knowledge, req), { [FASTIFY_REQUEST]: req }),
  });
  // Apollo's handler reads neither `this` nor anything its route generics add.
  type Args = Parameters<typeof handler>;
  return (req, reply) => handler.call(app, req as Args[0], reply as Args[1]) as Promise<unknown>;
}
