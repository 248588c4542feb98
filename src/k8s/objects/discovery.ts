// EndpointSlice (discovery.k8s.io/v1, and v1beta1 converted to v1) and the legacy Endpoints (core/v1),
// as given in the input: defaulted and validated as pkg/apis/discovery/validation does it.
import type { FieldPath } from '../../errors';
import type {
  Endpoint,
  EndpointAddress,
  EndpointConditions,
  EndpointPort,
  EndpointSlice,
  Endpoints,
  EndpointSubset,
} from './types';
import { endpointIPProblems, ipFamilyOf, isIP } from './ip';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import type { Obj, Reader } from './read';
import { INVALID_IP, PROTOCOLS } from './service';

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'] as const;
type AddressType = (typeof ADDRESS_TYPES)[number];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;

type Ref = NonNullable<Endpoint['targetRef']>;

function targetRef(r: Reader, v: unknown, path: FieldPath): Ref | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const uid = r.str(o.uid, path.child('uid'));
  return {
    kind: r.str(o.kind, path.child('kind')) ?? '',
    namespace: r.str(o.namespace, path.child('namespace')) ?? '',
    name: r.str(o.name, path.child('name')) ?? '',
    ...(uid ? { uid } : {}),
  };
}

function optionalHostname(r: Reader, v: unknown, path: FieldPath): { hostname?: string } {
  const hostname = r.str(v, path);
  if (hostname) r.check(path, hostname, isDNS1123Label(hostname));
  return hostname ? { hostname } : {};
}

/** Ports of an EndpointSlice or an Endpoints subset; names must be unique, and present when there are several. */
function endpointPorts(r: Reader, v: unknown, path: FieldPath, nameRequired: boolean): EndpointPort[] {
  const items = r.list(v, path);
  const names = new Set<string>();
  return items.flatMap((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return [];
    const name = r.str(o.name, p.child('name')) ?? '';
    if (name) r.check(p.child('name'), name, isDNS1123Label(name));
    else if (nameRequired && items.length > 1) r.required(p.child('name'));
    if (names.has(name) && (name || !nameRequired)) r.duplicate(p.child('name'), name);
    names.add(name);
    if (o.port === undefined || o.port === null) r.required(p.child('port'));
    const appProtocol = r.str(o.appProtocol, p.child('appProtocol'));
    return [
      {
        name,
        protocol: r.oneOf(o.protocol, p.child('protocol'), PROTOCOLS, 'TCP'),
        port: r.port(o.port, p.child('port')) ?? 0,
        ...(appProtocol ? { appProtocol } : {}),
      },
    ];
  });
}

// An IP of the slice's family that is unspecified, loopback or link-local is refused as the API server
// refuses it (validateEndpoints in pkg/apis/discovery/validation): CoreDNS would publish it otherwise.
function checkAddress(r: Reader, address: string, type: AddressType | undefined, path: FieldPath): void {
  if (type === 'FQDN') r.check(path, address, isDNS1123Subdomain(address));
  else if (type && ipFamilyOf(address) !== type) r.invalid(path, `must be a valid ${type} address`, address);
  else if (type) r.check(path, address, endpointIPProblems(address));
}

function conditions(r: Reader, v: unknown, path: FieldPath): Endpoint['conditions'] {
  const o: Obj = r.obj(v, path) ?? {};
  const out: EndpointConditions = {};
  for (const key of ['ready', 'serving', 'terminating'] as const) {
    if (o[key] !== undefined && o[key] !== null) out[key] = r.bool(o[key], path.child(key), false);
  }
  return out;
}

function endpoint(r: Reader, v: unknown, path: FieldPath, type: AddressType | undefined): Endpoint | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const ap = path.child('addresses');
  const addresses = r.strList(o.addresses, ap);
  if (!addresses.length) r.required(ap, 'must contain at least 1 address');
  if (addresses.length > MAX_ADDRESSES) r.invalid(ap, `must have at most ${MAX_ADDRESSES} items`, addresses.length);
  addresses.forEach((a, i) => checkAddress(r, a, type, ap.index(i)));
  // discovery.k8s.io/v1beta1 kept node and zone in `topology`; v1 has fields of their own.
  const topology = r.strMap(o.topology, path.child('topology'));
  const nodeName = r.str(o.nodeName, path.child('nodeName')) || topology['kubernetes.io/hostname'];
  const zone = r.str(o.zone, path.child('zone')) || topology['topology.kubernetes.io/zone'];
  const ref = targetRef(r, o.targetRef, path.child('targetRef'));
  return {
    addresses,
    conditions: conditions(r, o.conditions, path.child('conditions')),
    ...optionalHostname(r, o.hostname, path.child('hostname')),
    ...(nodeName ? { nodeName } : {}),
    ...(zone ? { zone } : {}),
    ...(ref ? { targetRef: ref } : {}),
  };
}

/** An EndpointSlice as given (v1beta1 converted to v1), defaulted and validated. */
export function readEndpointSlice(
  r: Reader,
  raw: Obj,
  path: FieldPath,
  metadata: EndpointSlice['metadata'],
): EndpointSlice {
  if (raw.addressType === undefined || raw.addressType === null) r.required(path.child('addressType'));
  const addressType = r.oneOf(raw.addressType, path.child('addressType'), ADDRESS_TYPES);
  const items = r.list(raw.endpoints, path.child('endpoints'));
  if (items.length > MAX_ENDPOINTS)
    r.invalid(path.child('endpoints'), `must have at most ${MAX_ENDPOINTS} items`, items.length);
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata,
    addressType: addressType ?? 'IPv4',
    endpoints: items.flatMap((e, i) => endpoint(r, e, path.child('endpoints').index(i), addressType) ?? []),
    ports: endpointPorts(r, raw.ports, path.child('ports'), false),
    raw,
  };
}

function endpointAddress(r: Reader, v: unknown, path: FieldPath): EndpointAddress | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const ip = r.reqStr(o.ip, path.child('ip')) ?? '';
  if (ip && !isIP(ip)) r.invalid(path.child('ip'), INVALID_IP, ip);
  // validateEndpointAddress in pkg/apis/core/validation: a valid IP is then checked as a slice's is.
  else if (ip) r.check(path.child('ip'), ip, endpointIPProblems(ip));
  const nodeName = r.str(o.nodeName, path.child('nodeName'));
  const ref = targetRef(r, o.targetRef, path.child('targetRef'));
  return {
    ip,
    ...optionalHostname(r, o.hostname, path.child('hostname')),
    ...(nodeName ? { nodeName } : {}),
    ...(ref ? { targetRef: ref } : {}),
  };
}

function subset(r: Reader, v: unknown, path: FieldPath): EndpointSubset | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const addresses = (key: 'addresses' | 'notReadyAddresses') =>
    r.list(o[key], path.child(key)).flatMap((a, i) => endpointAddress(r, a, path.child(key).index(i)) ?? []);
  return {
    addresses: addresses('addresses'),
    notReadyAddresses: addresses('notReadyAddresses'),
    ports: endpointPorts(r, o.ports, path.child('ports'), true),
  };
}

/** A legacy Endpoints object as given, defaulted and validated. */
export function readEndpoints(r: Reader, raw: Obj, path: FieldPath, metadata: Endpoints['metadata']): Endpoints {
  const subsets = r
    .list(raw.subsets, path.child('subsets'))
    .flatMap((s, i) => subset(r, s, path.child('subsets').index(i)) ?? []);
  return { kind: 'Endpoints', apiVersion: 'v1', metadata, subsets, raw };
}
