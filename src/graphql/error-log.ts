// GraphQL answers its errors over HTTP 200, so the REST error hook never sees them. This Apollo
// plugin does what that hook does for them: internal errors are logged with their cause under the
// request's id, and refused keys count towards the failed-key limit (src/http/limits.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { FastifyRequest } from 'fastify';
import { KubeknowError } from '../errors';
import { markAuthFailure } from '../http/limits';
import { knownFailure } from '../http/problem';

/** Where a GraphQL context keeps its Fastify request (a symbol: Apollo copies the context per operation). */
export const FASTIFY_REQUEST = Symbol('kubeknow.fastifyRequest');
export type WithRequest = { [FASTIFY_REQUEST]?: FastifyRequest };

/** The plugin, for contexts made by withRequest. */
export function errorLogPlugin<C extends WithRequest>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          const req = rc.contextValue[FASTIFY_REQUEST];
          if (!req) return;
          for (const e of rc.errors) {
            const original = unwrapResolverError(e);
            if (original instanceof KubeknowError) {
              if (original.code === 'UNAUTHENTICATED') markAuthFailure(req);
              continue;
            }
            const code = e.extensions?.code;
            // Apollo's own errors (parse, validation, variables) are the client's, not ours.
            if (code && code !== 'INTERNAL_SERVER_ERROR') continue;
            // A lost race is the client's to retry; an outage is logged, but it is not a bug.
            const known = knownFailure(original)?.code;
            if (known === 'UNAVAILABLE') req.log.warn({ err: original, path: e.path }, 'GraphQL field failed');
            else if (!known) req.log.error({ err: original, path: e.path }, 'GraphQL field failed');
          }
        },
      };
    },
  };
}
