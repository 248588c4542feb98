// Reading a capability's zod schema as a tree of fields: the schema at a path, what an object
// field is, and the wrappers (optional, default, transforms) around it. The GraphQL generator, the
// error mapper and query-string coercion all read schemas this way.
import { z } from 'zod';

/** The schema inside optional, nullable, default and readonly wrappers, and the input side of a pipe. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly)
      s = s.def.innerType as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

/** Whether a value may be left out: optional, or with a default. */
export function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** The default a schema gives a value left out, if any. */
export function defaultOf(schema: z.ZodType): unknown {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault) return s.def.defaultValue;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodReadonly)
      s = s.def.innerType as z.ZodType;
    else return undefined;
  }
}

/** The fields of an object schema (after unwrapping), or undefined when it is not one. */
export function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? s.shape : undefined;
}

/** The schema of the value at `path` (object keys and array indexes), as given in the input. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (const key of path) {
    if (!s) return undefined;
    const inner = unwrap(s);
    if (inner instanceof z.ZodObject) s = (inner.shape as Record<string, z.ZodType>)[String(key)];
    else if (inner instanceof z.ZodArray) s = inner.element as z.ZodType;
    else if (inner instanceof z.ZodRecord) s = inner.valueType as z.ZodType;
    else return undefined;
  }
  return s;
}

/** The schema at a dotted input path (`query.name`). */
export const schemaAtPath = (root: z.ZodType, path: string): z.ZodType | undefined => schemaAt(root, path.split('.'));

/** A description for people, from `.describe()` anywhere in the wrappers. */
export function descriptionOf(schema: z.ZodType): string | undefined {
  let s: z.ZodType | undefined = schema;
  while (s) {
    if (s.description) return s.description;
    const next = s instanceof z.ZodPipe ? s.in : (s.def as { innerType?: unknown }).innerType;
    s = next as z.ZodType | undefined;
  }
  return undefined;
}
