// Service (core/v1): defaulting as pkg/apis/core/v1/defaults.go and the Service REST strategy do it,
// validation as pkg/apis/core/validation ValidateService does it.
import type { FieldPath, Problem } from '../../errors';
import type { IPFamily, Protocol, Service, ServicePort, ServiceType } from './types';
import { ipFamilyOf, isIP } from './ip';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName } from './names';
import type { Obj, Reader } from './read';
import { notSupportedMessage } from './suggest';

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
  // ValidateService never checks a nodePort's range: the API server's allocator, which runs first, refuses
  // one outside --service-node-port-range ("provided port is not in the valid range"), and a ClusterIP
  // Service's is refused for being there at all (checkTypeRules). 0 is unset.
  const nodePort = o.nodePort === 0 ? undefined : r.int(o.nodePort, path.child('nodePort'));
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
    // ValidateService's key is a core.ServicePort of only Protocol and Port, and field.Duplicate prints
    // a struct with %#v (ErrorBody in apimachinery's field/errors.go), every other field zero.
    if (p.port && numbers.has(key))
      r.invalid(
        path.index(i),
        `Duplicate value: core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol)}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
        key,
      );
    names.add(p.name);
    numbers.add(key);
    ports.push(p);
  });
  return ports;
}

/** A Service's IP fields as read: `clusterIPs` as given, before normalizeClusterIPs. */
export interface ServiceIPFields {
  clusterIP: string;
  clusterIPs: readonly string[];
  ipFamilies: readonly string[];
  ipFamilyPolicy?: string;
}

/**
 * normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) at create: a `clusterIP` given
 * alone becomes the one item of `clusterIPs`; never the reverse ("new client must use both fields").
 */
const normalizedClusterIPs = (f: Pick<ServiceIPFields, 'clusterIP' | 'clusterIPs'>): readonly string[] =>
  f.clusterIP && !f.clusterIPs.length ? [f.clusterIP] : f.clusterIPs;

const isHeadless = (ips: readonly string[]): boolean => ips.length === 1 && ips[0] === 'None';

/**
 * ValidateServiceClusterIPsRelatedFields (pkg/apis/core/validation/validation.go) on the Service as
 * normalizeClusterIPs leaves it: the one check of the IP fields that both ValidateService and allocation's
 * initIPFamilyFields (alloc.go) run, so both give the same errors, at the same paths, in its order.
 */
function clusterIPsRelatedProblems(f: ServiceIPFields, sp: FieldPath): Problem[] {
  const out: Problem[] = [];
  const invalid = (path: FieldPath, message: string, value: unknown) =>
    out.push({ code: 'FIELD_INVALID', path: String(path), message, value });
  const notSupported = (path: FieldPath, value: string, supported: readonly string[]) =>
    out.push({
      code: 'FIELD_NOT_SUPPORTED',
      path: String(path),
      message: notSupportedMessage(value, supported),
      value,
    });
  const ips = normalizedClusterIPs(f);
  const ipsPath = sp.child('clusterIPs');
  // The two fields in sync: clusterIPs[0] is the clusterIP, and clusterIPs come only with it.
  if (f.clusterIP && ips[0] !== f.clusterIP) invalid(ipsPath, 'first value must match `clusterIP`', ips);
  if (!f.clusterIP && ips.length) invalid(ipsPath, 'must be empty when `clusterIP` is not specified', ips);
  const fp = sp.child('ipFamilies');
  f.ipFamilies.forEach((family, i) => {
    if (!FAMILIES.includes(family as IPFamily)) notSupported(fp.index(i), family, FAMILIES);
    // field.Duplicate prints the value itself: no "Invalid value" before it.
    if (f.ipFamilies.indexOf(family) < i)
      out.push({
        code: 'FIELD_INVALID',
        path: String(fp.index(i)),
        message: `Duplicate value: ${JSON.stringify(family)}`,
      });
  });
  if (f.ipFamilyPolicy && !(POLICIES as readonly string[]).includes(f.ipFamilyPolicy))
    notSupported(sp.child('ipFamilyPolicy'), f.ipFamilyPolicy, POLICIES);
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) invalid(ipsPath, "'None' must be the first and only value", ips);
      badIPs ||= ips.length > 1;
    } else if (!isIP(ip)) {
      invalid(ipsPath.index(i), INVALID_IP, ip);
      badIPs = true;
    }
  });
  if (ips.length > 2) invalid(ipsPath, 'may only hold up to 2 values', ips);
  // Past an invalid IP the family checks would only repeat it; the source stops here too.
  if (badIPs) return out;
  const families = ips.map(ipFamilyOf);
  // netutils.IsDualStackIPStrings: both families among them.
  if (ips.length > 1 && !(families.includes('IPv4') && families.includes('IPv6')))
    invalid(ipsPath, 'may specify no more than one IP for each IP family', ips);
  if (!isHeadless(ips))
    ips.slice(0, f.ipFamilies.length).forEach((ip, i) => {
      const expected = f.ipFamilies[i];
      // netutils.IsIPv6String: an IPv4-mapped IPv6 address counts as IPv4.
      if ((expected === 'IPv4' && families[i] === 'IPv6') || (expected === 'IPv6' && families[i] !== 'IPv6'))
        invalid(ipsPath.index(i), `expected an ${expected} value as indicated by \`ipFamilies[${i}]\``, ip);
    });
  return out;
}

