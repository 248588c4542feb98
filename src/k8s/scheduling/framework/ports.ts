// Host ports in use on a node (framework.HostPortInfo): which (IP, protocol, port) triples are taken,
// where 0.0.0.0 stands for every address of the node.
import type { Pod } from '../../objects';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

const ALL = '0.0.0.0'; // DefaultBindAllHostIP

// The ports of a Pod that takes none, shared: a PodInfo's lists are never changed.
const NO_PORTS: HostPort[] = [];

function takesHostPort(containers: Pod['spec']['containers']): boolean {
  for (const c of containers) for (const p of c.ports) if (p.hostPort) return true;
  return false;
}

/** The host ports a Pod takes: its containers' and its sidecars' (schedutil.GetHostPorts), sanitized. */
export function hostPortsOf(pod: Pod): HostPort[] {
  // Most Pods take no host port: answered without building lists.
  if (!takesHostPort(pod.spec.containers) && !takesHostPort(pod.spec.initContainers)) return NO_PORTS;
  const sidecars = pod.spec.initContainers.filter((c) => c.restartPolicy === 'Always');
  return [...sidecars, ...pod.spec.containers].flatMap((c) =>
    c.ports.flatMap((p) =>
      p.hostPort ? [{ ip: p.hostIP || ALL, protocol: p.protocol || 'TCP', port: p.hostPort }] : [],
    ),
  );
}

/** The set of host ports in use, by IP. */
export class PortSet {
  private readonly byIp = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    const ports = this.byIp.get(p.ip) ?? new Map<string, number>();
    const key = `${p.protocol}/${p.port}`;
    ports.set(key, (ports.get(key) ?? 0) + 1);
    this.byIp.set(p.ip, ports);
  }

  remove(p: HostPort): void {
    const ports = this.byIp.get(p.ip);
    const key = `${p.protocol}/${p.port}`;
    const n = ports?.get(key) ?? 0;
    if (!ports || n === 0) return;
    if (n > 1) ports.set(key, n - 1);
    else ports.delete(key);
  }

  /**
   * HostPortInfo.CheckConflict: 0.0.0.0 conflicts with the same protocol and port on any address; any
   * other address conflicts with itself and with 0.0.0.0.
   */
  conflicts(p: HostPort): boolean {
    const key = `${p.protocol}/${p.port}`;
    if (p.ip === ALL) return [...this.byIp.values()].some((ports) => ports.has(key));
    return [ALL, p.ip].some((ip) => this.byIp.get(ip)?.has(key) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const ports of this.byIp.values()) n += ports.size;
    return n;
  }

  clone(): PortSet {
    const copy = new PortSet();
    for (const [ip, ports] of this.byIp) copy.byIp.set(ip, new Map(ports));
    return copy;
  }
}
