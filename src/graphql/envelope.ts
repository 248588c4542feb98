// Our errors in GraphQL's envelope, without graphql-js: Apollo's formatError (errors.ts) and the route's
// own error hook, which answers what fails before Apollo runs (a body that is not JSON, a prototype key,
// a body too large, a rate limit) as a GraphQL response rather than problem+json. The route loads no
// GraphQL module until it is needed (route.ts), so this one imports none.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, KubeknowError } from '../errors';
import { failureOf } from '../http/problem';

// `extensions.code` from the small set portals switch on; any other of ours is BAD_USER_INPUT, and
// `extensions.kubeknowCode` is the precise one.
const GRAPHQL_CODE: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  NOT_READY: 'INTERNAL_SERVER_ERROR',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  OVERLOADED: 'OVERLOADED',
  CLIENT_CLOSED_REQUEST: 'CLIENT_CLOSED_REQUEST',
};

/** A KubeknowError as a GraphQL error's message and extensions (its codes, problems and details). */
export function graphqlErrorOf(err: KubeknowError): { message: string; extensions: Record<string, unknown> } {
  return {
    message: err.message,
    extensions: {
      code: GRAPHQL_CODE[err.code] ?? 'BAD_USER_INPUT',
      kubeknowCode: err.code,
      problems: err.problems,
      ...(err.details ?? {}),
    },
  };
}

/** POST /graphql's error hook: a request refused before Apollo runs gets a GraphQL response with no
 * `data` (GraphQL over HTTP's request error) at the error's HTTP status; a 5xx with its request id. */
export function graphqlRequestError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const err = failureOf(error, req, reply);
  const { message, extensions } = graphqlErrorOf(err);
  void reply
    .status(err.status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: err.status >= 500 ? { ...extensions, requestId: req.id } : extensions }] });
}
