// Service (core/v1): defaulting as pkg/apis/core/v1/defaults.go and the Service REST strategy do it,
// validation as pkg/apis/core/validation ValidateService does it.
import type { FieldPath } from '../../errors';
import type { IPFamily, Protocol, Service, ServicePort, ServiceType } from './types';
import { ipFamilyOf, isIP } from './ip';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName } from './names';
import type { Obj, Reader } from './read';

export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
export const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];
const POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const;
export const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** A targetPort or container port reference: a number 1–65535 or an IANA_SVC_NAME. */
export function portNumOrName(r: Reader, v: unknown, path: FieldPath): number | string | undefined {
  if (typeof v === 'string') {
    if (v !== '') r.check(path, v, isValidPortName(v));
    return v || undefined;
  }
  return r.port(v, path);
}

function servicePort(r: Reader, v: unknown, path: FieldPath): ServicePort | undefined {
  // A null item decodes as an empty port, as Go decodes it into the list's struct, and is checked as one.
  const o = r.obj(v === null ? {} : v, path);
  if (!o) return undefined;
  const name = r.str(o.name, path.child('name')) ?? '';
  if (name) r.check(path.child('name'), name, isDNS1123Label(name));
  const port = r.port(o.port, path.child('port'));
  if (port === undefined && (o.port === undefined || o.port === null)) r.required(path.child('port'));
  const targetPort = portNumOrName(r, o.targetPort === 0 ? undefined : o.targetPort, path.child('targetPort'));
  const out: ServicePort = {
    name,
    protocol: r.oneOf(o.protocol, path.child('protocol'), PROTOCOLS, 'TCP'),
    port: port ?? 0,
    targetPort: targetPort ?? port ?? 0,
  };
  const nodePort = o.nodePort === 0 ? undefined : r.port(o.nodePort, path.child('nodePort'));
  if (nodePort !== undefined) out.nodePort = nodePort;
  const appProtocol = r.str(o.appProtocol, path.child('appProtocol'));
  if (appProtocol) out.appProtocol = appProtocol;
  return out;
}

