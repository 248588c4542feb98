// The REST error hook: every error leaves as application/problem+json (RFC 9457) with a stable code.
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isWriteConflict } from '../db/failures';
import { ERROR_STATUS, KubeknowError, type ErrorCode, type Problem } from '../errors';
import { isLocale, type Locale } from '../knowledge/types';
import { acceptLanguage } from './negotiate';

/** Seconds a client is told to wait (Retry-After) after a 503 that does not say otherwise. */
export const RETRY_AFTER_S = 5;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  problems: Problem[];
  [extension: string]: unknown;
}

/** RFC 9457 problem details, as problemHandlers sends every REST error: components/schemas/Problem. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description:
    'An error (application/problem+json, RFC 9457). `code` is stable; `problems` lists every problem with its field path. Some codes add members, e.g. NOT_FOUND adds `suggestions`.',
  required: ['type', 'title', 'status', 'code', 'detail', 'problems'],
  properties: {
    type: { type: 'string', description: 'Where the code is documented.' },
    title: {
      type: 'string',
      description: 'The HTTP status, in words: in Korean when the request asks for ko (`?lang=ko` or Accept-Language).',
    },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(ERROR_STATUS), description: 'The code of the first problem.' },
    detail: { type: 'string', description: 'Every problem, "path: message", joined by "; ".' },
    instance: { type: 'string', description: 'The request path and query.' },
    requestId: {
      type: 'string',
      description: 'On a 5xx answer: the id of this request in the server log, as in the `X-Request-Id` header.',
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'path', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
          path: {
            type: 'string',
            description: 'The field, e.g. `lang` or `objects[1].spec.ports[0].port`; empty for the input as a whole.',
          },
          message: { type: 'string' },
          value: { description: 'The offending value, when showing it helps.' },
        },
      },
    },
  },
  additionalProperties: true,
} as const;

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// The titles in Korean, for a request that asks for ko. Only the title: `detail` and each problem's
// message stay as Kubernetes and the API server word them (as kubectl prints them), with their paths.
const TITLES_KO: Partial<Record<number, string>> = {
  400: '잘못된 요청',
  401: '인증 필요',
  403: '금지됨',
  404: '찾을 수 없음',
  405: '허용되지 않는 메서드',
  406: '허용되지 않는 형식',
  408: '요청 시간 초과',
  409: '충돌',
  413: '내용이 너무 큼',
  414: 'URI가 너무 긺',
  415: '지원하지 않는 미디어 형식',
  422: '처리할 수 없는 내용',
  429: '요청이 너무 많음',
  431: '요청 헤더가 너무 큼',
  500: '내부 서버 오류',
  503: '서비스를 사용할 수 없음',
};

// The language a request asked for, as the routes read it: `?lang=` (any case), else Accept-Language.
function requestLocale(req: FastifyRequest): Locale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  const asked = typeof lang === 'string' ? lang.toLowerCase() : undefined;
  return asked && isLocale(asked) ? asked : acceptLanguage(req.headers['accept-language']);
}

/** The problem document for an error of ours; its title in the request's language. */
export function problemOf(err: KubeknowError, instance?: string, locale: Locale = 'en'): ProblemDocument {
  return {
    type: `https://github.com/kubeknow/kubeknow/blob/main/docs/errors.md#${err.code.toLowerCase()}`,
    title: (locale === 'ko' ? TITLES_KO : TITLES)[err.status] ?? 'Error',
    status: err.status,
    code: err.code,
    detail: err.message,
    ...(instance ? { instance } : {}),
    problems: [...err.problems],
    ...(err.details ?? {}),
  };
}

/** A body over the limit: the limit in bytes and MiB, and how to send less (Fastify says only "too large"). */
const tooLarge = (limit: number) =>
  new KubeknowError(
    {
      code: 'PAYLOAD_TOO_LARGE',
      path: '',
      message: `the request body is over the limit of ${limit} bytes (${+(limit / 2 ** 20).toFixed(2)} MiB); send less: fewer objects or documents, or split them over several requests`,
    },
    { limit },
  );

