// An MCP tool for every capability with an MCP binding, made from the registry: its inputSchema from
// the capability's input (under the tool's argument names, plus the tool's own), its outputSchema
// from the capability's output, and a result of text for the model beside the output itself as
// structuredContent.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { argumentList, argumentsOf, refuseGivenTwice, refuseUnknown } from '../capabilities/args';
import { TOOL_TEXT, type Capability, type CapabilityContext, type Shape } from '../capabilities/capability';
import { invokeCharged } from '../capabilities/invoke';
import { argumentsSchema, jsonSchemaOf } from '../capabilities/json-schema';
import { parseInput } from '../capabilities/problems';
import { schemaAtPath } from '../capabilities/schema-walk';
import { LOCALES, type Locale } from '../knowledge/types';
import { keepsResults, keptResult, type Made } from './kept';
import { bounded } from './tool';

type Args = Record<string, unknown>;

const extraShapes = new WeakMap<Capability, Shape>();

/** The arguments only the tool has: its own, `lang` when its input has none (readerLanguage), and
 * `maxChars` when its text is cut to fit; made once per tool. */
function extrasOf(cap: Capability): Shape {
  let shape = extraShapes.get(cap);
  if (!shape) extraShapes.set(cap, (shape = extraShape(cap)));
  return shape;
}

/**
 * `lang` on a tool whose input has no language of its own (the computations), as REST's `?lang=` on
 * their routes (src/rest/capabilities.ts): the reader's language for this call, over Accept-Language,
 * which their text uses where it has Korean (the scheduling summary, DNS explanations) and English
 * elsewhere. Declared here once for every tool; a tool whose input has `lang` offers that instead.
 */
const readerLanguage = z
  .enum(LOCALES)
  .optional()
  .describe(
    'Language of the answer\'s text: "en" or "ko" (Korean where the answer has Korean, English elsewhere). Default: the reader\'s language (Accept-Language), else English.',
  );

/** Whether the tool takes `lang` as the reader's language rather than as a field of its input. */
const readerLanguageOf = (cap: Capability): boolean => !schemaAtPath(cap.input, 'lang');

const languageShape: Shape = { lang: readerLanguage };

function extraShape(cap: Capability): Shape {
  const mcp = cap.mcp!;
  const own = { ...mcp.extras, ...(readerLanguageOf(cap) ? languageShape : {}) };
  if (mcp.maxChars === undefined) return own;
  const maxChars = z
    .int()
    .min(TOOL_TEXT.min)
    .max(TOOL_TEXT.max)
    .default(mcp.maxChars)
    .describe(
      `Most characters to return (${TOOL_TEXT.min}-${TOOL_TEXT.max}, default ${mcp.maxChars}); longer output is cut with a note.`,
    );
  return { ...own, maxChars };
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
    inputSchema: argumentsSchema(args, extrasOf(cap), 'draft-7') as Tool['inputSchema'],
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

/** A tools/call: the capability run on the tool's arguments (or its result kept for the snapshot,
 * kept.ts); errors are thrown for the caller to map. */
export function callTool(cap: Capability, given: Args, ctx: CapabilityContext): Promise<CallToolResult> {
  const make = () => madeResult(cap, given, ctx);
  return keepsResults(cap) ? keptResult(cap, given, ctx, make) : make().then((made) => made.result);
}

/** The tool's result, made: the arguments read, the capability invoked, its text rendered and cut. */
async function madeResult(cap: Capability, given: Args, ctx: CapabilityContext): Promise<Made> {
  const mcp = cap.mcp!;
  const extraShape = extrasOf(cap);
  const own: Args = {};
  const rest: Args = {};
  for (const [k, v] of Object.entries(given)) (Object.hasOwn(extraShape, k) ? own : rest)[k] = v;
  refuseUnknownArguments(cap, Object.keys(rest));
  const { lang, ...tools } = own;
  const toolShape = Object.fromEntries(Object.entries(extraShape).filter(([k]) => k !== 'lang'));
  const extras = parseInput<Args>({ input: z.object(toolShape), values: 'parameters' }, tools);
  // A bad `lang` is reported as REST reports its `?lang=`: a field error for a computation. In any case,
  // as parseInput reads every `lang` (any-case.ts).
  const reader = parseInput<{ lang?: Locale }>({ input: z.object(languageShape), values: cap.values }, { lang }).lang;
  const call: CapabilityContext = reader ? { ...ctx, acceptLanguage: reader } : ctx;
  refuseGivenTwice(rest, mcp.args ?? {}, (name, path) => `as ${name} and as ${path}`);
  const { input, output, cost, bytes } = await invokeCharged(cap, argumentsOf(rest, mcp.args, mcp.fixed), call);
  const max = typeof extras.maxChars === 'number' ? extras.maxChars : TOOL_TEXT.max;
  const hint = mcp.cut?.(input) ?? (mcp.maxChars === undefined ? 'Narrow the request.' : 'Raise maxChars.');
  const text = bounded(mcp.text(output, input, extras, call), max, hint);
  const result = { content: [{ type: 'text' as const, text }], structuredContent: output as Record<string, unknown> };
  return { result, cost, bytes };
}
