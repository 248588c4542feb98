// Inputs over the manifest limits fail with PAYLOAD_TOO_LARGE, worded once here so that every
// decoder (JSON, plain YAML, guarded YAML) reports the same limit the same way.
import { fail } from '../../errors';

export const tooLarge = (message: string): never => fail('PAYLOAD_TOO_LARGE', message);

export const tooDeep = (maxDepth: number): never => tooLarge(`manifest nesting is deeper than ${maxDepth} levels`);

/** Too many documents: counted exactly once parsed, or at least `max + 1` from their markers before. */
export const tooManyDocuments = (max: number, count?: number): never =>
  tooLarge(
    count === undefined
      ? `input has more than ${max} documents`
      : `input has ${count} documents; at most ${max} are accepted`,
  );