type Policy = (typeof POLICIES)[number];

/** A Service's IP families and policy as allocation defaults them, or the errors it refuses the Service with. */
export interface IPFamilyFields {
  /** Empty when accepted; else the errors of the step that refused, in its order. */
  problems: Problem[];
  ipFamilyPolicy: Policy;
  ipFamilies: IPFamily[];
}

const otherFamily = (f: IPFamily): IPFamily => (f === 'IPv4' ? 'IPv6' : 'IPv4');

/**
 * initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) at create, on a cluster whose service CIDRs
 * are of the `configured` families, the first its default: the policy defaulted, the IP check
 * (ValidateServiceClusterIPsRelatedFields), the policy's rules and the families inferred from the IPs, the
 * headless selectorless special case, then the cluster's own rules, then the families defaulted. Each step
 * that finds errors refuses with them alone. Not for an ExternalName Service, which it skips.
 */
export function initIPFamilyFields(
  f: ServiceIPFields & { selectorless: boolean },
  sp: FieldPath,
  configured: readonly IPFamily[],
): IPFamilyFields {
  // "If they didn't specify a policy we can assume it's always SingleStack", but headless + selectorless
  // defaults to dual; an unsupported policy is refused by the check below.
  const headlessSelectorless = f.clusterIP === 'None' && f.selectorless;
  const ipFamilyPolicy =
    POLICIES.find((p) => p === f.ipFamilyPolicy) ?? (headlessSelectorless ? 'RequireDualStack' : 'SingleStack');
  const ipFamilies = f.ipFamilies.filter((x): x is IPFamily => FAMILIES.includes(x as IPFamily));
  const problems = clusterIPsRelatedProblems(f, sp);
  const answer = () => ({ problems, ipFamilyPolicy, ipFamilies });
  if (problems.length) return answer();
  const invalid = (path: FieldPath, message: string, value: unknown) =>
    problems.push({ code: 'FIELD_INVALID', path: String(path), message, value });
  const policyPath = sp.child('ipFamilyPolicy');
  const ips = normalizedClusterIPs(f);
  // The policy against what was given: the families as given, before any is inferred.
  if (ipFamilyPolicy === 'SingleStack') {
    const message = (what: string) =>
      `must be 'RequireDualStack' or 'PreferDualStack' when multiple ${what} are specified`;
    if (ips.length === 2) invalid(policyPath, message('cluster IPs'), ipFamilyPolicy);
    if (f.ipFamilies.length === 2) invalid(policyPath, message('IP families'), ipFamilyPolicy);
  }
  // A family for each IP past the given ones; one the cluster lacks is refused on the IP, with the whole list.
  for (const [i, ip] of ips.entries()) {
    if (ip === 'None') break;
    if (i < ipFamilies.length) continue;
    const family = ipFamilyOf(ip) ?? 'IPv6';
    if (configured.includes(family)) ipFamilies.push(family);
    else invalid(sp.child('clusterIPs').index(i), `${family} is not configured on this cluster`, ips);
  }
  if (problems.length) return answer();
  // Headless + selectorless may ask for families the cluster lacks: it gets no IP, and a non-SingleStack one
  // gets the other family too, even on a single-stack cluster.
  if (headlessSelectorless) {
    if (!ipFamilies.length) ipFamilies.push(configured[0]);
    if (ipFamilies.length < 2 && ipFamilyPolicy !== 'SingleStack') ipFamilies.push(otherFamily(ipFamilies[0]));
    return answer();
  }
  if (ipFamilyPolicy === 'RequireDualStack' && configured.length < 2)
    invalid(policyPath, 'this cluster is not configured for dual-stack services', ipFamilyPolicy);
  ipFamilies.forEach((family, i) => {
    if (!configured.includes(family))
      invalid(sp.child('ipFamilies').index(i), 'not configured on this cluster', family);
  });
  if (problems.length) return answer();
  if (!ipFamilies.length) ipFamilies.push(configured[0]);
  if (ipFamilyPolicy !== 'SingleStack' && ipFamilies.length === 1 && configured.length === 2)
    ipFamilies.push(otherFamily(ipFamilies[0]));
  return answer();
}

