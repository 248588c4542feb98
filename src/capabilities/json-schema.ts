// JSON Schemas of capabilities, made from their zod schemas: REST's OpenAPI document and Fastify
// route schemas, and MCP's inputSchema and outputSchema, all come from here.
import { z } from 'zod';
import type { Argument } from './args';
import type { Shape } from './capability';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema dialects: OpenAPI 3.1's 2020-12, and draft 7, which MCP clients validate with (the SDK's ajv). */
export type Dialect = 'draft-2020-12' | 'draft-7';

/** A schema as JSON Schema: what a client sends (`input`, defaults optional) or receives. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', target: Dialect = 'draft-2020-12'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The object schema of a transport's arguments (and the ones only it has), as it offers them. */
export function argumentsSchema(args: readonly Argument[], extras: Shape = {}, target?: Dialect): JsonSchema {
  const all = [
    ...args.map((a) => ({ name: a.name, schema: a.schema, required: a.required })),
    ...Object.entries(extras).map(([name, schema]) => ({
      name,
      schema,
      required: !schema.safeParse(undefined).success,
    })),
  ];
  const required = all.filter((a) => a.required).map((a) => a.name);
  return {
    type: 'object',
    properties: Object.fromEntries(all.map((a) => [a.name, jsonSchemaOf(a.schema, 'input', target)])),
    ...(required.length ? { required } : {}),
  };
}