/** Fastify's own errors (schema validation, body size, content type) as errors of ours; `bodyLimit`, the
 * route's, for a body over it. */
export function fromFastifyError(err: FastifyError, bodyLimit: number): KubeknowError {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge(bodyLimit);
  if (err.validation) {
    return new KubeknowError(
      err.validation.map((v) => ({
        code: 'BAD_USER_INPUT' as const,
        path: [
          err.validationContext,
          ...v.instancePath.split('/').filter(Boolean),
          (v.params as { missingProperty?: string }).missingProperty,
        ]
          .filter(Boolean)
          .join('.'),
        message: v.message ?? 'is invalid',
      })),
    );
  }
  const byStatus: Partial<Record<number, ErrorCode>> = {
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    404: 'NOT_FOUND',
    406: 'NOT_ACCEPTABLE',
  };
  const code =
    byStatus[err.statusCode ?? 500] ?? (err.statusCode && err.statusCode < 500 ? 'BAD_USER_INPUT' : 'INTERNAL');
  return new KubeknowError([{ code, path: '', message: code === 'INTERNAL' ? 'internal error' : err.message }]);
}

/** A database error that is not a bug, as the client sees it (src/db/failures.ts); undefined for any other error. */
export function knownFailure(err: unknown): KubeknowError | undefined {
  if (isDatabaseUnavailable(err))
    return new KubeknowError({
      code: 'UNAVAILABLE',
      path: '',
      message: 'the database does not answer; nothing was written; retry',
    });
  if (isWriteConflict(err))
    return new KubeknowError({
      code: 'CONFLICT',
      path: '',
      message: 'a concurrent write got there first; nothing was written; read again and retry',
    });
  return undefined;
}

/**
 * Logs a failed request or call at its level, as every transport does: an internal fault at error, with
 * its cause; a 5xx that is no fault of ours (an outage, an overload) at warn; the client's own mistakes
 * (a bad field, a cost over the limit, a lost race) not at all, beyond the request's info line.
 */
export function logFailure(log: FastifyBaseLogger, err: KubeknowError, fields: object, message: string): void {
  if (err.code === 'INTERNAL') log.error(fields, message);
  else if (err.status >= 500) log.warn(fields, message);
}

/**
 * A request's error as its client is told it, logged, with its Retry-After header set: what every
 * transport's error hook does before it writes the answer in its own envelope (problem+json here,
 * GraphQL's and JSON-RPC's for /graphql and /mcp).
 */
export function failureOf(error: FastifyError, req: FastifyRequest, reply: FastifyReply): KubeknowError {
  const err =
    error instanceof KubeknowError
      ? error
      : (knownFailure(error) ?? fromFastifyError(error, req.routeOptions.bodyLimit));
  // A 5xx is ours to look into: logged with its cause; the request id (in the log line, the
  // X-Request-Id header and the answer) ties the client's report to it.
  logFailure(req.log, err, { err: error }, 'request failed');
  // A refusal that passes (OVERLOADED) says when to come back, in the header clients and proxies read.
  if (typeof err.details?.retryAfter === 'number') reply.header('retry-after', String(err.details.retryAfter));
  if (err.status === 503 && !reply.getHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_S);
  return err;
}

/** The 404 of a path no route serves, with any method. */
export const noRoute = (req: FastifyRequest): KubeknowError =>
  new KubeknowError({
    code: 'NOT_FOUND',
    path: '',
    message: `no route ${req.method} ${req.url.split('?')[0]}; see GET / for the API's routes`,
  });

/** Installs the error and not-found handlers on the app. */
export function problemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const err = failureOf(error, req, reply);
    reply
      .status(ERROR_STATUS[err.code])
      .type('application/problem+json; charset=utf-8')
      .send({ ...problemOf(err, req.url, requestLocale(req)), ...(err.status >= 500 ? { requestId: req.id } : {}) });
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problemOf(noRoute(req), req.url, requestLocale(req)));
  });
}
