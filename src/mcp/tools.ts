// An MCP tool for every capability with an MCP binding, made from the registry: its inputSchema from
// the capability's input (under the tool's argument names, plus the tool's own), its outputSchema
// from the capability's output, and a result of text for the model beside the output itself as
// structuredContent.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { argumentList, argumentsOf, refuseGivenTwice, refuseUnknown } from '../capabilities/args';
import {
  TOOL_TEXT,
  type Capability,
  type CapabilityContext,
  type McpBinding,
  type Shape,
} from '../capabilities/capability';
import { invoke } from '../capabilities/invoke';
import { argumentsSchema, jsonSchemaOf } from '../capabilities/json-schema';
import { parseInput } from '../capabilities/problems';
import { bounded } from './tool';

type Args = Record<string, unknown>;

const extraShapes = new WeakMap<McpBinding<unknown, unknown>, Shape>();

/** The arguments only the tool has: its own, and `maxChars` when its text is cut to fit; made once per tool. */
function extrasOf(mcp: McpBinding<unknown, unknown>): Shape {
  let shape = extraShapes.get(mcp);
  if (!shape) extraShapes.set(mcp, (shape = extraShape(mcp)));
  return shape;
}

function extraShape(mcp: McpBinding<unknown, unknown>): Shape {
  if (mcp.maxChars === undefined) return { ...mcp.extras };
  const maxChars = z
    .int()
    .min(TOOL_TEXT.min)
    .max(TOOL_TEXT.max)
    .default(mcp.maxChars)
    .describe(
      `Most characters to return (${TOOL_TEXT.min}-${TOOL_TEXT.max}, default ${mcp.maxChars}); longer output is cut with a note.`,
    );
  return { ...mcp.extras, maxChars };
}

const definitions = new WeakMap<Capability, Tool>();

/** The tool as tools/list shows it. */
export function toolOf(cap: Capability): Tool {
  const known = definitions.get(cap);
  if (known) return known;
  const mcp = cap.mcp!;
  const args = argumentList(cap.input, { renames: mcp.args, omit: mcp.omit, fixed: mcp.fixed });
  const tool: Tool = {
    name: mcp.tool,
    title: mcp.title,
    description: mcp.description,
    inputSchema: argumentsSchema(args, extrasOf(mcp), 'draft-7') as Tool['inputSchema'],
    outputSchema: jsonSchemaOf(cap.output, 'output', 'draft-7') as Tool['outputSchema'],
    annotations: {
      title: mcp.title,
      readOnlyHint: cap.annotations.readOnly,
      idempotentHint: cap.annotations.idempotent,
      openWorldHint: false,
    },
  };
  definitions.set(cap, tool);
  return tool;
}

const argumentLists = new WeakMap<Capability, string[]>();

/** The tool's argument names, as its inputSchema lists them, and the input's own field each flat one
 * stands for (dns_query's `query`, for `name` and `type`), which a client may give instead: made once
 * per tool, not on every call. */
function argumentNames(cap: Capability): string[] {
  let known = argumentLists.get(cap);
  if (!known) {
    known = [
      ...Object.keys(toolOf(cap).inputSchema.properties ?? {}),
      ...new Set(Object.values(cap.mcp!.args ?? {}).map((path) => path.split('.')[0])),
    ];
    argumentLists.set(cap, known);
  }
  return known;
}

// An argument the tool does not have is refused, as REST refuses an unknown query parameter.
const refuseUnknownArguments = (cap: Capability, names: string[]): void =>
  refuseUnknown(cap, names, argumentNames(cap), 'argument');

/** A tools/call: the capability run on the tool's arguments; errors are thrown for the caller to map. */
export async function callTool(cap: Capability, given: Args, ctx: CapabilityContext): Promise<CallToolResult> {
  const mcp = cap.mcp!;
  const extraShape = extrasOf(mcp);
  const own: Args = {};
  const rest: Args = {};
  for (const [k, v] of Object.entries(given)) (Object.hasOwn(extraShape, k) ? own : rest)[k] = v;
  refuseUnknownArguments(cap, Object.keys(rest));
  const extras = parseInput<Args>({ input: z.object(extraShape), values: 'parameters' }, own);
  refuseGivenTwice(rest, mcp.args ?? {}, (name, path) => `as ${name} and as ${path}`);
  const { input, output } = await invoke(cap, argumentsOf(rest, mcp.args, mcp.fixed), ctx);
  const max = typeof extras.maxChars === 'number' ? extras.maxChars : TOOL_TEXT.max;
  const hint = mcp.cut?.(input) ?? (mcp.maxChars === undefined ? 'Narrow the request.' : 'Raise maxChars.');
  const text = bounded(mcp.text(output, input, extras, ctx), max, hint);
  return { content: [{ type: 'text', text }], structuredContent: output as Record<string, unknown> };
}
