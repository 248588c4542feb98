// The bound Pods of a snapshot by the value of one label, over every node: kube-scheduler's plugins walk
// every Pod of every node to count those a selector takes (countPodsMatchSelector, the affinity terms'
// Matches), which over 30 000 Pods is most of a cycle. A selector with a matchLabels entry can only take
// Pods with that label and value, so the plugins read those instead. A key's index is built the first
// time a plugin asks for it, in one pass over the Pods in the order they were added (the order they were
// given in, which reads memory in order, where walking node by node jumps across it), and kept up to date
// as the scheduler cache adds Pods; a snapshot's index answers exactly what walking its nodes would
// (label-index.test.ts compares the two).
import type { LabelSelector, Pod } from '../../objects';
import type { NodeInfo } from './types';

/** Bound Pods and the nodes they are on, pairwise: `pods[i]` is on `nodes[i]` (no object per Pod). */
export interface Placed {
  pods: Pod[];
  nodes: NodeInfo[];
}

const NONE: Placed = Object.freeze({ pods: [], nodes: [] });

export class LabelIndex {
  private readonly byKey = new Map<string, Map<string, Placed>>();
  /** Every Pod added, in order. */
  private readonly all: Placed = { pods: [], nodes: [] };

  /** The Pods labelled `key=value`, on every node. */
  withLabel(key: string, value: string): Placed {
    let byValue = this.byKey.get(key);
    if (!byValue) {
      byValue = new Map();
      const { pods, nodes } = this.all;
      for (let i = 0; i < pods.length; i++) put(byValue, key, pods[i], nodes[i]);
      this.byKey.set(key, byValue);
    }
    return byValue.get(value) ?? NONE;
  }

  /** A Pod bound to a node: as the snapshot is built, and after (AssumePod). */
  add(pod: Pod, node: NodeInfo): void {
    this.all.pods.push(pod);
    this.all.nodes.push(node);
    for (const [key, byValue] of this.byKey) put(byValue, key, pod, node);
  }

  /**
   * The only Pods `selector` can take: those with its first matchLabels entry. Undefined when it has
   * none (absent, empty, or only expressions): every Pod must be read.
   */
  candidates(selector: LabelSelector | undefined): Placed | undefined {
    if (!selector) return undefined;
    for (const key in selector.matchLabels) return this.withLabel(key, selector.matchLabels[key]);
    return undefined;
  }
}

function put(byValue: Map<string, Placed>, key: string, pod: Pod, node: NodeInfo): void {
  const labels = pod.metadata.labels;
  const value = labels[key];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(labels, key)) return;
  const placed = byValue.get(value);
  if (placed) {
    placed.pods.push(pod);
    placed.nodes.push(node);
  } else byValue.set(value, { pods: [pod], nodes: [node] });
}
