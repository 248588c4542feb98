// What the MCP SDK's transport and server would answer with the wrong JSON-RPC code, checked before
// them: JSON that is not a JSON-RPC message is an invalid request (the SDK says parse error, which is
// for a body that is not JSON), and a known method's bad params are invalid params (the SDK's server
// fails its own schema and answers an internal error with the schema's raw issues).
// Spec: https://www.jsonrpc.org/specification#error_object
import { ClientRequestSchema, ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod/v4';
import { pathOf, type Problem } from '../errors';

/** A JSON-RPC error answered for a message, before the server reads it. */
export interface MessageRefusal {
  code: number;
  message: string;
  id: string | number | null;
  problems: Problem[];
}

/** The params schema of every request a client may send, by its method. */
const REQUESTS = new Map<string, z.ZodType>(ClientRequestSchema.options.map((s) => [s.shape.method.value, s]));

const problemsOf = (issues: readonly z.core.$ZodIssue[]): Problem[] =>
  issues.map((i) => ({ code: 'BAD_USER_INPUT', path: pathOf(i.path), message: i.message }));

/** Why one JSON-RPC message is refused before the server reads it, or null when it may be read. */
export function messageRefusal(body: unknown): MessageRefusal | null {
  if (!JSONRPCMessageSchema.safeParse(body).success)
    return {
      code: ErrorCode.InvalidRequest,
      message: 'Invalid Request: the body is JSON but not a JSON-RPC 2.0 request, notification or response',
      id: null,
      problems: [{ code: 'BAD_USER_INPUT', path: '', message: 'is not a JSON-RPC 2.0 message' }],
    };
  const { method, id } = body as { method?: string; id?: string | number };
  const schema = method === undefined || id === undefined ? undefined : REQUESTS.get(method);
  const checked = schema?.safeParse(body);
  if (!checked || checked.success) return null;
  const problems = problemsOf(checked.error.issues);
  return {
    code: ErrorCode.InvalidParams,
    message: `Invalid params: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    id: id ?? null,
    problems,
  };
}