type Addressing = Pick<Service['spec'], 'clusterIP' | 'clusterIPs' | 'ipFamilies' | 'ipFamilyPolicy'>;

// Routes other than the dry-run read a Service as a cluster of both families would default it: a snapshot
// from a dual-stack cluster reads as it was stored. The dry-run's cluster is single-stack (services.ts).
const BOTH_FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];

// This kernel allocates no IPs (that would need the cluster's allocator state, or randomness): a
// Service given without clusterIP keeps clusterIP "" and clusterIPs [], and the DNS layer then serves
// no A record for it and says why.
function addressing(r: Reader, spec: Obj, sp: FieldPath, type: ServiceType, selectorless: boolean): Addressing {
  const fields: ServiceIPFields = {
    clusterIP: r.str(spec.clusterIP, sp.child('clusterIP')) ?? '',
    clusterIPs: r.strList(spec.clusterIPs, sp.child('clusterIPs')),
    ipFamilies: r.strList(spec.ipFamilies, sp.child('ipFamilies')),
    ipFamilyPolicy: r.str(spec.ipFamilyPolicy, sp.child('ipFamilyPolicy')) || undefined,
  };
  const clusterIPs = [...normalizedClusterIPs(fields)];
  const { clusterIP } = fields;
  // ValidateService's rules for the type (pkg/apis/core/validation/validation.go), on the fields as
  // normalizeClusterIPs left them.
  if (type === 'ExternalName') {
    const forbidden = (name: string) =>
      r.problems.add('FIELD_INVALID', sp.child(name), 'Forbidden: may not be set for ExternalName services');
    if (clusterIPs.length) forbidden('clusterIPs');
    if (fields.ipFamilies.length) forbidden('ipFamilies');
    if (fields.ipFamilyPolicy) forbidden('ipFamilyPolicy');
    return { clusterIP: '', clusterIPs: [], ipFamilies: [], ipFamilyPolicy: 'SingleStack' };
  }
  const { problems, ipFamilies, ipFamilyPolicy } = initIPFamilyFields({ ...fields, selectorless }, sp, BOTH_FAMILIES);
  for (const p of problems) r.problems.add(p.code, p.path, p.message, p.value);
  if (isHeadless(clusterIPs) && (type === 'NodePort' || type === 'LoadBalancer'))
    r.invalid(sp.child('clusterIPs').index(0), `may not be set to 'None' for ${type} services`, 'None');
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
      // field.Forbidden: the message without the value.
      r.invalid(
        sp.child('ports').index(i).child('nodePort'),
        `Forbidden: may not be used when \`type\` is '${s.type}'`,
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
      ...addressing(r, spec, sp, type, !Object.keys(selector).length),
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
