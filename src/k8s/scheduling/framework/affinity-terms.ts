// Pod affinity terms as the scheduler prepares them (framework.AffinityTerm, newAffinityTerm): which
// namespaces a term looks in, which Pods its selector takes, and in which topology.
import type { LabelSelector, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../objects';
import { compileSelector, isEmptySelector, selectorMatches, type Matcher } from './selectors';

export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  /** Absent: selects no namespace; empty: every namespace. */
  namespaceSelector?: LabelSelector;
  selector?: LabelSelector;
  /** The selector, compiled. */
  matches: Matcher;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

// kube-apiserver merges matchLabelKeys and mismatchLabelKeys into the labelSelector when it creates the
// Pod (KEP-3633): `key In (the Pod's value)` and `key NotIn (the Pod's value)`, for keys the Pod has.
function mergedSelector(pod: Pod, term: PodAffinityTerm): LabelSelector | undefined {
  const s = term.labelSelector;
  // Most terms have neither list: nothing to merge, and no lists to build for each Pod with affinity.
  if (!term.matchLabelKeys.length && !term.mismatchLabelKeys.length) return s;
  const labels = pod.metadata.labels;
  const extra = [
    ...term.matchLabelKeys
      .filter((k) => k in labels)
      .map((key) => ({ key, operator: 'In' as const, values: [labels[key]] })),
    ...term.mismatchLabelKeys
      .filter((k) => k in labels)
      .map((key) => ({ key, operator: 'NotIn' as const, values: [labels[key]] })),
  ];
  return s && extra.length ? { matchLabels: s.matchLabels, matchExpressions: [...s.matchExpressions, ...extra] } : s;
}

/** newAffinityTerm: with neither namespaces nor a namespaceSelector, a term looks in the Pod's own namespace. */
export function affinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const own = term.namespaces.length === 0 && !term.namespaceSelector;
  const selector = mergedSelector(pod, term);
  // Fields set one by one rather than spread from optional parts: every Pod with affinity on a snapshot's
  // nodes has its terms built in each cycle, and a spread copies through a slower path.
  const out: AffinityTerm = {
    namespaces: own ? new Set<string>().add(pod.metadata.namespace) : new Set(term.namespaces),
    matches: compileSelector(selector),
    topologyKey: term.topologyKey,
  };
  if (term.namespaceSelector) out.namespaceSelector = term.namespaceSelector;
  if (selector) out.selector = selector;
  return out;
}

export function weightedTerm(pod: Pod, t: WeightedPodAffinityTerm): WeightedAffinityTerm {
  const out = affinityTerm(pod, t.podAffinityTerm) as WeightedAffinityTerm;
  out.weight = t.weight;
  return out;
}

/**
 * AffinityTerm.Matches: the Pod is in one of the term's namespaces (or its namespace's labels match the
 * namespaceSelector), and its labels match the selector.
 */
export function termMatchesPod(term: AffinityTerm, pod: Pod, namespaceLabels?: Record<string, string>): boolean {
  const inNamespace =
    term.namespaces.has(pod.metadata.namespace) ||
    (term.namespaceSelector !== undefined &&
      (isEmptySelector(term.namespaceSelector) ||
        (namespaceLabels !== undefined && selectorMatches(term.namespaceSelector, namespaceLabels))));
  return inNamespace && term.matches(pod.metadata.labels);
}

/**
 * The incoming Pod's terms get their namespaceSelector resolved once into namespace names
 * (mergeAffinityTermNamespacesIfNotEmpty); an empty selector stays, as it matches every namespace.
 */
export function withResolvedNamespaces(
  term: AffinityTerm,
  namespaces: ReadonlyMap<string, Record<string, string>>,
): AffinityTerm {
  const sel = term.namespaceSelector;
  if (!sel || isEmptySelector(sel)) return term;
  const names = new Set(term.namespaces);
  for (const [name, labels] of namespaces) if (selectorMatches(sel, labels)) names.add(name);
  return {
    namespaces: names,
    ...(term.selector ? { selector: term.selector } : {}),
    matches: term.matches,
    topologyKey: term.topologyKey,
  };
}

/** podMatchesAllAffinityTerms: a Pod matches every one of the terms (and there is at least one). */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => termMatchesPod(t, pod));
}
