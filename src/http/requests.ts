// What every request gets whatever its route: an id (the caller's X-Request-Id when it is a sane
// one), that id echoed back, a log line without the query string, and a problem+json 503 while the
// server shuts down (Fastify's own return503OnClosing answers plain JSON).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fail } from '../errors';

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

/** One log line per request, written when the response is done (Fastify's default writes two). */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
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

/** Installs the hooks above; from app.close() on, new requests are told to go elsewhere. */
export function requestHooks(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (!closing) return;
    reply.header('connection', 'close');
    fail('UNAVAILABLE', 'the server is shutting down; retry (another replica, or this one once restarted, answers)');
  });
}
