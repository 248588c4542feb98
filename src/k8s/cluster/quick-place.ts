// Placement for large dry-runs. kube-scheduler's full default profile (schedulePod) builds a snapshot
// of every bound Pod for each Pod it places, so a dry-run of thousands of Pods would take seconds;
// past QUICK_PLACEMENT_AFTER unbound Pods the dry-run places them by the rule the issue allows until
// the full scheduler is incremental: Nodes that are not cordoned, whose NoSchedule/NoExecute taints
// the Pod tolerates, whose labels match its nodeSelector and which have room for its CPU, memory and
// Pod count; among them the one with the fewest Pods of the same owner (kube-scheduler's default
// spreading), then the least requested CPU, then the first by name. The result says so.
import { milliValue, value } from '../quantity';
import { quantitiesOf, type Node, type Pod } from '../objects';
import { tolerated } from '../scheduling';
import { objectRef, type StageLog } from './model';

/** How many unbound Pods go through kube-scheduler's full profile before the quick rule takes over. */
export const QUICK_PLACEMENT_AFTER = 500;

interface Room {
  node: Node;
  cpu: number;
  memory: number;
  pods: number;
  owners: Map<string, number>;
}

const amount = (list: Record<string, string>, name: string, milli: boolean): number => {
  const q = quantitiesOf(list).get(name);
  return q ? Number(milli ? milliValue(q) : value(q)) : 0;
};

const ownerOf = (p: Pod): string => {
  const o = p.metadata.ownerReferences?.[0];
  return o ? `${o.kind}/${p.metadata.namespace}/${o.name}` : '';
};

function requests(p: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of p.spec.containers) {
    cpu += amount(c.resources.requests, 'cpu', true);
    memory += amount(c.resources.requests, 'memory', false);
  }
  return { cpu, memory };
}

function roomOf(node: Node): Room {
  const a = node.status.allocatable;
  return {
    node,
    cpu: a.cpu ? amount(a, 'cpu', true) : Infinity,
    memory: a.memory ? amount(a, 'memory', false) : Infinity,
    pods: a.pods ? amount(a, 'pods', false) : 110,
    owners: new Map(),
  };
}

function take(r: Room, p: Pod): void {
  const { cpu, memory } = requests(p);
  r.cpu -= cpu;
  r.memory -= memory;
  r.pods -= 1;
  const owner = ownerOf(p);
  r.owners.set(owner, (r.owners.get(owner) ?? 0) + 1);
}

function fits(r: Room, p: Pod, need: { cpu: number; memory: number }): boolean {
  const n = r.node;
  if (n.spec.unschedulable || r.pods < 1 || need.cpu > r.cpu || need.memory > r.memory) return false;
  if (!Object.entries(p.spec.nodeSelector).every(([k, v]) => n.metadata.labels[k] === v)) return false;
  return n.spec.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerated(p.spec.tolerations, t));
}

/** The Pods placed by the quick rule; a Pod that fits nowhere stays unbound with a FailedScheduling event. */
export function quickPlace(
  pods: readonly Pod[],
  running: readonly Pod[],
  nodes: readonly Node[],
  log: StageLog,
): Pod[] {
  const rooms = nodes.map(roomOf);
  const byName = new Map(rooms.map((r) => [r.node.metadata.name, r]));
  for (const p of [...running, ...pods]) {
    const room = byName.get(p.spec.nodeName ?? '');
    if (room) take(room, p);
  }
  return pods.map((pod) => {
    if (pod.spec.nodeName) return pod;
    const need = requests(pod);
    const owner = ownerOf(pod);
    let best: Room | undefined;
    for (const r of rooms) {
      if (!fits(r, pod, need)) continue;
      const spread = (r.owners.get(owner) ?? 0) - (best ? (best.owners.get(owner) ?? 0) : Infinity);
      if (!best || spread < 0 || (spread === 0 && r.cpu > best.cpu)) best = r;
    }
    const ref = objectRef(pod);
    if (!best) {
      log.events.push({
        object: ref,
        type: 'Warning',
        reason: 'FailedScheduling',
        message: `0/${nodes.length} nodes are available: no node has room for the Pod or matches its nodeSelector and taints (quick placement)`,
      });
      return pod;
    }
    take(best, pod);
    const nodeName = best.node.metadata.name;
    log.events.push({
      object: ref,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
    });
    return { ...pod, spec: { ...pod.spec, nodeName } };
  });
}
