// Matching labels and nodes against selectors, as kube-scheduler does: label selectors as
// metav1.LabelSelectorAsSelector builds them (apimachinery/pkg/labels), node selectors and node affinity
// as component-helpers/scheduling/corev1/nodeaffinity matches them.
import type { LabelSelector, Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../objects';

type Labels = Record<string, string>;

const has = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

/** Whether a selector has no requirement: `{}` selects every object (labels.Everything()). */
export function isEmptySelector(s: LabelSelector): boolean {
  return s.matchExpressions.length === 0 && Object.keys(s.matchLabels).length === 0;
}

/**
 * Whether the labels satisfy the selector. An absent selector selects nothing (LabelSelectorAsSelector(nil)
 * is labels.Nothing()); an empty one selects everything.
 */
export function selectorMatches(s: LabelSelector | undefined, labels: Labels): boolean {
  return compileSelector(s)(labels);
}

/** A selector turned into a test once, for the loops that run it over every Pod of the cluster. */
export type Matcher = (labels: Labels) => boolean;

const NOTHING: Matcher = () => false;

/** The key of a map holding exactly one (own) key; else undefined. */
function onlyKey(labels: Labels): string | undefined {
  let only: string | undefined;
  for (const key in labels) {
    if (!has(labels, key)) continue;
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}

/** selectorMatches, compiled: the same answers, without walking the selector's maps per call. */
export function compileSelector(s: LabelSelector | undefined): Matcher {
  if (!s) return NOTHING;
  const exprs = s.matchExpressions;
  // The commonest selector, one label: its key found without Object.entries' arrays, as every Pod with
  // a pod (anti-)affinity term on a snapshot's nodes has its terms compiled in each cycle.
  const only = exprs.length ? undefined : onlyKey(s.matchLabels);
  if (only !== undefined) {
    const value = s.matchLabels[only];
    return (labels) => labels[only] === value && has(labels, only);
  }
  const equal = Object.entries(s.matchLabels);
  return (labels) => {
    for (const [key, value] of equal) if (labels[key] !== value || !has(labels, key)) return false;
    for (const e of exprs) {
      const present = has(labels, e.key);
      if (e.operator === 'In' && !(present && e.values.includes(labels[e.key]))) return false;
      if (e.operator === 'NotIn' && present && e.values.includes(labels[e.key])) return false;
      if (e.operator === 'Exists' && !present) return false;
      if (e.operator === 'DoesNotExist' && present) return false;
    }
    return true;
  };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64), or undefined when Go would return an error. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s) || s.length > 40) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

// A Gt or Lt requirement whose value is not an integer cannot be built (labels.NewRequirement), and the
// scheduler drops the whole term ("ignore parsing errors for backwards compatibility").
function termIsParsable(term: NodeSelectorTerm): boolean {
  const exprs = term.matchExpressions;
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i];
    if ((e.operator === 'Gt' || e.operator === 'Lt') && parseInt64(e.values[0] ?? '') === undefined) return false;
  }
  return true;
}

function expressionMatches(e: NodeSelectorRequirement, labels: Labels): boolean {
  const present = has(labels, e.key);
  switch (e.operator) {
    case 'In':
      return present && e.values.includes(labels[e.key]);
    case 'NotIn':
      return !present || !e.values.includes(labels[e.key]);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      const have = present ? parseInt64(labels[e.key]) : undefined;
      const want = parseInt64(e.values[0]);
      if (have === undefined || want === undefined) return false;
      return e.operator === 'Gt' ? have > want : have < want;
    }
  }
}

// matchFields knows one field, metadata.name, with In and NotIn (nodeSelectorRequirementsAsFieldSelector).
function fieldMatches(e: NodeSelectorRequirement, node: Node): boolean {
  const equal = node.metadata.name === e.values[0];
  return e.operator === 'In' ? equal : !equal;
}

/**
 * Whether the node matches all of a term's expressions and fields. Indexed loops, no closure: it runs
 * for every node of a cycle, with the labels of that node.
 */
function allMatch(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata.labels;
  const { matchExpressions: exprs, matchFields: fields } = term;
  for (let i = 0; i < exprs.length; i++) if (!expressionMatches(exprs[i], labels)) return false;
  for (let i = 0; i < fields.length; i++) if (!fieldMatches(fields[i], node)) return false;
  return true;
}

/** Whether the node matches one NodeSelectorTerm: all of it; an empty or unparsable term matches no node. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  if (!termIsParsable(term)) return false;
  return allMatch(term, node);
}

// The Pod's nodeSelector and required terms, prepared once per Pod object (which terms can match at all),
// since the NodeAffinity filter and PodTopologySpread's node inclusion test every node against them. The
// memo holds no state a result depends on: a Pod object is never changed. Kept as data read by one
// function, not as a closure per Pod: optimized code that called the closure of the Pod it was warmed on
// inlined that very closure, and was thrown away for the next Pod's (a "wrong call target" deopt, and a
// "weak objects" one once the old Pod was collected).
interface RequiredMatcher {
  selector: [string, string][];
  required: boolean;
  terms: NodeSelectorTerm[];
}
const requiredMatchers = new WeakMap<Pod, RequiredMatcher>();

function compileRequired(pod: Pod): RequiredMatcher {
  const selector = Object.entries(pod.spec.nodeSelector);
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  // termMatches' first two rules do not depend on the node: an empty or unparsable term matches none.
  const terms = (required?.nodeSelectorTerms ?? []).filter(
    (t) => (t.matchExpressions.length > 0 || t.matchFields.length > 0) && termIsParsable(t),
  );
  return { selector, required: required !== undefined, terms };
}

function matchesRequired({ selector, required, terms }: RequiredMatcher, node: Node): boolean {
  const labels = node.metadata.labels;
  for (let i = 0; i < selector.length; i++) {
    const [key, value] = selector[i];
    if (!has(labels, key) || labels[key] !== value) return false;
  }
  if (!required) return true;
  for (let i = 0; i < terms.length; i++) if (allMatch(terms[i], node)) return true;
  return false;
}

/** Whether the node satisfies the Pod's nodeSelector and required node affinity (nodeaffinity.RequiredNodeAffinity.Match). */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  let matcher = requiredMatchers.get(pod);
  if (!matcher) requiredMatchers.set(pod, (matcher = compileRequired(pod)));
  return matchesRequired(matcher, node);
}

/** The terms of a NodeSelector, ORed: why a node fails it, for explanations. */
export function describeTerm(term: NodeSelectorTerm): string {
  const parts = [
    ...term.matchExpressions.map((e) => `${e.key} ${e.operator}${e.values.length ? ` [${e.values.join(', ')}]` : ''}`),
    ...term.matchFields.map((e) => `${e.key} ${e.operator} [${e.values.join(', ')}]`),
  ];
  return parts.length ? parts.join(' AND ') : '(empty term)';
}
