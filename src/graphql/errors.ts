// The GraphQL error hook: errors of ours carry `extensions.code` from the small set portals switch
// on (BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT), plus the precise code and
// the field problems.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { KubeknowError } from '../errors';
import { knownFailure } from '../http/problem';
import { graphqlErrorOf } from './envelope';

/** Apollo's formatError: maps KubeknowError, hides internals of anything else. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // A refusal before execution (the cost limit) is a GraphQLError around ours, without a path.
  const ours =
    unwrapped instanceof GraphQLError && unwrapped.originalError instanceof KubeknowError
      ? unwrapped.originalError
      : unwrapped;
  const original = knownFailure(ours) ?? ours;
  if (original instanceof KubeknowError) {
    const { message, extensions } = graphqlErrorOf(original);
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || !code) {
    return {
      message: 'internal error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  // A request Apollo refuses as malformed gets our extensions too, so a client reads every refusal alike.
  if (code === 'BAD_REQUEST') {
    const message = formatted.message.trim();
    const problems = [{ code: 'BAD_USER_INPUT', path: badRequestPath(message), message }];
    return { message, extensions: { code, kubeknowCode: 'BAD_USER_INPUT', problems } };
  }
  // Apollo's own errors (parse, validation, bad variables) keep their codes; drop stack traces.
  return { ...formatted, extensions: { code } };
}

/** Where in the request Apollo's BAD_REQUEST is, read from its words (its errors carry no field):
 * Apollo's runHttpQuery.js and preventCsrf.js. */
function badRequestPath(message: string): string {
  // CSRF prevention refuses a body a browser may send cross-site without a preflight (text/plain, forms).
  if (message.includes('Cross-Site Request Forgery')) return 'headers.content-type';
  if (message.startsWith('GraphQL queries must be strings')) return 'query';
  return /^`(\w+)` in a POST body/.exec(message)?.[1] ?? '';
}
