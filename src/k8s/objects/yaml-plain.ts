// The fast path for YAML manifests: plain ones, without anchors, aliases, tags, directives or
// collections as keys (nearly every manifest people write or kubectl prints), are decoded with
// js-yaml, about ten times faster than the yaml package. Everything else, and every input js-yaml
// rejects, goes the guarded yaml-package way (yaml.ts), which also words the errors: the two read
// plain YAML alike (decode.test.ts reads each scalar form both ways).
//
// What made the yaml package's guards necessary cannot occur here: anchors, so aliases, are refused
// while parsing, mappings as keys are left to the guarded way, and js-yaml's maxDepth bounds
// nesting before its recursive parser goes deep.
import { FAILSAFE_SCHEMA, loadAll, Type, YAMLException, type LoadOptions } from 'js-yaml';
import { tooDeep, tooManyDocuments, type ManifestLimits } from './too-large';

/**
 * What sends an input the guarded way before parsing. Anchors (&), aliases (*), tags (!) and explicit
 * keys (?) start a node: after a line start, whitespace, a flow indicator, a colon, or a `---` with
 * no space after it, which js-yaml also reads as a document start (so does `---a`, sent the guarded
 * way for that reason). Directives (%) start a line, perhaps after `...`; a flow collection used as
 * a key is followed by its colon, or sits in a flow mapping. The test is conservative: such a
 * character inside a string also sends the input the guarded way. It is not the safety argument:
 * the listener below is (a fuzz run found inputs that slip past any such pattern).
 */
const NOT_PLAIN =
  /(?:^|[\s[\]{},:]|---)[&*!?]|^[ \t\ufeff]*(?:\.\.\.[ \t]+)*%|^[ \t\ufeff]*(?:\.\.\.[ \t]+)*---[^ \t\r\n]|[\]}][ \t]*:|[{,][ \t]*\[/m;

/** Thrown by the listener, to send the input the guarded way. */
const NOT_PLAIN_AFTER_ALL = new Error('not plain YAML');

/**
 * Called by js-yaml as it opens and closes each node. No anchor may be defined, so no alias can
 * resolve (an alias of a defined anchor is a node that opens after it): aliases are what can make
 * a small input large. And a mapping used as a key, which js-yaml writes as "[object Object]", is
 * left to the guarded way, which refuses it with its position.
 */
function listener(event: 'open' | 'close', state: { anchorMap: object; kind: string | null; result: unknown }): void {
  if (event === 'open') {
    for (const _ in state.anchorMap) throw NOT_PLAIN_AFTER_ALL;
  } else if (state.kind === 'mapping' && Object.hasOwn(state.result as object, '[object Object]')) {
    throw NOT_PLAIN_AFTER_ALL;
  }
}

/** A YAML 1.1 scalar type: the plain scalars matching one of `forms` become what `construct` makes. */
function scalar(tag: string, forms: RegExp[], construct: (text: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => (text === null ? tag === 'null' : forms.some((f) => f.test(text))),
    construct: (text: string | null) => construct(text ?? ''),
  });
}

/** `[-+]?digits` in `radix` after a `prefix` of that many characters, underscores allowed. */
function integer(text: string, radix: number, prefix: number): number {
  const sign = text[0] === '-' ? -1 : 1;
  return sign * parseInt(text.replace(/^[-+]/, '').slice(prefix).replace(/_/g, ''), radix);
}

// The YAML 1.1 scalar forms, as the yaml package's yaml-1.1 schema (what yaml.ts reads with) has them.
const INT = [/^[-+]?0b[0-1_]+$/, /^[-+]?0[0-7_]+$/, /^[-+]?[0-9][0-9_]*$/, /^[-+]?0x[0-9a-fA-F_]+$/];
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = [
  SPECIAL_FLOAT,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
];

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
    // A plain `<<` key merges the mapping it is given (a YAML 1.1 merge key); js-yaml does the merging.
    scalar('merge', [/^<<$/], () => '<<'),
  ],
});

/** How many documents the markers alone show: `---` and `...` at a line start. */
function markedDocuments(text: string): number {
  const starts = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  const ends = text.match(/^\.\.\.(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  return Math.max(starts, ends);
}

/** The documents of a plain YAML text; undefined when it is not plain or js-yaml rejects it. */
export function decodePlainYaml(text: string, limits: ManifestLimits): unknown[] | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  if (markedDocuments(text) > limits.maxObjects) tooManyDocuments(limits.maxObjects);
  // js-yaml counts every node, scalars included: a value nested maxDepth deep has a scalar below.
  const options = { schema: KUBERNETES_SCHEMA, maxDepth: limits.maxDepth + 1, listener } as unknown as LoadOptions;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, options);
  } catch (e) {
    if (e === NOT_PLAIN_AFTER_ALL) return undefined;
    if (!(e instanceof YAMLException)) throw e;
    if (e.reason.startsWith('nesting exceeded maxDepth')) tooDeep(limits.maxDepth);
    return undefined;
  }
  if (docs.length > limits.maxObjects) tooManyDocuments(limits.maxObjects, docs.length);
  return docs;
}