// Kubernetes: with more than one port every port needs a distinct name (they become SRV records and
// EndpointSlice port names), and no two ports may share port and protocol.
function servicePorts(r: Reader, v: unknown, path: FieldPath): ServicePort[] {
  const items = r.list(v, path);
  const ports: ServicePort[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  items.forEach((item, i) => {
    const p = servicePort(r, item, path.index(i));
    if (!p) return;
    if (items.length > 1 && !p.name) r.required(path.index(i).child('name'));
    if (p.name && names.has(p.name)) r.duplicate(path.index(i).child('name'), p.name);
    const key = `${p.port}/${p.protocol}`;
    // ValidateService also refuses a nodePort repeated for one protocol; a repeat across port numbers
    // never reaches it, as the allocator refuses it first ("provided port is already allocated").
    const twin = ports.some((q) => q.port === p.port && q.protocol === p.protocol && q.nodePort === p.nodePort);
    if (p.nodePort !== undefined && twin) r.duplicate(path.index(i).child('nodePort'), p.nodePort);
    if (p.port && numbers.has(key)) r.duplicate(path.index(i), key);
    names.add(p.name);
    numbers.add(key);
    ports.push(p);
  });
  return ports;
}

function clusterIPList(r: Reader, spec: Obj, sp: FieldPath): { clusterIP: string; clusterIPs: string[] } {
  const given = r.str(spec.clusterIP, sp.child('clusterIP')) ?? '';
  if (given && given !== 'None' && !isIP(given))
    r.invalid(sp.child('clusterIP'), "must be empty, 'None', or a valid IP address", given);
  const list = r.strList(spec.clusterIPs, sp.child('clusterIPs'));
  const path = sp.child('clusterIPs');
  if (list.length > 2) r.invalid(path, 'may only hold up to 2 values', list);
  // ValidateService: a headless Service's None stands alone.
  if (list[0] === 'None' && list.length > 1) r.invalid(path, "'None' must be the first and only value", list);
  list.forEach((ip, i) => {
    if (ip === 'None' ? i > 0 : !isIP(ip)) r.invalid(path.index(i), INVALID_IP, ip);
  });
  if (list.length === 2 && ipFamilyOf(list[0]) && ipFamilyOf(list[0]) === ipFamilyOf(list[1])) {
    r.invalid(path.index(1), 'may specify no more than one IP for each IP family', list[1]);
  }
  if (given && list.length && list[0] !== given) r.invalid(path.index(0), 'must match `clusterIP`', list[0]);
  return { clusterIP: given || list[0] || '', clusterIPs: list.length ? list : given ? [given] : [] };
}

type Addressing = Pick<Service['spec'], 'clusterIP' | 'clusterIPs' | 'ipFamilies' | 'ipFamilyPolicy'>;

// This kernel allocates no IPs (that would need the cluster's allocator state, or randomness): a
// Service given without clusterIP keeps clusterIP "" and clusterIPs [], and the DNS layer then serves
// no A record for it and says why.
function addressing(r: Reader, spec: Obj, sp: FieldPath, type: ServiceType): Addressing {
  const { clusterIP, clusterIPs } = clusterIPList(r, spec, sp);
  if (type === 'ExternalName') {
    if (clusterIP) r.invalid(sp.child('clusterIP'), 'may not be set for ExternalName services', clusterIP);
    return { clusterIP: '', clusterIPs: [], ipFamilies: [], ipFamilyPolicy: 'SingleStack' };
  }
  if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    r.invalid(sp.child('clusterIP'), `may not be set to 'None' for ${type} services`, clusterIP);
  }
  const fp = sp.child('ipFamilies');
  const given = r.list(spec.ipFamilies, fp).flatMap((f, i) => r.oneOf(f, fp.index(i), FAMILIES) ?? []);
  if (given.length === 2 && given[0] === given[1]) r.duplicate(fp.index(1), given[1]);
  const fromIPs = clusterIPs.flatMap((ip) => ipFamilyOf(ip) ?? []);
  fromIPs.forEach((f, i) => {
    if (given[i] && given[i] !== f) {
      r.invalid(
        sp.child('clusterIPs').index(i),
        `expected an ${given[i]} value as indicated by \`ipFamilies[${i}]\``,
        clusterIPs[i],
      );
    }
  });
  const policy = r.oneOf(spec.ipFamilyPolicy, sp.child('ipFamilyPolicy'), POLICIES);
  let ipFamilies: IPFamily[] = given.length ? given : fromIPs.length ? fromIPs : ['IPv4'];
  // A dual-stack request on a cluster that can serve it gets both families, the second one the other.
  if (policy && policy !== 'SingleStack' && ipFamilies.length === 1 && !given.length) {
    ipFamilies = [ipFamilies[0], ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
  }
  const ipFamilyPolicy = policy ?? (ipFamilies.length === 2 ? 'RequireDualStack' : 'SingleStack');
  if (ipFamilyPolicy === 'SingleStack' && ipFamilies.length > 1) {
    const message = "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified";
    r.invalid(sp.child('ipFamilyPolicy'), message, ipFamilyPolicy);
  }
  return { clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy };
}

function externalName(r: Reader, spec: Obj, sp: FieldPath): string {
  const name = r.str(spec.externalName, sp.child('externalName')) ?? '';
  // The value is a CNAME target and may end in a dot to mark it fully qualified.
  const cname = name.replace(/\.$/, '');
  if (!cname) r.required(sp.child('externalName'));
  else r.check(sp.child('externalName'), name, isDNS1123Subdomain(cname));
  return name;
}

/** pkg/api/service NeedsHealthCheck: a LoadBalancer that sends external traffic only to local endpoints. */
export const needsHealthCheck = (spec: Pick<Service['spec'], 'type' | 'externalTrafficPolicy'>): boolean =>
  spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

function checkTypeRules(
  r: Reader,
  s: Service['spec'],
  sp: FieldPath,
  hasSpecPorts: boolean,
  externallyAccessible: boolean,
): void {
  if (!hasSpecPorts && s.type !== 'ExternalName' && s.clusterIP !== 'None') r.required(sp.child('ports'));
  if (s.type === 'ClusterIP' || s.type === 'ExternalName') {
    s.ports.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      r.invalid(
        sp.child('ports').index(i).child('nodePort'),
        `may not be used when \`type\` is '${s.type}'`,
        p.nodePort,
      );
    });
  }
  if (s.externalTrafficPolicy && !externallyAccessible) {
    r.invalid(
      sp.child('externalTrafficPolicy'),
      'may only be set for externally-accessible services',
      s.externalTrafficPolicy,
    );
  }
  // validateServiceExternalTrafficPolicy; where it is allowed, the allocator checks the value first.
  if (s.healthCheckNodePort !== undefined && !needsHealthCheck(s))
    r.invalid(
      sp.child('healthCheckNodePort'),
      "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      s.healthCheckNodePort,
    );
}

