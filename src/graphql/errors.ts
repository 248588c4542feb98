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
  // Apollo's own errors (parse, validation, bad variables) keep their codes; drop stack traces.
  return { ...formatted, extensions: { code } };
}
