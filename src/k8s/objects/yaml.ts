// YAML manifests to values, guarded against inputs that make the yaml package slow or hungry. Plain
// manifests take a faster way first (yaml-plain.ts).
// Kubernetes reads YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2), so `yes` is a boolean and `0644` octal
// here too; timestamps, sets and sexagesimal numbers stay strings, as they do there.
//
// Three guards, each found by measuring yaml 2.x: (1) deep nesting makes its parser quadratic and its
// composer run out of memory ([[[[… of 10000 levels crashes the process), so nesting is bounded with its
// lexer first; (2) a collection used as a map key (`? ? ? x`) is stringified exponentially by toJS, and
// Kubernetes keys are strings anyway, so such keys are refused before toJS; (3) aliases are bounded by
// maxAliasCount (the "billion laughs" bomb).
import { CST, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments, type Document, type Tags } from 'yaml';
import { fail, KubeknowError, type Problem } from '../../errors';
import { checkDepth, tooDeep, tooLarge, tooManyDocuments, type ManifestLimits } from './too-large';
import { decodePlainYaml } from './yaml-plain';
import { lineColumn } from './json';

const AS_KUBERNETES = (tags: Tags): Tags =>
  tags.filter(
    (t) =>
      typeof t === 'string' ||
      (t.format !== 'TIME' &&
        !['timestamp', 'set', 'omap', 'pairs', 'binary'].some((n) => t.tag === `tag:yaml.org,2002:${n}`)),
  );

// Markers the lexer emits that are not source text: document start, flow error end, plain scalar start.
const CONTROL = new Set(['\x02', '\x18', '\x1f']);
const NODE_START = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'alias']);

// Flow collections count one level each. A block collection always starts to the right of its parent
// (a sequence may share its parent key's column), so block depth is at most twice the column of the
// deepest node: columns are bounded at 4 × maxDepth, room enough for 4-space indentation. A second
// block key on one line (`a: b: c`) is a YAML error the parser would report too; it is reported here
// first, because a manifest whose line breaks were lost (`curl -d` drops them) is all such keys, far
// to the right, and would otherwise be called too deep.
function checkNesting(text: string, { maxDepth, maxObjects }: ManifestLimits): void {
  let flow = 0;
  let docStarts = 0;
  let docEnds = 0;
  let column = 0;
  let keyColumn = 0;
  let offset = 0;
  let keyOnLine = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'doc-start') docStarts++;
    else if (type === 'doc-end') docEnds++;
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flow > maxDepth) tooDeep(maxDepth);
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') flow--;
    else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind') && column > 4 * maxDepth)
      tooDeep(maxDepth);
    else if (flow === 0 && type === 'map-value-ind') {
      if (keyOnLine) nestedOnOneLine(text, offset);
      if (keyColumn > 4 * maxDepth) tooDeep(maxDepth);
      keyOnLine = true;
    }
    if (type && NODE_START.has(type)) keyColumn = column;
    if (CONTROL.has(token)) continue;
    offset += token.length;
    const nl = token.lastIndexOf('\n');
    column = nl >= 0 ? token.length - nl - 1 : column + token.length;
    if (nl >= 0) [keyColumn, keyOnLine] = [0, false];
  }
  // Each document but the first starts with --- or follows a ..., so this counts them before parsing.
  const documents = Math.max(docStarts, docEnds);
  if (documents > maxObjects) tooManyDocuments(maxObjects);
}

/** `a: b: c`, in the yaml package's words, and a hint when a long text has no line break. */
function nestedOnOneLine(text: string, offset: number): never {
  const { line, column } = lineColumn(text, offset);
  const oneLine = text.trimEnd();
  const hint =
    oneLine.length > 80 && !oneLine.includes('\n')
      ? ' (the text has no line breaks: `curl -d` removes them; send a file with --data-binary @file)'
      : '';
  return fail(
    'MANIFEST_UNPARSABLE',
    `invalid YAML: Nested mappings are not allowed in compact mappings at line ${line}, column ${column}${hint}`,
  );
}

