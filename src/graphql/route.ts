// POST /graphql. Answers kept per snapshot are sent by the route's hooks (./answers.ts), which need
// neither Apollo nor graphql-js; Apollo, its schema and the modules they load (graphql-js,
// type-graphql, Apollo Server, graphql-scalars, and the schema's build) are made a second after the
// server listens, or by the first request that needs them if that comes first (app.inject() in tests
// never listens). So a starting server's first answers do not wait for GraphQL; a GraphQL request
// that comes first waits for it. Made in one piece, that held every other request (/healthz too)
// for 0.5–0.9 s; it is made in steps, each in a turn of the event loop of its own, the longest about
// a tenth of a second (docs/performance.md), with what is waiting served between them.
import type { FastifyInstance } from 'fastify';
import { JSON_ONLY } from '../http/media-type';
import type { GraphqlHandler, GraphqlOptions } from './apollo';
import { graphqlAnswers } from './answers';
import { loadInTurns } from '../util/turns';
import { graphqlRequestError } from './envelope';

const GRAPHQL_START_DELAY_MS = 1000;

// What ./apollo loads, heaviest first, each a step of its own: ./apollo then finds them loaded. The
// schema's build and Apollo's start are steps too (./schema.ts, ./apollo.ts).
const MODULES = [
  () => import('graphql'),
  () => import('graphql-scalars'),
  () => import('@apollo/server'),
  () => import('type-graphql'),
  () => import('./schema'),
];

async function loadApollo(): Promise<typeof import('./apollo')> {
  await loadInTurns(MODULES);
  return import('./apollo');
}

/** Registers POST /graphql on app. */
export function graphqlRoute(app: FastifyInstance, opts: GraphqlOptions): void {
  const answers = graphqlAnswers(opts.knowledge);
  let started: Promise<GraphqlHandler> | undefined;
  const handler = (): Promise<GraphqlHandler> =>
    (started ??= (app.log.info('starting GraphQL'), loadApollo())
      .then(({ startApollo }) => startApollo(app, { ...opts, plugins: [...opts.plugins, answers.plugin] }))
      .catch((err: unknown) => {
        started = undefined; // a failed start is tried again by the next request, not kept
        throw err;
      }));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onListen', (done) => {
    // A second after listening, so the first requests of a starting server (a readiness probe, a
    // REST lookup) are not held behind the build, which keeps the event loop for about half a second.
    timer = setTimeout(
      () =>
        void handler().then(
          () => app.log.info('GraphQL started'),
          (err: unknown) => app.log.error({ err }, 'GraphQL did not start'),
        ),
      GRAPHQL_START_DELAY_MS,
    ).unref();
    done();
  });
  // A server closed within that second does not make it.
  app.addHook('onClose', (_instance, done) => {
    clearTimeout(timer);
    done();
  });
  void app.register(async (scope) => {
    answers.hooks(scope);
    // What fails before Apollo runs is answered in GraphQL's envelope too (envelope.ts). A body that is
    // not JSON is refused before it is read (src/http/media-type.ts), as the REST routes refuse one: a
    // YAML body was parsed as text for REST and reached Apollo, which answered 400 at path '', and
    // text/plain got Apollo's CSRF refusal.
    scope.post('/graphql', { errorHandler: graphqlRequestError, config: { takes: JSON_ONLY } }, async (req, reply) =>
      (await handler())(req, reply),
    );
  });
}
