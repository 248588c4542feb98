// A capability's input problems as kubeknow reports every error: a stable code and a field path per
// problem (src/errors.ts), whichever transport the input came through. zod finds the problems;
// this file words them. A capability's parameters are reported as request parameters (400
// BAD_USER_INPUT); a computation's values as Kubernetes reports its fields (422 FIELD_REQUIRED,
// FIELD_INVALID, FIELD_NOT_SUPPORTED with the supported values and a "Did you mean"), as the kernel
// reports manifests, and only a computation's body that is not an object at all is a 400.
import { z } from 'zod';
import { KubeknowError, pathOf, type ErrorCode, type Problem } from '../errors';
import { MAX_INPUT_DEPTH, notSupportedMessage } from '../k8s/objects';
import { didYouMeanText } from '../util/suggest';
import { unstorableTexts } from '../util/text';
import { enumsInAnyCase } from './any-case';
import type { Capability } from './capability';
import { fieldsOf, schemaAt, unwrap } from './schema-walk';

type Issue = z.core.$ZodIssue;
type Values = Capability['values'];

/** A custom issue that carries its own problem (a manifest's, with its path from the objects' root). */
export interface ProblemParams {
  problem?: Problem;
  code?: ErrorCode;
  /** The fields this issue says are not read at all (`objects` and `manifests` both sent): their own
   * problems, which zod finds first, are not reported beside it. */
  supersedes?: readonly string[];
}

const isUnder = (path: string, field: string) =>
  path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/** The fields that issues say are not read (ProblemParams.supersedes). */
const supersededBy = (issues: readonly Issue[]): string[] =>
  issues.flatMap((i) => (i.code === 'custom' ? ((i.params as ProblemParams | undefined)?.supersedes ?? []) : []));

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  // z.record() and z.map() are maps from names to values: to a client, objects too.
  record: 'an object',
  map: 'an object',
  array: 'a list',
  tuple: 'a list',
};

// zod names z.int()'s type "number"; the schema says whether a whole one is wanted. An object whose
// description shows one (`{ "name": …, "type": "A" }`) is shown so, since a string where an object is
// wanted is the commonest mistake ("query": "web.shop.svc.cluster.local").
function typeWords(issue: Extract<Issue, { code: 'invalid_type' }>, schema: z.ZodType | undefined): string {
  const s = schema && unwrap(schema);
  if (s instanceof z.ZodNumber && s.isInt) return TYPE_WORDS.int;
  const words = TYPE_WORDS[issue.expected] ?? issue.expected;
  const example = /`(\{[^`]*\})`/.exec(schema?.description ?? s?.description ?? '')?.[1];
  return words === TYPE_WORDS.object && example ? `${words}, e.g. ${example}` : words;
}

function bounds(schema: z.ZodType | undefined): { min?: number; max?: number; unit: string } {
  const s = schema && unwrap(schema);
  if (s instanceof z.ZodNumber)
    return { min: s.minValue ?? undefined, max: s.maxValue ?? undefined, unit: s.isInt ? 'whole number' : 'number' };
  if (s instanceof z.ZodString)
    return { min: s.minLength ?? undefined, max: s.maxLength ?? undefined, unit: 'characters' };
  return { unit: 'items' };
}

function rangeMessage(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>, schema: z.ZodType | undefined): string {
  const { min, max, unit } = bounds(schema);
  if (issue.origin === 'number' || issue.origin === 'int')
    return min !== undefined && max !== undefined && max < Number.MAX_SAFE_INTEGER
      ? `must be a ${unit} between ${min} and ${max}`
      : issue.code === 'too_big'
        ? `must be at most ${String(issue.maximum)}`
        : `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) return 'must not be empty';
  return issue.code === 'too_big'
    ? `must be at most ${String(issue.maximum)} ${unit} long`
    : `must be at least ${String(issue.minimum)} ${unit} long`;
}

function unknownKeys(issue: Extract<Issue, { code: 'unrecognized_keys' }>, root: z.ZodType, values: Values): Problem[] {
  const supported = Object.keys(fieldsOf(schemaAt(root, issue.path) ?? root) ?? {});
  const list = supported.map((f) => `"${f}"`).join(', ');
  const prefix = pathOf(issue.path);
  // A key near none of these may be an option of a nested object put one level too high
  // (`"nodez": 2` for `cluster.nodes`): suggested by its full path.
  const nested = supported.flatMap((f) => {
    const at = schemaAt(root, [...issue.path, f]);
    return Object.keys((at && fieldsOf(at)) ?? {}).map((sub) => ({ value: `${f}.${sub}`, aliases: [sub] }));
  });
  return issue.keys.map((key) => ({
    code: values === 'fields' ? 'FIELD_NOT_SUPPORTED' : 'BAD_USER_INPUT',
    path: prefix ? `${prefix}.${key}` : key,
    message: `unknown field; supported: ${list}${didYouMeanText(key, supported) || didYouMeanText(key, nested)}`,
  }));
}

