// The error responses of REST routes in OpenAPI: problem+json with the shared Problem schema.

const PROBLEM_WHEN: Record<number, string> = {
  400: 'Bad parameters (BAD_USER_INPUT), each named in `problems`.',
  404: 'No such concept or object (NOT_FOUND), with the nearest names in `suggestions`.',
  406: 'No representation the Accept header allows (NOT_ACCEPTABLE).',
  413: 'The body is over 1 MiB, has too many objects, or a YAML alias bomb (PAYLOAD_TOO_LARGE).',
  415: 'Neither JSON nor YAML (UNSUPPORTED_MEDIA_TYPE).',
  422: 'Invalid manifests or options: every problem at its field path, e.g. objects[1].spec.ports[0].port.',
  500: 'An internal error (INTERNAL).',
  503: 'Starting, shutting down, or the database does not answer (NOT_READY).',
};

/** The error responses of a route, as problem+json with the shared Problem schema. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_WHEN[s] ?? 'An error.',
        content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
      },
    ]),
  );
}
