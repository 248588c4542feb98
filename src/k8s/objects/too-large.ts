// The manifest limits, and the PAYLOAD_TOO_LARGE failures of inputs over them, worded once here so
// that every decoder (JSON, plain YAML, guarded YAML) reports the same limit the same way.
import { fail } from '../../errors';

/** Bounds on one input; what exceeds them fails with PAYLOAD_TOO_LARGE instead of using time or memory. */
export interface ManifestLimits {
  maxBytes: number; // UTF-8 size of a text input
  maxObjects: number; // documents, and objects once List items are flattened
  maxAliasCount: number; // YAML alias expansions per document (a "billion laughs" bomb stops here)
  maxDepth: number; // nesting of maps and lists
}

export const DEFAULT_MANIFEST_LIMITS: Readonly<ManifestLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxObjects: 5000,
  maxAliasCount: 100,
  maxDepth: 100,
});

/** The nesting of a whole input: a manifest's, in an input object and a list (`{ "objects": [manifest] }`). */
export const MAX_INPUT_DEPTH = DEFAULT_MANIFEST_LIMITS.maxDepth + 2;

export const tooLarge = (message: string): never => fail('PAYLOAD_TOO_LARGE', message);

export const tooDeep = (maxDepth: number): never => tooLarge(`manifest nesting is deeper than ${maxDepth} levels`);

/** Too many documents: counted exactly once parsed, or at least `max + 1` from their markers before. */
export const tooManyDocuments = (max: number, count?: number): never =>
  tooLarge(
    count === undefined
      ? `input has more than ${max} documents`
      : `input has ${count} documents; at most ${max} are accepted`,
  );

/** Fails with PAYLOAD_TOO_LARGE when a value nests deeper than `maxDepth` (checked without recursion),
 * as a value that contains itself (YAML `&a [*a]`) does. */
export function checkDepth(value: unknown, maxDepth: number): void {
  // Only objects and arrays are stacked, each beside its depth: no pair, and no list of values, per value.
  const values: object[] = [];
  const depths: number[] = [];
  const push = (v: unknown, depth: number) => {
    if (typeof v !== 'object' || v === null) return;
    if (depth > maxDepth) tooDeep(maxDepth);
    values.push(v);
    depths.push(depth);
  };
  push(value, 1);
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()! + 1;
    if (Array.isArray(v)) for (const child of v) push(child, depth);
    else for (const key of Object.keys(v)) push((v as Record<string, unknown>)[key], depth);
  }
}
