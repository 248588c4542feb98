// The bound Pods of a snapshot with one label value, over every node: kube-scheduler's plugins walk
// every Pod of every node to count those a selector takes (countPodsMatchSelector, the affinity terms'
// Matches), which over 30 000 Pods is most of a cycle. A selector with a matchLabels entry can only take
// Pods with that label and value, so the plugins read those instead. The Pods of a key=value are found
// the first time a plugin asks for them, in one pass over the Pods in the order they were added (the
// order they were given in, which reads memory in order, where walking node by node jumps across it),
// and kept up to date as the scheduler cache adds Pods. Only the values asked for are gathered: a
// snapshot built for one Pod asks for one or two, and a dry-run's cache for those of the workloads it
// places; a snapshot's index answers exactly what walking its nodes would (label-index.test.ts compares
// the two).
import type { LabelSelector, Pod } from '../../objects';
import type { NodeInfo } from './types';

/** Bound Pods and the nodes they are on, pairwise: `pods[i]` is on `nodes[i]` (no object per Pod). */
export interface Placed {
  pods: Pod[];
  nodes: NodeInfo[];
}

export class LabelIndex {
  /** key → value → its Pods, for the values asked for. */
  private readonly byKey = new Map<string, Map<string, Placed>>();
  /**
   * The same keys and their values, in two arrays: add reads them for every Pod of a snapshot, and an
   * indexed loop over arrays costs less there than iterating the map.
   */
  private readonly keys: string[] = [];
  private readonly values: Map<string, Placed>[] = [];
  /**
   * Every Pod added, in order: the first `size` entries of arrays made as long as the snapshot's Pods
   * (`capacity`), so that a snapshot's pass over 30 000 Pods fills them without growing them step by
   * step (each step a copy, and garbage); Pods added later (the dry-run's cache) are pushed.
   */
  private readonly all: Placed;
  private size = 0;

  constructor(capacity = 0) {
    this.all = { pods: new Array<Pod>(capacity), nodes: new Array<NodeInfo>(capacity) };
  }

  /** The Pods labelled `key=value`, on every node. */
  withLabel(key: string, value: string): Placed {
    let byValue = this.byKey.get(key);
    if (!byValue) {
      this.byKey.set(key, (byValue = new Map<string, Placed>()));
      this.keys.push(key);
      this.values.push(byValue);
    }
    let placed = byValue.get(value);
    if (!placed) {
      placed = { pods: [], nodes: [] };
      const { pods, nodes } = this.all;
      for (let i = 0; i < this.size; i++) if (labelled(pods[i], key, value)) push(placed, pods[i], nodes[i]);
      byValue.set(value, placed);
    }
    return placed;
  }

  /** A Pod bound to a node: as the snapshot is built, and after (AssumePod). */
  add(pod: Pod, node: NodeInfo): void {
    const all = this.all;
    if (this.size < all.pods.length) {
      all.pods[this.size] = pod;
      all.nodes[this.size] = node;
    } else push(all, pod, node);
    this.size++;
    const keys = this.keys;
    if (keys.length === 0) return;
    const labels = pod.metadata.labels;
    for (let i = 0; i < keys.length; i++) {
      const value = labels[keys[i]];
      if (value === undefined) continue;
      const placed = this.values[i].get(value);
      if (placed && labelled(pod, keys[i], value)) push(placed, pod, node);
    }
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

function labelled(pod: Pod, key: string, value: string): boolean {
  const labels = pod.metadata.labels;
  return labels[key] === value && Object.prototype.hasOwnProperty.call(labels, key);
}

function push(placed: Placed, pod: Pod, node: NodeInfo): void {
  placed.pods.push(pod);
  placed.nodes.push(node);
}
