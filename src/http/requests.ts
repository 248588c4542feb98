// What every request gets whatever its route: an id (the caller's X-Request-Id when it is a sane
// one), that id echoed back, a log line without the query string, and a problem+json 503 while the
// server shuts down (Fastify's own return503OnClosing answers plain JSON), and problem+json too for what Node's parser refuses before any route runs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { fail, KubeknowError, type ErrorCode } from '../errors';
import { ANSWER_HEADERS, answerHeaders } from './headers';
import { problemOf } from './problem';

// Ids go into every log line of the request, so a caller's id is taken only when it is short and plain.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id if sane, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** The URL as logged: questions and other query values may be personal, so only the parameter names are kept. */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}?${names.map((n) => `${n}=…`).join('&')}`;
}

/** The status logged and counted for a request whose client closed the connection before its answer was
 * written (nginx's 499, CLIENT_CLOSED_REQUEST): whatever status had been set, nobody received it. */
export const CLIENT_CLOSED_STATUS = 499;

/** Whether the response was cut off: it closed before it finished, so its client left first. */
export const cutOff = (reply: FastifyReply): boolean => !reply.raw.writableFinished;

/** Called once for a request its client left before the answer (Fastify's onResponse never runs for it). */
export type ClientLeft = (req: FastifyRequest, reply: FastifyReply) => void;

/** One log line per request, written when the response is done (Fastify's default writes two). */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    // A response that never finished is logged once, when it closes (requestHooks' clientLeft).
    if (cutOff(reply)) return;
    const line = {
      method: req.method,
      url: loggedUrl(req.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) req.log.error({ ...line, err: error }, 'request');
    else req.log.info(line, 'request');
  }
}

/** The log line of a request whose client left: info, as the client's doing, never the server's fault. */
const logClientLeft: ClientLeft = (req, reply) =>
  req.log.info(
    { method: req.method, url: loggedUrl(req.url), status: CLIENT_CLOSED_STATUS, ms: Math.round(reply.elapsedTime) },
    'request',
  );

/**
 * Installs the hooks above; from app.close() on, new requests are told to go elsewhere. Returns where
 * others (the metrics) add what they do for a request its client left, besides its log line.
 */
export function requestHooks(app: FastifyInstance): { onClientLeft: (f: ClientLeft) => void } {
  let closing = false;
  const left: ClientLeft[] = [logClientLeft];
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback hooks on every request's path (here and in src/http/): no promise per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    const socket = req.raw.socket;
    reading.set(socket, reply);
    // A response closes once, finished or not; one that did not finish gets neither Fastify's
    // onResponse hooks nor its log line, whatever the handler does after (its writes go nowhere).
    // `on`, not `once`: it closes only once, and `once` costs a wrapper and a removal per request.
    reply.raw.on('close', () => {
      if (reading.get(socket) === reply) reading.delete(socket);
      if (cutOff(reply)) for (const f of left) f(req, reply);
    });
    if (!closing) return done();
    reply.header('connection', 'close');
    fail('UNAVAILABLE', 'the server is shutting down; retry (another replica, or this one once restarted, answers)');
  });
  return { onClientLeft: (f) => void left.push(f) };
}

const CLIENT_ERRORS: Record<string, [ErrorCode, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    'REQUEST_TIMEOUT',
    'the request did not arrive in time (see REQUEST_TIMEOUT_MS and HEADERS_TIMEOUT_MS)',
  ],
  HPE_HEADER_OVERFLOW: ['HEADERS_TOO_LARGE', 'the request line and headers are over 16 KiB'],
};

// The request each connection is reading, from its route's first hook until its answer is sent: a body
// that stalls past REQUEST_TIMEOUT_MS belongs to a request whose route has its own envelope.
const reading = new WeakMap<Duplex, FastifyReply>();

/** Answers a request whose body did not arrive in time through its route's error hook, so in its transport's
 * envelope (GraphQL's errors, JSON-RPC's error on /mcp, problem+json elsewhere), then closes the connection. */
function answerTimedOut(reply: FastifyReply, socket: Duplex, err: KubeknowError): void {
  // Connection: close makes Node end the socket once the answer is written; a second later it is destroyed
  // anyway, should a client that reads nothing keep the answer from finishing.
  void reply.header('connection', 'close').send(err);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Fastify's clientErrorHandler: a request Node cannot read (too slow, headers too large, bad syntax) as
 * problem+json, or, for a body too slow on a route that was reached, in that route's envelope. */
export function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection is gone already: nothing to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message] = CLIENT_ERRORS[err.code ?? ''] ?? ['BAD_USER_INPUT', 'the request is not valid HTTP/1.1'];
  const error = new KubeknowError({ code, path: '', message });
  const reply = reading.get(socket);
  if (code === 'REQUEST_TIMEOUT' && reply && !reply.sent && !reply.raw.headersSent)
    return answerTimedOut(reply, socket, error);
  const problem = problemOf(error);
  const body = JSON.stringify(problem);
  // No request was read, so none has an id: the answer gets one of its own, with the headers of every answer.
  const headers = { ...ANSWER_HEADERS, 'x-request-id': randomUUID() };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\n${lines.join('')}Connection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/** Fastify's frameworkErrors: a path the router cannot read (bad percent-encoding, a segment over its limit) as problem+json. */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  // The path is not repeated: it may be long, or not text at all.
  const [code, message]: [ErrorCode, string] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? ['URI_TOO_LONG', 'a path segment is over 100 characters (slugs and keys are shorter)']
      : ['BAD_USER_INPUT', 'the path is not valid percent-encoded UTF-8'];
  const problem = problemOf(new KubeknowError({ code, path: '', message }));
  // The router refused the path before any hook ran: the headers every answer carries are added here.
  void answerHeaders(reply.header('x-request-id', req.id))
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(problem);
}
