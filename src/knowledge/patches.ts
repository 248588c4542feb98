// Patch semantics, the one rule of every edit that changes what exists: a field left out keeps its
// value; `null` clears it, to its empty value, only where the field can be cleared; a field that
// cannot be cleared refuses `null`. Patch inputs therefore carry no defaults: a default would turn
// "left out" into "empty" and erase what was there (issue 9: a `texts` patch with only `summary`
// left the body empty).
import { z } from 'zod';

export const CANNOT_CLEAR = 'cannot be cleared; leave it out to keep its value';

/** A field a patch may change but not clear: left out keeps it, `null` is refused. */
export function kept<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (value !== null) return value;
    ctx.addIssue({ code: 'custom', message: CANNOT_CLEAR });
    return undefined;
  }, schema.optional());
}

/** A field a patch may change or clear: left out keeps it, `null` clears it. */
export const clearable = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A patch of some fields of T: each left out (undefined), cleared (null), or given. */
export type Patch<T> = { [K in keyof T]?: T[K] | null };

/**
 * The object after a patch: a field left out keeps its old value, a field given null takes its
 * value in `empty` (the patch's schema lets null through only for clearable fields), any other
 * field its new value. Fields of the patch that neither `old` nor `empty` has are ignored.
 */
export function applyPatch<T extends object>(old: T, patch: Patch<T>, empty: Partial<T>): T {
  const out = { ...old };
  for (const key of new Set([...Object.keys(old), ...Object.keys(empty)]) as Set<keyof T>) {
    const value = patch[key];
    if (value === undefined) continue;
    out[key] = value === null ? (empty[key] as T[keyof T]) : value;
  }
  return out;
}