/** The YAML errors reported one by one; past these, how many more there are. */
const MAX_REPORTED_ERRORS = 20;

function unparsable(text: string, node: unknown, message: string): never {
  return unparsableAt(text, (node as { range?: [number] }).range?.[0] ?? 0, message);
}

function unparsableAt(text: string, offset: number, message: string): never {
  const { line, column } = lineColumn(text, Math.max(offset, 0));
  return fail('MANIFEST_UNPARSABLE', `invalid YAML: ${message} at line ${line}, column ${column}`);
}

// The yaml package composes `*nope` without an anchor `nope` and throws only when toJS resolves it.
const UNRESOLVED_ALIAS = /^Unresolved alias \(the anchor must be set before the alias\): (.*)$/s;

// Map keys must be unique scalars. The yaml package checks uniqueness in quadratic time (60000 keys
// took minutes), so it is told not to, and keys are checked here with a set per map, without recursion.
function checkKeys(doc: Document, text: string, maxDepth: number): void {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxDepth) tooDeep(maxDepth);
    const keys = new Set<string>();
    for (const item of node.items) {
      if (!isPair(item)) {
        stack.push([item, depth + 1]);
        continue;
      }
      if (item.key !== null && !isScalar(item.key))
        unparsable(text, item.key, 'a map key must be a string, not a collection,');
      // As toJS writes it: a null key (`~:`, `null:`, or none) becomes "", like an empty string.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar's value: string, number, boolean or bigint
      const key = isScalar(item.key) && item.key.value !== null ? String(item.key.value) : '';
      // `<<` merge keys may repeat, as the yaml package's own check allows.
      if (keys.has(key) && key !== '<<') unparsable(text, item.key, 'Map keys must be unique');
      keys.add(key);
      stack.push([item.value, depth + 1]);
    }
  }
}

function toValue(doc: Document, text: string, limits: ManifestLimits): unknown {
  checkKeys(doc, text, limits.maxDepth);
  try {
    // An alias inside its own anchor (`&a [*a]`) makes a value that contains itself: every walk over
    // it (the prototype-key check, the text check, the readers) would go on without end.
    const value: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    checkDepth(value, limits.maxDepth, limits.maxKeys);
    return value;
  } catch (e) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount, and for an alias of no anchor.
    if (e instanceof ReferenceError) {
      const name = UNRESOLVED_ALIAS.exec(e.message)?.[1];
      if (name !== undefined)
        unparsableAt(text, text.indexOf(`*${name}`), `the alias *${name} names no anchor (&${name}) set before it`);
      tooLarge(`YAML aliases expand too far (more than ${limits.maxAliasCount} alias uses)`);
    }
    throw e;
  }
}

/** The documents of a YAML text (null for an empty one); MANIFEST_UNPARSABLE names line and column. */
export function decodeYaml(text: string, limits: ManifestLimits): unknown[] {
  return decodePlainYaml(text, limits) ?? decodeGuardedYaml(text, limits);
}

/** decodeYaml for any YAML, with the guards the yaml package needs. */
function decodeGuardedYaml(text: string, limits: ManifestLimits): unknown[] {
  checkNesting(text, limits);
  // prettyErrors would spell out each error's line and context by scanning the text from its start:
  // quadratic when a long line holds thousands of errors (200 KB of `!!str !!str …` took 10 s).
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: AS_KUBERNETES,
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (docs.length > limits.maxObjects) tooManyDocuments(limits.maxObjects, docs.length);
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) {
    const problems: Problem[] = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => {
      const { line, column } = lineColumn(text, e.pos[0]);
      return {
        code: 'MANIFEST_UNPARSABLE',
        path: '',
        message: `invalid YAML: ${e.message} at line ${line}, column ${column}`,
      };
    });
    if (errors.length > MAX_REPORTED_ERRORS)
      problems.push({
        code: 'MANIFEST_UNPARSABLE',
        path: '',
        message: `invalid YAML: ${errors.length - MAX_REPORTED_ERRORS} more errors`,
      });
    throw new KubeknowError(problems);
  }
  return docs.map((d) => toValue(d, text, limits));
}
