// GraphQL answers its errors over HTTP 200, so the REST error hook never sees them. This Apollo
// plugin does what that hook does for them: internal errors are logged with their cause under the
// request's id, client mistakes are not logged as faults, and refused keys count towards the failed-key
// limit (src/http/limits.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { FASTIFY_REQUEST, type WithRequest } from './request';
import { KubeknowError } from '../errors';
import { markAuthFailure } from '../http/limits';
import { knownFailure, logFailure } from '../http/problem';

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
            // A refusal before execution (the cost limit) is a GraphQLError around ours.
            const cause = e.originalError instanceof KubeknowError ? e.originalError : original;
            const ours = cause instanceof KubeknowError ? cause : knownFailure(cause);
            if (ours?.code === 'UNAUTHENTICATED') markAuthFailure(req);
            if (ours) logFailure(req.log, ours, { err: cause, path: e.path }, 'GraphQL field failed');
            // Apollo's own errors (parse, validation, variables) are the client's, not ours.
            else if (!e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR')
              req.log.error({ err: original, path: e.path }, 'GraphQL field failed');
          }
        },
      };
    },
  };
}
