// The manifest limits, and the PAYLOAD_TOO_LARGE failures of inputs over them, worded once here so
// that every decoder (JSON, plain YAML, guarded YAML) reports the same limit the same way.
import { fail, FieldPath } from '../../errors';

/** Bounds on one input; what exceeds them fails with PAYLOAD_TOO_LARGE instead of using time or memory. */
export interface ManifestLimits {
  maxBytes: number; // UTF-8 size of a text input
  maxObjects: number; // documents, and objects once List items are flattened
  maxAliasCount: number; // YAML alias expansions per document (a "billion laughs" bomb stops here)
  maxDepth: number; // nesting of maps and lists
  // Keys of one map: each key may become a problem, a suggestion, a line of an answer. A Pod spec has
  // about 40 fields and a ConfigMap rarely a few hundred keys; 70 000 unknown keys in a 1 MB body cost
  // 2.6 s of CPU to refuse one by one (issue 10). A JSON body's limit is MAX_OBJECT_KEYS (config.ts).
  maxKeys: number;
}

export const DEFAULT_MANIFEST_LIMITS: Readonly<ManifestLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxObjects: 5000,
  maxAliasCount: 100,
  maxDepth: 100,
  maxKeys: 1000,
});

/** The nesting of a whole input: a manifest's, in an input object and a list (`{ "objects": [manifest] }`). */
export const MAX_INPUT_DEPTH = DEFAULT_MANIFEST_LIMITS.maxDepth + 2;

/** The nesting of a whole JSON request body. Deeper, a body is refused before it is parsed (src/http/
 * json-scan.ts): JSON.parse takes 0.25-0.9 s for 1 MB of `[[[[…`. Far over what any input accepts
 * (MAX_INPUT_DEPTH, under a GraphQL variable or MCP arguments), so that a body nested a little too deep
 * still gets its route's own refusal, which says what the limit is for (a manifest's nesting, a
 * variable's); and as deep as a value may be to cross to a worker thread (structured clone recurses). */
export const MAX_BODY_DEPTH = 1000;

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
 * as a value that contains itself (YAML `&a [*a]`) does, or when one of its maps has more than `maxKeys`
 * keys: one cheap walk, before any later step spends time on each key. */
export function checkDepth(value: unknown, maxDepth: number, maxKeys: number): void {
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
    else {
      // Counted as they are walked, so that a map of 70 000 keys stops the walk at its 1 001st, no list
      // of its keys made. A parsed value's maps are plain: for…in sees their own keys only.
      let count = 0;
      for (const key in v) {
        if (++count > maxKeys) tooManyKeys(value, v, maxKeys);
        push((v as Record<string, unknown>)[key], depth);
      }
    }
  }
}

/** The refusal of a map with too many keys, at its path from `root` (looked for only now, once refused). */
function tooManyKeys(root: unknown, map: object, maxKeys: number): never {
  const stack: [unknown, FieldPath][] = [[root, FieldPath.root()]];
  let at = '';
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (v === map) {
      at = String(path);
      break;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, path.index(i)]));
    else for (const [k, x] of Object.entries(v)) if (typeof x === 'object') stack.push([x, path.child(k)]);
  }
  return tooManyKeysAt(at, maxKeys);
}

/** The refusal of the map at `path` for having more than `maxKeys` keys. */
export const tooManyKeysAt = (path: string, maxKeys: number): never =>
  fail(
    'PAYLOAD_TOO_LARGE',
    `this object has more than ${maxKeys} keys, the most accepted in one object (MAX_OBJECT_KEYS); send fewer`,
    path,
    { limit: maxKeys },
  );
