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
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) tooDeep(maxDepth);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}