function loadBalancerStatus(r: Reader, raw: Obj, path: FieldPath): Service['status'] {
  const lbPath = path.child('status').child('loadBalancer');
  const lb = r.obj(r.obj(raw.status, path.child('status'))?.loadBalancer, lbPath);
  const ingress = r.list(lb?.ingress, lbPath.child('ingress')).flatMap((v, i) => {
    const o = r.obj(v, lbPath.child('ingress').index(i));
    if (!o) return [];
    const ip = r.str(o.ip, lbPath.child('ingress').index(i).child('ip'));
    const hostname = r.str(o.hostname, lbPath.child('ingress').index(i).child('hostname'));
    return [{ ...(ip ? { ip } : {}), ...(hostname ? { hostname } : {}) }];
  });
  return { loadBalancer: { ingress } };
}

/** A Service, defaulted and validated. */
export function readService(r: Reader, raw: Obj, path: FieldPath, metadata: Service['metadata']): Service {
  const sp = path.child('spec');
  const spec = r.obj(raw.spec, sp) ?? {};
  const type = r.oneOf(spec.type, sp.child('type'), SERVICE_TYPES, 'ClusterIP');
  const selector = r.labels(spec.selector, sp.child('selector'));
  const externalIPs = r.strList(spec.externalIPs, sp.child('externalIPs'));
  externalIPs.forEach((ip, i) => {
    if (!isIP(ip)) r.invalid(sp.child('externalIPs').index(i), INVALID_IP, ip);
  });
  const externallyAccessible =
    type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs.length > 0);
  const out: Service = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata,
    spec: {
      type,
      ...(Object.keys(selector).length ? { selector } : {}),
      ...addressing(r, spec, sp, type),
      ports: servicePorts(r, spec.ports, sp.child('ports')),
      ...(type === 'ExternalName' ? { externalName: externalName(r, spec, sp) } : {}),
      publishNotReadyAddresses: r.bool(spec.publishNotReadyAddresses, sp.child('publishNotReadyAddresses'), false),
      sessionAffinity: r.oneOf(
        spec.sessionAffinity,
        sp.child('sessionAffinity'),
        ['None', 'ClientIP'] as const,
        'None',
      ),
      externalIPs,
      internalTrafficPolicy: r.oneOf(
        spec.internalTrafficPolicy,
        sp.child('internalTrafficPolicy'),
        ['Cluster', 'Local'] as const,
        'Cluster',
      ),
    },
    status: loadBalancerStatus(r, raw, path),
    raw,
  };
  const policies = ['Cluster', 'Local'] as const;
  const etp = r.oneOf(
    spec.externalTrafficPolicy,
    sp.child('externalTrafficPolicy'),
    policies,
    externallyAccessible ? 'Cluster' : undefined,
  );
  if (etp) out.spec.externalTrafficPolicy = etp;
  // 0 is unset, as for nodePort.
  const healthCheckNodePort = r.int(spec.healthCheckNodePort, sp.child('healthCheckNodePort'));
  if (healthCheckNodePort) out.spec.healthCheckNodePort = healthCheckNodePort;
  checkTypeRules(r, out.spec, sp, Array.isArray(spec.ports) && spec.ports.length > 0, externallyAccessible);
  return out;
}
