// YAML manifests to values, as Kubernetes reads them. Kubernetes reads YAML 1.1 (sigs.k8s.io/yaml
// over go-yaml v2), so `yes` is a boolean and `0644` octal here too; timestamps, sets and
// sexagesimal numbers stay strings, as they do there.
//
// js-yaml parses (about ten times faster than the yaml package, which this file used before), with
// guards for inputs that cost time or memory: (1) its maxDepth bounds nesting before its recursive
// parser goes deep; (2) documents are counted from their markers before parsing; (3) aliases are
// shared references in its output, so nothing expands while parsing, and the alias nodes a document
// would resolve if expanded are counted, without expanding them, before anything walks the values
// (the "billion laughs" bomb). Duplicate keys are errors, as the API server's strict decoding has them.
import { FAILSAFE_SCHEMA, loadAll, Type, YAMLException, type LoadOptions } from 'js-yaml';
import { fail } from '../../errors';
import type { ManifestLimits } from './decode';

const tooLarge = (message: string): never => fail('PAYLOAD_TOO_LARGE', message);
const tooDeep = (maxDepth: number): never => tooLarge(`manifest nesting is deeper than ${maxDepth} levels`);

/** A YAML 1.1 scalar type: the plain scalars matching one of `forms` become what `construct` makes. */
function scalar(tag: string, forms: RegExp[], construct: (text: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    // An empty node (null) is a null, and only a null: `key: !!int` is an error, as in go-yaml.
    resolve: (text: string | null) => (text === null ? tag === 'null' : forms.some((f) => f.test(text))),
    construct: (text: string | null) => construct(text ?? ''),
  });
}

/** `[-+]?digits` in `radix`, underscores allowed (YAML 1.1 §int). */
function integer(text: string, radix: number, prefix: number): number {
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.replace(/^[-+]/, '').slice(prefix).replace(/_/g, '');
  return sign * parseInt(digits, radix);
}

// The YAML 1.1 scalar forms, as the yaml package's yaml-1.1 schema (and go-yaml v2) resolve them.
const INT = [/^[-+]?0b[0-1_]+$/, /^[-+]?0[0-7_]+$/, /^[-+]?[0-9][0-9_]*$/, /^[-+]?0x[0-9a-fA-F_]+$/];
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = [SPECIAL_FLOAT, /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/];

const KUBERNETES_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', [/^(?:~|[Nn]ull|NULL)?$/], () => null),
    scalar('bool', [TRUE, FALSE], (t) => TRUE.test(t)),
    scalar('int', INT, (t) => {
      if (INT[0].test(t)) return integer(t, 2, 2);
      if (INT[1].test(t)) return integer(t, 8, 1);
      return INT[2].test(t) ? integer(t, 10, 0) : integer(t, 16, 2);
    }),
    scalar('float', FLOAT, (t) => {
      if (!SPECIAL_FLOAT.test(t)) return parseFloat(t.replace(/_/g, ''));
      if (/nan/i.test(t)) return NaN;
      return t[0] === '-' ? -Infinity : Infinity;
    }),
    // A plain `<<` key merges the mapping(s) it is given (YAML 1.1 merge keys); js-yaml does the merging.
    scalar('merge', [/^<<$/], () => '<<'),
  ],
});

/** Fails early when the markers alone show too many documents: `---` and `...` at a line start. */
function checkDocumentCount(text: string, maxObjects: number): void {
  const starts = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  const ends = text.match(/^\.\.\.(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  // Each document but the first starts with --- or follows a ...; the first may have neither.
  if (Math.max(starts, ends) > maxObjects) tooLarge(`input has more than ${maxObjects} documents`);
}

/**
 * Checks what js-yaml leaves to its caller. Aliases: counts the alias nodes a document would resolve
 * if it were expanded, as the yaml package's maxAliasCount did. An object met again is an alias
 * (YAML defines an anchor before its aliases), and it brings the aliases inside it. Each object is
 * visited once, so this is linear in the parsed size however far the aliases would expand; recursion
 * is bounded by maxDepth. Keys: js-yaml writes a mapping used as a key as "[object Object]", where
 * Kubernetes refuses it. (A flow sequence used as a key becomes its items joined by commas.)
 */
function checkValues(root: unknown, maxAliasCount: number): void {
  const within = new Map<object, number>();
  const open = new Set<object>();
  const visit = (node: object): number => {
    let count = 0;
    open.add(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === '[object Object]') fail('MANIFEST_UNPARSABLE', 'invalid YAML: a map key must be a string, not a collection');
      if (typeof child !== 'object' || child === null) continue;
      if (open.has(child)) tooLarge('a YAML alias refers to a node that contains it');
      const known = within.get(child);
      count += known === undefined ? visit(child) : 1 + known;
      if (count > maxAliasCount)
        tooLarge(`YAML aliases expand too far (more than ${maxAliasCount} alias uses)`);
    }
    open.delete(node);
    within.set(node, count);
    return count;
  };
  if (typeof root === 'object' && root !== null) visit(root);
}

/** A js-yaml error as a problem: MANIFEST_UNPARSABLE with line and column, or the depth limit's 413. */
function problem(e: YAMLException, maxDepth: number): never {
  if (e.reason.startsWith('nesting exceeded maxDepth')) tooDeep(maxDepth);
  return fail('MANIFEST_UNPARSABLE', `invalid YAML: ${e.reason} at line ${e.mark.line + 1}, column ${e.mark.column + 1}`);
}

/** The documents of a YAML text (null for an empty one); MANIFEST_UNPARSABLE names line and column. */
export function decodeYaml(text: string, limits: ManifestLimits): unknown[] {
  checkDocumentCount(text, limits.maxObjects);
  // js-yaml counts every node, scalars included: a value nested maxDepth deep has a scalar below.
  const options = { schema: KUBERNETES_SCHEMA, maxDepth: limits.maxDepth + 1 } as LoadOptions;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, options);
  } catch (e) {
    if (e instanceof YAMLException) problem(e, limits.maxDepth);
    throw e;
  }
  if (docs.length > limits.maxObjects)
    tooLarge(`input has ${docs.length} documents; at most ${limits.maxObjects} are accepted`);
  for (const doc of docs) checkValues(doc, limits.maxAliasCount);
  return docs;
}
