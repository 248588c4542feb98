// One MCP server per HTTP request (stateless Streamable HTTP): a tool for every capability with an
// MCP binding and the concept resources, with the caller's key checked on every tools/call and
// resource read. tools/list and tools/call are answered here rather than by McpServer.registerTool,
// so that the input is checked by the capability itself and a bad one is a tool result the model
// can read, worded like every other transport's errors.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../auth/keys';
import { CAPABILITIES } from '../capabilities';
import type { Budget } from '../capabilities/budget';
import type { CapabilityContext } from '../capabilities/capability';
import { KubeknowError } from '../errors';
import { didYouMeanText } from '../util/suggest';
import type { Knowledge } from '../knowledge/service';
import type { Locale } from '../knowledge/types';
import { registerConceptResources } from './resources';
import { errorResult } from './tool';
import { callTool, toolOf } from './tools';

export { messageRefusal } from './message';

export interface McpServerOptions {
  principal: Principal | null;
  /** Every tool call and resource read needs a key with the read scope (MCP_REQUIRE_KEY). */
  requireKey: boolean;
  /** The absolute base of this server's URLs. */
  baseUrl: string;
  log: FastifyBaseLogger;
  /** The HTTP request's budget (src/capabilities/budget.ts). */
  budget: Budget;
  /** The reader's language from the HTTP request's Accept-Language, for tools without a `lang` of their own. */
  acceptLanguage: Locale | undefined;
}

const INSTRUCTIONS =
  'kubeknow answers Kubernetes questions in English and Korean from reviewed concepts whose facts cite their sources, and ' +
  'computes what a cluster would do with given manifests. For a question, call ' +
  'get_context first and cite the source URLs it gives; never present a statement under "Caveats" (DISPUTED source) as fact, ' +
  'and say when a fact comes from an UNVERIFIED or community source. Use search_concepts to find slugs, get_concept for details, ' +
  'related_concepts for how concepts connect, and the computing tools when the user gives manifests: cluster_apply (what kubectl apply ' +
  'would create or refuse), the dns_* tools, endpoint_slices, scheduling_evaluate, pod_admission, pod_environment, probe_timeline and the ' +
  'secret tools. ' +
  'Every tool also returns its answer as structuredContent, described by its outputSchema.';

// The SDK's server checks what a client answers to an elicitation with a JSON Schema validator, and
// makes a new Ajv (its meta-schemas compiled anew) for every server it is not given one: two thirds
// of a millisecond of each request's event loop, here one server per request (the hostile review's 200
// get_concept calls). We never elicit; the one validator is shared.
const validator = new AjvJsonSchemaValidator();

const TOOLS = CAPABILITIES.filter((c) => c.mcp);
const byName = new Map(TOOLS.map((c) => [c.mcp!.tool, c]));

/** An MCP server with every tool and the concept resources, for one request's caller. */
export function createMcpServer(knowledge: Knowledge, opts: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'kubeknow', version: '1' },
    { instructions: INSTRUCTIONS, jsonSchemaValidator: validator },
  );
  const ctx: CapabilityContext = {
    knowledge,
    principal: opts.principal,
    requireKeyForRead: opts.requireKey,
    linkFor: (slug, lang) => `kubeknow://concepts/${slug}?lang=${lang}`,
    baseUrl: opts.baseUrl,
    log: opts.log,
    budget: opts.budget,
    acceptLanguage: opts.acceptLanguage,
  };
  server.server.registerCapabilities({ tools: {} });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS.map(toolOf) }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const cap = byName.get(request.params.name);
    if (!cap) {
      // As an unknown argument is refused: the tools there are, and the nearest name when it looks like a typo.
      const names = TOOLS.map((c) => c.mcp!.tool);
      throw new McpError(
        ErrorCode.InvalidParams,
        `Tool ${request.params.name} not found; tools: ${names.join(', ')}${didYouMeanText(request.params.name, names)}`,
        { tools: names },
      );
    }
    return logged(cap.mcp!.tool, ctx, () => callTool(cap, request.params.arguments ?? {}, ctx));
  });
  registerConceptResources(server, ctx);
  return server;
}

// Scopes are checked on the call itself (src/capabilities/invoke.ts), so a client that skips
// tools/list gains nothing.
async function logged(tool: string, ctx: CapabilityContext, run: () => Promise<CallToolResult>) {
  const started = performance.now();
  let result: CallToolResult;
  try {
    result = await run();
  } catch (err) {
    if (!(err instanceof KubeknowError)) {
      ctx.log.error({ err, tool }, 'MCP tool failed');
      result = errorResult(new KubeknowError({ code: 'INTERNAL', path: '', message: 'internal error' }));
    } else result = errorResult(err);
  }
  ctx.log.info({ tool, ms: Math.round(performance.now() - started), isError: !!result.isError }, 'mcp tool call');
  return result;
}
