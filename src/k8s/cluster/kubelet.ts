// The kubelet's part: a Pod bound to a Node gets an IP from the Node's pod CIDR (host-local IPAM
// hands out addresses in order after the bridge's gateway .1; the real order depends on what the
// Node ran before, so the addresses are illustrative), or the Node's own IP with hostNetwork; it
// starts (phase Running) and turns Ready as its probes settle. A Pod left unscheduled stays Pending.
import type { Container, Node, Pod, PodCondition } from '../objects';
import { ipv4Cidr, ipv4Number, ipv4Text, type Ipv4Cidr } from './cidr';
import { objectRef, type StageLog } from './model';

const condition = (type: string, status: PodCondition['status']): PodCondition => ({ type, status });

// A readiness probe naming a port the container does not declare can never run.
const probeCannotRun = (c: Container): boolean => {
  const port = probePort(c);
  return typeof port === 'string' && !c.ports.some((p) => p.name === port);
};

/** Why the Pod's readiness probe can never pass, or undefined: it names a port no container declares. */
export function neverReady(pod: Pod): string | undefined {
  const c = pod.spec.containers.find(probeCannotRun);
  return c
    ? `container ${c.name}'s readiness probe targets port "${probePort(c) as string}", which the container does not declare, so the probe cannot run and the Pod never becomes Ready`
    : undefined;
}

function probePort(c: Container): unknown {
  const raw = c.readinessProbe?.raw as Record<string, { port?: unknown } | undefined> | undefined;
  return raw?.httpGet?.port ?? raw?.tcpSocket?.port ?? raw?.grpc?.port;
}

/** Hands out the next free address of each Node's pod CIDR. */
export class PodIPs {
  private readonly next = new Map<string, number>();
  private readonly taken = new Set<string>();
  // Each Node's pod CIDR, read once rather than for every Pod placed on it.
  private readonly cidrs = new Map<string, Ipv4Cidr | undefined>();
  constructor(private readonly nodes: ReadonlyMap<string, Node>) {}
  /** Records an address a given Pod already has. */
  take(ip: string): void {
    this.taken.add(ip);
  }
  /** The next address for a Pod on this Node, or undefined when the Node has no pod CIDR left. */
  allocate(nodeName: string): string | undefined {
    if (!this.cidrs.has(nodeName))
      this.cidrs.set(nodeName, ipv4Cidr(this.nodes.get(nodeName)?.spec.podCIDRs.find((c) => ipv4Cidr(c)) ?? ''));
    const cidr = this.cidrs.get(nodeName);
    if (!cidr) return undefined;
    for (let n = this.next.get(nodeName) ?? cidr.network + 2; n < cidr.network + cidr.size - 1; n++) {
      const ip = ipv4Text(n);
      if (this.taken.has(ip)) continue;
      this.next.set(nodeName, n + 1);
      this.taken.add(ip);
      return ip;
    }
    return undefined;
  }
}

const internalIP = (node: Node | undefined): string | undefined =>
  node?.status.addresses.find((a) => a.type === 'InternalIP' && ipv4Number(a.address) !== undefined)?.address;

/** The Pod as its kubelet reports it: IPs, phase and conditions. */
export function runPod(pod: Pod, nodes: ReadonlyMap<string, Node>, ips: PodIPs, log: StageLog): Pod {
  const ref = objectRef(pod);
  // No kubelet runs it: the Pod keeps the scheduler's PodScheduled condition, or (bound to a Node that
  // does not exist) the status the API server gave it, and no kubelet records an event (stuck.ts warns).
  if (!pod.spec.nodeName) return pod;
  const node = nodes.get(pod.spec.nodeName);
  if (!node) return pod;
  const hostIP = internalIP(node);
  const ip = pod.spec.hostNetwork ? hostIP : ips.allocate(pod.spec.nodeName);
  if (!ip) {
    log.warnings.push(
      `${ref}: no IP: ${pod.spec.hostNetwork ? `Node ${pod.spec.nodeName} has no InternalIP` : `Node ${pod.spec.nodeName} has no pod CIDR with a free address`}`,
    );
  }
  const stuck = neverReady(pod);
  if (stuck) log.warnings.push(`${ref}: ${stuck}`);
  const ready = stuck || !ip ? 'False' : 'True';
  log.events.push({
    object: ref,
    type: 'Normal',
    reason: 'Started',
    message: `Started container ${pod.spec.containers[0]?.name ?? ''}`,
  });
  return {
    ...pod,
    status: {
      phase: ip ? 'Running' : 'Pending',
      ...(ip ? { podIP: ip, podIPs: [ip] } : { podIPs: [] }),
      ...(hostIP ? { hostIP } : {}),
      conditions: ready === 'True' ? READY : notReady(pod, !!ip),
    },
  };
}

// A Pod that is not Ready says which containers hold it back, as the kubelet's status manager words it
// (GeneratePodReadyCondition: reason ContainersNotReady, "containers with unready status: [a b]"): those
// whose probe cannot run, or every container when the Pod got no IP and none started.
function notReady(pod: Pod, started: boolean): PodCondition[] {
  const unready = pod.spec.containers.filter((c) => !started || probeCannotRun(c)).map((c) => c.name);
  const why = { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  return conditions(started ? 'True' : 'False', 'False').map((c) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, ...why } : c,
  );
}

// The three ways a bound Pod's conditions can read, one list each that every such Pod shares (frozen:
// nothing changes a settled Pod in place; 5 000 Pods' own lists were 30 000 objects for the collector).
const conditions = (started: PodCondition['status'], ready: PodCondition['status']): PodCondition[] =>
  Object.freeze([
    Object.freeze(condition('PodReadyToStartContainers', started)),
    Object.freeze(condition('Initialized', 'True')),
    Object.freeze(condition('Ready', ready)),
    Object.freeze(condition('ContainersReady', ready)),
    Object.freeze(condition('PodScheduled', 'True')),
  ]) as PodCondition[];
const READY = conditions('True', 'True');
