// InterPodAffinity's PreScore, Score and NormalizeScore (interpodaffinity/scoring.go): each existing Pod
// adds to (or takes from) the score of its topology domain: by the weight of the incoming Pod's preferred
// terms it matches, and by its own terms the incoming Pod matches (required affinity with the
// hardPodAffinityWeight, 1). A node scores the sum over its domains; scores are scaled min–max to 0–100.
import {
  termMatchesPod,
  withResolvedNamespaces,
  type AffinityTerm,
  type WeightedAffinityTerm,
} from '../../framework/affinity-terms';
import type { NodeInfo, PodInfo, ScoreState, Snapshot } from '../../framework/types';

const HARD_POD_AFFINITY_WEIGHT = 1;

type TopologyScore = Map<string, Map<string, number>>; // topologyKey → value → score

function add(m: TopologyScore, node: NodeInfo, term: AffinityTerm, weight: number): void {
  const value = node.labels[term.topologyKey];
  if (value === undefined) return;
  const byValue = m.get(term.topologyKey) ?? new Map<string, number>();
  byValue.set(value, (byValue.get(value) ?? 0) + weight);
  m.set(term.topologyKey, byValue);
}

// Whether a node has any label, without listing them (this runs for every node of every cycle).
function hasLabels(labels: Record<string, string>): boolean {
  for (const key in labels) if (Object.prototype.hasOwnProperty.call(labels, key)) return true;
  return false;
}

export function affinityScore(pod: PodInfo, snapshot: Snapshot): ScoreState | null {
  const ns = snapshot.namespaces;
  const nsLabels = ns.get(pod.namespace) ?? {};
  const resolve = (t: WeightedAffinityTerm) => ({ ...withResolvedNamespaces(t, ns), weight: t.weight });
  const own = [
    ...pod.preferredAffinity.map((t) => ({ term: resolve(t), weight: t.weight })),
    ...pod.preferredAntiAffinity.map((t) => ({ term: resolve(t), weight: -t.weight })),
  ];
  const scores: TopologyScore = new Map();
  // The incoming Pod's preferred terms, each over the only Pods its selector can take (the snapshot's
  // label index) or, for a selector without matchLabels, over every Pod.
  for (const { term, weight } of own) {
    const candidates = snapshot.labelIndex.candidates(term.selector);
    if (candidates) {
      const { pods, nodes } = candidates;
      for (let i = 0; i < pods.length; i++) if (termMatchesPod(term, pods[i])) add(scores, nodes[i], term, weight);
      continue;
    }
    for (const node of snapshot.nodes)
      if (hasLabels(node.labels))
        for (const p of node.boundPods) if (termMatchesPod(term, p)) add(scores, node, term, weight);
  }
  // The existing Pods' own terms the incoming Pod matches: only Pods with affinity have any (HavePodsWithAffinityList).
  for (const node of snapshot.affinityNodes) {
    if (!node.podsWithAffinity.length || !hasLabels(node.labels)) continue;
    for (const p of node.podsWithAffinity) {
      for (const t of p.requiredAffinity)
        if (termMatchesPod(t, pod.pod, nsLabels)) add(scores, node, t, HARD_POD_AFFINITY_WEIGHT);
      for (const t of p.preferredAffinity) if (termMatchesPod(t, pod.pod, nsLabels)) add(scores, node, t, t.weight);
      for (const t of p.preferredAntiAffinity)
        if (termMatchesPod(t, pod.pod, nsLabels)) add(scores, node, t, -t.weight);
    }
  }
  if (!scores.size) return null;
  return {
    score: (node) => {
      let s = 0;
      for (const [key, byValue] of scores) {
        const value = node.labels[key];
        if (value !== undefined) s += byValue.get(value) ?? 0;
      }
      return s;
    },
    normalize: (raw) => {
      const min = raw.reduce((m, s) => (s < m ? s : m), Infinity);
      const max = raw.reduce((m, s) => (s > m ? s : m), -Infinity);
      return raw.map((s) => (max - min > 0 ? Math.trunc(100 * ((s - min) / (max - min))) : 0));
    },
  };
}
