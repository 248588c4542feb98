// Enum-like values in any ASCII letter case: the one rule every transport reads them by (REST's query
// string and body, MCP's arguments and resource URIs), applied where every input is read (parseInput).
// A lookup's or an edit's values (`direction=INCOMING`, `unit=TOKENS`, `kind=resource`) and every `lang`
// are kubeknow's own words, so another case can only mean the same one; REST and `lang` read them so,
// and MCP refused `{"direction":"INCOMING"}` (hostile review). A computation's fields keep Kubernetes'
// exact spelling (`podMode: Insecure` is refused with "Did you mean"), as the API server reports fields.
// GraphQL's enums are typed, so their values come exact. Only ASCII letters are folded (lowerAscii):
// toLowerCase also folds the Kelvin sign to k, and took `tas\u212A` for TASK.
import { z } from 'zod';
import type { Capability } from './capability';
import { lowerAscii } from './fields';
import { fieldsOf, unwrap } from './schema-walk';

/** The one of `options` that `value` names in another ASCII letter case, else `value` as given. */
export function inAnyCase(options: readonly unknown[], value: unknown): unknown {
  if (typeof value !== 'string' || options.includes(value)) return value;
  const lower = lowerAscii(value);
  const same = options.filter((o): o is string => typeof o === 'string' && lowerAscii(o) === lower);
  return same.length === 1 ? same[0] : value;
}

/** The raw input with its enum fields named in any ASCII case read as their values: a lookup's or an
 * edit's (`values: 'parameters'`), and `lang` of any capability. Anything else is left for the schema. */
export function enumsInAnyCase(cap: Pick<Capability, 'input' | 'values'>, raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const fields = fieldsOf(cap.input);
  if (!fields) return raw;
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || (cap.values !== 'parameters' && key !== 'lang')) continue;
    const field = Object.hasOwn(fields, key) ? unwrap(fields[key]) : undefined;
    if (!(field instanceof z.ZodEnum)) continue;
    const named = inAnyCase(field.options, value);
    if (named !== value) (out ??= { ...(raw as Record<string, unknown>) })[key] = named;
  }
  return out ?? raw;
}
