// MCP tool results: a capability's text, cut to fit, beside its output as structuredContent; our
// errors as tool results the model can read and correct its call from.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TOOL_TEXT } from '../capabilities/capability';
import type { KubeknowError } from '../errors';

/** The most any tool returns as text, in characters; tools with a `maxChars` argument stay under it too. */
export const MAX_TOOL_CHARS = TOOL_TEXT.max;

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

/** Where an error result carries its code and problems for programs (see errorResult). */
export const ERROR_META = 'kubeknow/error';

/**
 * Our errors as tool results (`isError: true`) rather than protocol errors, so the model sees what
 * was wrong (every problem with its path, and suggestions) and can correct its call. The code and
 * problems go in `_meta`, not in `structuredContent`: every tool declares an outputSchema, which an
 * error does not match, and clients check structuredContent against it (the MCP spec's "MUST conform").
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
    _meta: { [ERROR_META]: { code: err.code, problems: [...err.problems], ...(err.details ?? {}) } },
  };
}