// The offending value, when showing it helps: a short scalar, never a whole manifest or object.
function shown(issue: Issue): { value?: unknown } {
  const v = 'input' in issue ? issue.input : undefined;
  const short = typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 256);
  return short ? { value: v } : {};
}

// The value sent at an issue's path. A sensitive input's issues do not carry it (reportInput is off), so a
// value of the wrong type there was told "required" as if it had not been sent.
const sentAt = (raw: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );

function problemOf(issue: Issue, root: z.ZodType, values: Values, raw: unknown): Problem[] {
  const path = pathOf(issue.path);
  const value = shown(issue);
  // A computation's request is a 400 only when its body as a whole is not an object (nothing in it can
  // be named); a field missing or wrong in a well-formed one is a 422 at its path, like a manifest's.
  const valueCode = (code: ErrorCode): ErrorCode => (values === 'fields' && path ? code : 'BAD_USER_INPUT');
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as ProblemParams;
      if (params.problem) return [params.problem];
      return [{ code: params.code ?? valueCode('FIELD_INVALID'), path, message: issue.message, ...value }];
    }
    case 'invalid_type':
      return issue.input === undefined && sentAt(raw, issue.path) === undefined
        ? [{ code: valueCode('FIELD_REQUIRED'), path, message: 'required' }]
        : [
            {
              code: valueCode('FIELD_INVALID'),
              path,
              message: `must be ${typeWords(issue, schemaAt(root, issue.path))}`,
              ...value,
            },
          ];
    case 'too_big':
    case 'too_small':
      return [
        { code: valueCode('FIELD_INVALID'), path, message: rangeMessage(issue, schemaAt(root, issue.path)), ...value },
      ];
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const message =
        values === 'fields'
          ? notSupportedMessage(issue.input, allowed)
          : `must be one of ${allowed.join(', ')}${typeof issue.input === 'string' ? didYouMeanText(issue.input, allowed) : ''}`;
      return [{ code: valueCode('FIELD_NOT_SUPPORTED'), path, message, ...value }];
    }
    case 'unrecognized_keys':
      return unknownKeys(issue, root, values);
    default:
      return [{ code: valueCode('FIELD_INVALID'), path, message: issue.message, ...value }];
  }
}

/** Every problem zod found, worded, then the texts no store could keep; the request's own (400) first since they set the status. */
export function problemsOf(issues: readonly Issue[], root: z.ZodType, values: Values, raw?: unknown): Problem[] {
  const code = values === 'fields' ? 'FIELD_INVALID' : 'BAD_USER_INPUT';
  // A field that is not read has no problems of its own to report: `objects: null` beside `manifests`
  // was told "must be a list of Kubernetes objects" as well as "not both".
  const moot = supersededBy(issues);
  const read = (path: string) => !moot.some((field) => isUnder(path, field));
  const problems = [
    ...issues
      .filter(
        (i) => (i.code === 'custom' && (i.params as ProblemParams | undefined)?.supersedes) || read(pathOf(i.path)),
      )
      .flatMap((i) => problemOf(i, root, values, raw)),
    ...unstorableTexts(raw, MAX_INPUT_DEPTH)
      .map((t): Problem => ({ code, path: pathOf(t.path), message: t.message }))
      .filter((p) => read(p.path)),
  ];
  // Issues zod finds apart may read the same (a number over both its maximum and the largest exact
  // integer): each is said once.
  const seen = new Set<string>();
  const once = problems.filter((p) => {
    const key = `${p.code}\n${p.path}\n${p.message}`;
    return !seen.has(key) && !!seen.add(key);
  });
  return once.sort((a, b) => Number(b.code === 'BAD_USER_INPUT') - Number(a.code === 'BAD_USER_INPUT'));
}

/** The input as the capability reads it (enum-like values in any ASCII case, any-case.ts), or every problem with it at once. */
export function parseInput<In>(cap: Pick<Capability<In>, 'input' | 'values' | 'sensitive'>, given: unknown): In {
  const raw = enumsInAnyCase(cap, given);
  const parsed = cap.input.safeParse(raw, { reportInput: !cap.sensitive });
  const problems = problemsOf(parsed.success ? [] : parsed.error.issues, cap.input, cap.values, raw);
  if (parsed.success && !problems.length) return parsed.data;
  throw new KubeknowError(problems);
}
