// POST /mcp — the Model Context Protocol over Streamable HTTP, stateless: each request gets its own
// server and transport, so any replica can answer any request and nothing is kept between them.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/keys';
import { KubeknowError } from '../errors';
import { hijackWithHeaders } from '../http/headers';
import { JSON_ONLY } from '../http/media-type';
import { methodNotAllowed } from '../http/methods';
import { isUnparsable } from '../http/json-body';
import { preferredLanguage } from '../http/negotiate';
import { failureOf } from '../http/problem';
import { publicBase } from '../http/public-url';
import type { Knowledge } from '../knowledge/service';
import { ownTurn } from '../util/turns';
import { checkMcpRequest, type McpOptions } from './guard';

export { mcpOptionsFromEnv, type McpOptions } from './guard';

// The MCP SDK and the server made from the registry are loaded by the first MCP request, not at
// start: a quarter of a second of start-up (docs/performance.md) that REST and GraphQL never use.
let loaded: Promise<[typeof import('./server'), typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js')]>;
const mcpModules = () =>
  (loaded ??= Promise.all([import('./server'), import('@modelcontextprotocol/sdk/server/streamableHttp.js')]));

const rpcError = (message: string) => ({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

// JSON-RPC's codes: a body that is not JSON is a parse error; a request refused for what it is (a
// prototype key, too large, no key, a foreign Host) an invalid request, as a resource read refused for
// its key already is (resources.ts); our own fault an internal error; a refusal that passes (a rate
// limit, an overload, an outage) a server error (-32000).
const rpcCodeOf = (err: KubeknowError): number => {
  if (isUnparsable(err)) return -32700;
  if (err.code === 'INTERNAL') return -32603;
  return err.status < 500 && err.code !== 'RATE_LIMITED' ? -32600 : -32000;
};

/** /mcp's error hook: what fails before the MCP server reads the message (the body, the guard, a rate
 * limit) is a JSON-RPC error, at its HTTP status, with our code and problems as its data. */
function mcpRequestError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const err = failureOf(error, req, reply);
  const data = {
    code: err.code,
    problems: err.problems,
    ...err.details,
    ...(err.status >= 500 ? { requestId: req.id } : {}),
  };
  void reply
    .status(err.status)
    .type('application/json; charset=utf-8')
    .send({ jsonrpc: '2.0', error: { code: rpcCodeOf(err), message: err.message, data }, id: null });
}

/** Registers the MCP endpoint. */
export function mcpRoutes(app: FastifyInstance, knowledge: Knowledge, opts: McpOptions): void {
  const guarded = {
    schema: { hide: true },
    onRequest: async (req: FastifyRequest) => {
      checkMcpRequest(req.headers, opts);
      // Each message is read, called and answered in a turn of the event loop of its own (src/util/turns.ts),
      // taken before its body is read: 200 get_concept calls that arrived together ran back to back, a
      // millisecond or two each, and held a /healthz sent with them for their whole burst (hostile
      // review); now the loop reads its sockets between two of them.
      await ownTurn();
    },
    errorHandler: mcpRequestError,
  };

  // Its POST takes JSON only, a body required, as GraphQL's (src/http/media-type.ts refuses others).
  app.post('/mcp', { ...guarded, config: { takes: JSON_ONLY } }, async (req, reply) => {
    // One message per request: the protocol dropped JSON-RPC batches (2025-06-18), and the calls of a
    // batch would each be computed before the request's one budget saw their cost (the hostile review's
    // 30 calls of 4 102 in one 12 KB request). An empty one is JSON-RPC's invalid request too.
    if (Array.isArray(req.body) && req.body.length !== 1) {
      const message = 'JSON-RPC batches are not supported: send one message per request';
      // With our code and problems in data, as every other refusal of the request (new-user review).
      return reply.status(400).send({
        jsonrpc: '2.0',
        error: { code: -32600, message, data: { code: 'BAD_USER_INPUT', problems: [{ path: '', message }] } },
        id: null,
      });
    }
    // A key that is sent must be good (401 otherwise); whether one is needed is decided per call.
    const principal = await authenticate(knowledge.db.prisma, req.headers.authorization);
    req.budget.answersOnEventLoop();
    const [{ createMcpServer, messageRefusal }, { StreamableHTTPServerTransport }] = await mcpModules();
    const refusal = messageRefusal(Array.isArray(req.body) ? req.body[0] : req.body);
    if (refusal) {
      const { code, message, id, problems } = refusal;
      // A request's error is its answer (200, as the server sends one); what is no request at all is a 400.
      return reply
        .status(id === null ? 400 : 200)
        .send({ jsonrpc: '2.0', error: { code, message, data: { code: 'BAD_USER_INPUT', problems } }, id });
    }
    const server = createMcpServer(knowledge, {
      principal,
      requireKey: !!opts.requireKey,
      baseUrl: publicBase(req),
      log: req.log,
      budget: req.budget,
      acceptLanguage: preferredLanguage(req.headers['accept-language']),
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    // The transport writes the response itself: the headers every answer carries go with it.
    hijackWithHeaders(reply);
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req.raw, reply.raw, req.body);
    } catch (err) {
      req.log.error({ err }, 'MCP request failed');
      if (!reply.raw.headersSent)
        reply.raw
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify(rpcError('internal error')));
    }
  });

  // Stateless: no session to resume (GET's SSE stream) or to end (DELETE). The spec allows 405 for both,
  // which these routes answer as src/http/methods.ts answers every other method /mcp does not take.
  const notAllowed = async (req: FastifyRequest, reply: FastifyReply) => {
    void reply.header('allow', 'POST');
    throw methodNotAllowed(
      req.method,
      ['POST'],
      'this MCP server is stateless, with no session stream to open or close',
    );
  };
  const refuses = { ...guarded, config: { refusesMethod: true, takes: null } };
  app.get('/mcp', refuses, notAllowed);
  app.delete('/mcp', refuses, notAllowed);
}
