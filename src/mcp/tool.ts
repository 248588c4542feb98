// What an MCP tool is here: one small object per file under tools/, registered by server.ts. A tool
// returns text for a model to read; this file bounds it and maps our errors to tool results.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../auth/keys';
import { KubeknowError } from '../errors';
import type { Knowledge } from '../knowledge/service';

export interface ToolContext {
  knowledge: Knowledge;
  /** The caller's API key, null without one. */
  principal: Principal | null;
  log: FastifyBaseLogger;
}

export interface McpTool<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  /** For the model: when to use the tool, what it returns, example inputs. */
  description: string;
  inputSchema: Shape;
  /** The API key scope a call needs: `write` always; `read` when MCP_REQUIRE_KEY is on. */
  scope: 'read' | 'write';
  /** The answer as text (markdown, zone-file lines, YAML); the caller bounds its size. */
  run(args: z.output<z.ZodObject<Shape>>, ctx: ToolContext): string;
}

/** Identity, for type inference of a tool's arguments from its schema. */
export function defineTool<Shape extends z.ZodRawShape>(tool: McpTool<Shape>): McpTool<Shape> {
  return tool;
}

/** The most any tool returns, in characters; tools with a `maxChars` argument stay under it too. */
export const MAX_TOOL_CHARS = 20000;
/** The least `maxChars` a tool accepts: room for the truncation note and some text. */
export const MIN_TOOL_CHARS = 500;

/** The text, cut to `max` characters (note included) at a line or word break, with a note saying so. */
export function bounded(text: string, max: number, hint: string): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const note = `\n\n[truncated: cut to fit ${max} of ${chars.length} characters. ${hint}]`;
  const room = Math.max(0, max - [...note].length);
  let cut = chars.slice(0, room).join('');
  const brk = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (brk > room * 0.8) cut = cut.slice(0, brk);
  return `${cut.trimEnd()}${note}`;
}

/** A tool's answer as an MCP result. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/**
 * Our errors as tool results (`isError: true`) rather than protocol errors, so the model sees what
 * was wrong (every problem with its path, and suggestions) and can correct its call.
 */
export function errorResult(err: KubeknowError): CallToolResult {
  const suggestions = (err.details?.suggestions as string[] | undefined) ?? [];
  const lines = [
    `Error ${err.code}:`,
    ...err.problems.map(
      (p) =>
        `- ${p.path ? `${p.path}: ` : ''}${p.message}${p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`}`,
    ),
    ...(suggestions.length ? [`Suggestions: ${suggestions.join(', ')}`] : []),
  ];
  return {
    isError: true,
    content: [{ type: 'text', text: lines.join('\n') }],
    structuredContent: { code: err.code, problems: [...err.problems], ...(err.details ?? {}) },
  };
}
