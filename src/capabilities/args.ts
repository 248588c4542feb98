// Transport arguments ↔ a capability's input. A transport may name a field its own way (REST's `q`
// for `question`, GraphQL's `first` for `limit`) or flatten a nested one (`?name=` for
// `query.name`); the input is built from the arguments, and problems are reported back under the
// names the caller used, so that every transport shows its own names and the same problems.
import type { z } from 'zod';
import { KubeknowError, MAX_PROBLEMS } from '../errors';
import { didYouMeanText } from '../util/suggest';
import type { ArgMap, Capability } from './capability';
import { fieldsOf, isOptional, schemaAt } from './schema-walk';

/** The raw input built from transport arguments, and the names to report its paths under. */
export interface Arguments {
  raw: Record<string, unknown>;
  /** Input path → the argument name the caller used for it. */
  reportAs: Map<string, string>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (next !== undefined && (typeof next !== 'object' || next === null || Array.isArray(next))) return false;
    at = (at[k] ??= {}) as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (at[last] !== undefined) return false; // the input's own field wins over an alias of it
  at[last] = value;
  return true;
}

/**
 * Refuses every name a transport was given that the capability does not take (`what`: REST's "query
 * parameter", MCP's "argument"), listing those it does, with a "did you mean" for the name `suggestAs`
 * gives (the input's own name of one the transport renames). A lookup's input would drop it without a
 * word (a misspelt `lang` read as English), and a write would go on without it.
 */
export function refuseUnknown(
  cap: Capability,
  names: readonly string[],
  supported: readonly string[],
  what: string,
  suggestAs: (name: string) => string = (name) => name,
): void {
  const unknown = names.filter((k) => !supported.includes(k));
  if (!unknown.length) return;
  const list = supported.map((f) => `"${f}"`).join(', ');
  // Only the problems an error lists get a did-you-mean: 2 000 unknown names each compared with every
  // supported one held the event loop for the rest to be counted, not shown (hostile review).
  throw new KubeknowError(
    unknown.map((key, i) => ({
      code: cap.values === 'fields' ? 'FIELD_NOT_SUPPORTED' : 'BAD_USER_INPUT',
      path: key,
      message: `unknown ${what}${i <= MAX_PROBLEMS ? `; supported: ${list}${didYouMeanText(suggestAs(key), supported)}` : ''}`,
    })),
  );
}

/** The refusal of arguments given twice: one BAD_USER_INPUT problem at each name, saying where the two were
 * given, in the transport's words. */
export const givenTwice = (twice: readonly { name: string; where: string }[]): KubeknowError =>
  new KubeknowError(
    twice.map(({ name, where }) => ({
      code: 'BAD_USER_INPUT',
      path: name,
      message: `given twice: ${where}; give it once`,
    })),
  );

/**
 * Refuses (BAD_USER_INPUT at the transport's name) a field given both under a transport's name and at its
 * own path: REST's `?nodes=1` beside `"cluster": {"nodes": 3}`, MCP's `name` beside `"query": {"name": …}`.
 * argumentsOf would keep the field's own value and drop the other without a word. `where` says where
 * the two were given, in the transport's words.
 */
export function refuseGivenTwice(
  given: Record<string, unknown>,
  renames: ArgMap,
  where: (name: string, path: string) => string,
): void {
  const valueAt = (path: string) =>
    path
      .split('.')
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), given);
  const twice = Object.entries(renames).filter(
    ([name, path]) => given[name] !== undefined && valueAt(path) !== undefined,
  );
  if (twice.length) throw givenTwice(twice.map(([name, path]) => ({ name, where: where(name, path) })));
}

/** The input from transport arguments: fields under their own names, renamed ones at their paths, then `fixed`. */
export function argumentsOf(
  args: Record<string, unknown>,
  renames: ArgMap = {},
  fixed: Record<string, unknown> = {},
): Arguments {
  const raw: Record<string, unknown> = {};
  const reportAs = new Map<string, string>();
  for (const [k, v] of Object.entries(args)) if (v !== undefined && !Object.hasOwn(renames, k)) raw[k] = v;
  for (const [k, v] of Object.entries(args))
    if (v !== undefined && Object.hasOwn(renames, k) && setPath(raw, renames[k], v)) reportAs.set(renames[k], k);
  // A renamed field left out is reported under the caller's name too: a REST search without `q` is
  // told "q: Required", not about a `query` it cannot send.
  for (const [k, path] of Object.entries(renames))
    if (args[k] === undefined && !reportAs.has(path) && !Object.hasOwn(raw, path.split('.')[0])) reportAs.set(path, k);
  return { raw: { ...raw, ...fixed }, reportAs };
}

/** The error with each problem's path under the name the caller used for that field. */
export function reportedAs(err: KubeknowError, reportAs: ReadonlyMap<string, string>): KubeknowError {
  if (!reportAs.size) return err;
  const rename = (path: string) => {
    for (const [field, name] of reportAs)
      if (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`))
        return name + path.slice(field.length);
    return path;
  };
  return new KubeknowError(
    err.problems.map((p) => ({ ...p, path: rename(p.path) })),
    err.details,
  );
}

/** One argument a transport offers: its name, the input path it fills, and the schema of that field. */
export interface Argument {
  name: string;
  path: string;
  schema: z.ZodType;
  /** Required: the field and every field around it must be given. */
  required: boolean;
}

/**
 * The arguments a transport offers for an input: its fields under their own names, except those
 * left out, those the transport fixes, and objects whose fields are offered flat under other names.
 */
export function argumentList(
  input: z.ZodType,
  binding: { renames?: ArgMap; omit?: readonly string[]; fixed?: Record<string, unknown> } = {},
): Argument[] {
  const renames = binding.renames ?? {};
  // A field renamed, or an object whose fields are offered flat, is not offered under its own name.
  const replaced = Object.values(renames).map((p) => p.split('.')[0]);
  const hidden = new Set([...replaced, ...(binding.omit ?? []), ...Object.keys(binding.fixed ?? {})]);
  const own = Object.entries(fieldsOf(input) ?? {})
    .filter(([name]) => !hidden.has(name))
    .map(([name, schema]) => ({ name, path: name, schema, required: !isOptional(schema) }));
  const renamed = Object.entries(renames).map(([name, path]) => {
    const keys = path.split('.');
    const chain = keys.map((_, i) => schemaAt(input, keys.slice(0, i + 1))!);
    return { name, path, schema: chain.at(-1)!, required: chain.every((s) => !isOptional(s)) };
  });
  return [...own, ...renamed];
}
