// Label selectors (metav1.LabelSelector) and node selectors (core/v1 NodeSelector), read and validated as
// the API server does (apimachinery's ValidateLabelSelector, core validation's ValidateNodeSelector),
// with its messages.
import type { FieldPath } from '../../errors';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  NodeSelector,
  NodeSelectorOperator,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  SelectorOperator,
} from './scheduling-types';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import type { Reader } from './read';

const SELECTOR_OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NODE_OPERATORS: readonly NodeSelectorOperator[] = [...SELECTOR_OPERATORS, 'Gt', 'Lt'];

/** The rule on `values` every selector operator shares (ValidateLabelSelectorRequirement, ValidateNodeSelectorRequirement). */
function checkValues(r: Reader, op: string, values: string[], path: FieldPath): void {
  if ((op === 'In' || op === 'NotIn') && values.length === 0)
    r.required(path, "must be specified when `operator` is 'In' or 'NotIn'");
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0)
    r.problems.add(
      'FIELD_INVALID',
      path,
      "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    );
}

function operatorOf<T extends string>(r: Reader, v: unknown, path: FieldPath, allowed: readonly T[]): T | undefined {
  const op = r.str(v, path);
  if (op === undefined || op === '') {
    r.required(path);
    return undefined;
  }
  if ((allowed as readonly string[]).includes(op)) return op as T;
  r.invalid(path, 'not a valid selector operator', op);
  return undefined;
}

function labelRequirement(r: Reader, v: unknown, path: FieldPath): LabelSelectorRequirement | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const key = r.reqStr(o.key, path.child('key')) ?? '';
  if (key) r.check(path.child('key'), key, isQualifiedName(key));
  const operator = operatorOf(r, o.operator, path.child('operator'), SELECTOR_OPERATORS);
  const values = r.strList(o.values, path.child('values'));
  values.forEach((value, i) => r.check(path.child('values').index(i), value, isValidLabelValue(value)));
  if (operator) checkValues(r, operator, values, path.child('values'));
  return operator ? { key, operator, values } : undefined;
}

/** A metav1.LabelSelector; undefined when absent (which selects nothing where a selector is optional). */
export function readLabelSelector(r: Reader, v: unknown, path: FieldPath): LabelSelector | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const matchExpressions = r
    .list(o.matchExpressions, path.child('matchExpressions'))
    .flatMap((e, i) => labelRequirement(r, e, path.child('matchExpressions').index(i)) ?? []);
  return { matchLabels: r.labels(o.matchLabels, path.child('matchLabels')), matchExpressions };
}

function nodeRequirement(r: Reader, v: unknown, path: FieldPath, field: boolean): NodeSelectorRequirement | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const key = r.reqStr(o.key, path.child('key')) ?? '';
  const operator = operatorOf(r, o.operator, path.child('operator'), NODE_OPERATORS);
  const values = r.strList(o.values, path.child('values'));
  const vp = path.child('values');
  if (field) {
    // matchFields: only metadata.name, with In or NotIn and one value (ValidateNodeFieldSelectorRequirement).
    if (operator && operator !== 'In' && operator !== 'NotIn')
      r.invalid(path.child('operator'), 'not a valid selector operator', operator);
    if ((operator === 'In' || operator === 'NotIn') && values.length !== 1)
      r.required(vp, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
    if (key && key !== 'metadata.name') r.invalid(path.child('key'), 'not a valid field selector key', key);
    else values.forEach((value, i) => r.check(vp.index(i), value, isDNS1123Subdomain(value)));
  } else {
    // Only the key is validated; values are not, and a Gt or Lt value that is not an integer makes the
    // scheduler drop the term (nodeaffinity.nodeSelectorRequirementsAsSelector), which matching reports.
    if (key) r.check(path.child('key'), key, isQualifiedName(key));
    if (operator) checkValues(r, operator, values, vp);
    if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1)
      r.required(vp, "must be specified single value when `operator` is 'Lt' or 'Gt'");
  }
  return operator ? { key, operator, values } : undefined;
}

/** One NodeSelectorTerm; an empty term is valid and matches no node. */
export function readNodeSelectorTerm(r: Reader, v: unknown, path: FieldPath): NodeSelectorTerm {
  const o = r.obj(v, path) ?? {};
  const list = (name: string, field: boolean) =>
    r.list(o[name], path.child(name)).flatMap((e, i) => nodeRequirement(r, e, path.child(name).index(i), field) ?? []);
  return { matchExpressions: list('matchExpressions', false), matchFields: list('matchFields', true) };
}

/** A NodeSelector: at least one term (ValidateNodeSelector). */
export function readNodeSelector(r: Reader, v: unknown, path: FieldPath): NodeSelector | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const tp = path.child('nodeSelectorTerms');
  const terms = r.list(o.nodeSelectorTerms, tp).map((t, i) => readNodeSelectorTerm(r, t, tp.index(i)));
  if (terms.length === 0) r.required(tp, 'must have at least one node selector term');
  return { nodeSelectorTerms: terms };
}
