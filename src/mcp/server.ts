// One MCP server per HTTP request (stateless Streamable HTTP): the tools and resources, with the
// caller's key checked on every tools/call and resource read.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import { requireScope, type Principal } from '../auth/keys';
import { KubeknowError } from '../errors';
import type { Knowledge } from '../knowledge/service';
import { registerConceptResources } from './resources';
import { bounded, errorResult, MAX_TOOL_CHARS, textResult, type McpTool, type ToolContext } from './tool';
import { TOOLS } from './tools';

export interface McpServerOptions {
  principal: Principal | null;
  /** Every tool call and resource read needs a key with the read scope (MCP_REQUIRE_KEY). */
  requireKey: boolean;
  log: FastifyBaseLogger;
}

const INSTRUCTIONS =
  'kubeknow answers Kubernetes questions in English and Korean from reviewed concepts whose facts cite their sources, and ' +
  'computes what a cluster would do with given manifests (DNS records and answers, EndpointSlices). For a question, call ' +
  'get_context first and cite the source URLs it gives; never present a statement under "Caveats" (DISPUTED source) as fact, ' +
  'and say when a fact comes from an UNVERIFIED or community source. Use search_concepts to find slugs, get_concept for details, ' +
  'related_concepts for how concepts connect, and the dns_* and endpoint_slices tools when the user gives manifests.';

/** An MCP server with every tool and the concept resources, for one request's caller. */
export function createMcpServer(knowledge: Knowledge, opts: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'kubeknow', version: '1' }, { instructions: INSTRUCTIONS });
  const ctx: ToolContext = { knowledge, principal: opts.principal, log: opts.log };
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        annotations: { readOnlyHint: tool.scope === 'read', idempotentHint: true, openWorldHint: false },
      },
      (args: Record<string, unknown>) => callTool(tool, args, ctx, opts.requireKey),
    );
  }
  registerConceptResources(server, knowledge, () => {
    if (opts.requireKey) requireScope(opts.principal, 'read');
  });
  return server;
}

// Scopes are checked here, on the call itself, so a client that skips tools/list gains nothing.
function callTool(tool: McpTool, args: Record<string, unknown>, ctx: ToolContext, requireKey: boolean): CallToolResult {
  const started = performance.now();
  let result: CallToolResult;
  try {
    if (tool.scope === 'write' || requireKey) requireScope(ctx.principal, tool.scope);
    result = textResult(bounded(tool.run(args, ctx), MAX_TOOL_CHARS, 'Narrow the request.'));
  } catch (err) {
    if (!(err instanceof KubeknowError)) {
      ctx.log.error({ err, tool: tool.name }, 'MCP tool failed');
      result = errorResult(new KubeknowError({ code: 'INTERNAL', path: '', message: 'internal error' }));
    } else result = errorResult(err);
  }
  ctx.log.info(
    { tool: tool.name, ms: Math.round(performance.now() - started), isError: !!result.isError },
    'mcp tool call',
  );
  return result;
}
