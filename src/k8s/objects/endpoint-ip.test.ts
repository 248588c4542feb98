// The endpoint addresses the API server refuses (ValidateEndpointIP in pkg/apis/core/validation, called
// by validateEndpoints in pkg/apis/discovery/validation and by validateEndpointAddress for Endpoints):
// unspecified, loopback, link-local unicast and link-local multicast, IPv4 and IPv6, in its words.
import fc from 'fast-check';
import { KubeknowError, type Problem } from '../../errors';
import { endpointIPProblems } from './ip';
import { parseObjects } from '.';

const LOOPBACK = 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
const LINK_LOCAL = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
const MULTICAST = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';

const refused: [string, string][] = [
  ['0.0.0.0', 'may not be unspecified (0.0.0.0)'],
  ['::', 'may not be unspecified (::)'],
  ['::ffff:0.0.0.0', 'may not be unspecified (::ffff:0.0.0.0)'],
  ['127.0.0.1', LOOPBACK],
  ['127.255.0.9', LOOPBACK],
  ['::1', LOOPBACK],
  ['::ffff:127.0.0.1', LOOPBACK],
  ['169.254.1.1', LINK_LOCAL],
  ['fe80::1', LINK_LOCAL],
  ['febf:ffff::1', LINK_LOCAL],
  ['224.0.0.5', MULTICAST],
  ['ff02::1', MULTICAST],
  ['ff12::1:2', MULTICAST],
];
const accepted = [
  '10.0.0.1',
  '1.1.1.1',
  '126.255.255.255',
  '169.255.0.1',
  '224.0.1.1',
  '239.1.1.1',
  'fd00::1',
  'fec0::1',
  'ff05::1',
  '::2',
];

test.each(refused)('%s is refused: %s', (ip, message) => expect(endpointIPProblems(ip)).toEqual([message]));
test.each(accepted)('%s is accepted', (ip) => expect(endpointIPProblems(ip)).toEqual([]));

// A valid endpoint before the one tested, so that the path's index is checked.
const FIRST: Record<string, string> = { IPv4: '10.0.0.9', IPv6: 'fd00::9', FQDN: 'a.example.com' };
const slice = (addressType: string, addresses: string[]) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType,
  endpoints: [{ addresses: [FIRST[addressType]] }, { addresses }],
  ports: [{ name: 'http', port: 80 }],
});

function problemsOf(objects: unknown[]): readonly Problem[] {
  try {
    parseObjects(objects);
    return [];
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems;
    throw e;
  }
}

test('an EndpointSlice address is refused at its path, with the address as its value', () => {
  expect(problemsOf([slice('IPv4', ['10.0.0.1', '127.0.0.1'])])).toEqual([
    { code: 'FIELD_INVALID', path: 'objects[0].endpoints[1].addresses[1]', message: LOOPBACK, value: '127.0.0.1' },
  ]);
  expect(problemsOf([slice('IPv6', ['fe80::1'])])).toEqual([
    { code: 'FIELD_INVALID', path: 'objects[0].endpoints[1].addresses[0]', message: LINK_LOCAL, value: 'fe80::1' },
  ]);
  // An FQDN slice's addresses are names: not checked as IPs.
  expect(problemsOf([slice('FQDN', ['example.com'])])).toEqual([]);
  // Of the wrong family: that problem alone, as before.
  expect(problemsOf([slice('IPv6', ['127.0.0.1'])]).map((p) => p.message)).toEqual(['must be a valid IPv6 address']);
});

test('an Endpoints address is refused at its ip, ready or not', () => {
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'shop' },
    subsets: [{ addresses: [{ ip: '169.254.1.1' }], notReadyAddresses: [{ ip: '0.0.0.0' }], ports: [{ port: 80 }] }],
  };
  expect(problemsOf([endpoints])).toEqual([
    { code: 'FIELD_INVALID', path: 'objects[0].subsets[0].addresses[0].ip', message: LINK_LOCAL, value: '169.254.1.1' },
    {
      code: 'FIELD_INVALID',
      path: 'objects[0].subsets[0].notReadyAddresses[0].ip',
      message: 'may not be unspecified (0.0.0.0)',
      value: '0.0.0.0',
    },
  ]);
});

// What Go's net.IP methods say, written from the ranges, to check the one above against.
function expected(bytes: number[]): string[] {
  const v4 = bytes.length === 4;
  const out: string[] = [];
  if (bytes.every((b) => b === 0)) out.push('unspecified');
  if (v4 ? bytes[0] === 127 : bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) out.push(LOOPBACK);
  if (v4 ? bytes[0] === 169 && bytes[1] === 254 : bytes[0] === 0xfe && bytes[1] >= 0x80 && bytes[1] <= 0xbf)
    out.push(LINK_LOCAL);
  if (v4 ? bytes[0] === 224 && bytes[1] === 0 && bytes[2] === 0 : bytes[0] === 0xff && bytes[1] % 16 === 2)
    out.push(MULTICAST);
  return out;
}

const byte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0, 1, 2, 127, 169, 224, 254, 255, 0x80, 0xfe, 0xff),
);

test('property: an IPv4 address is refused exactly when it is in a refused range', () => {
  fc.assert(
    fc.property(fc.array(byte, { minLength: 4, maxLength: 4 }), (bytes) => {
      const ip = bytes.join('.');
      const want = expected(bytes).map((m) => (m === 'unspecified' ? `may not be unspecified (${ip})` : m));
      expect(endpointIPProblems(ip)).toEqual(want);
      // Through the whole reading, at the address's path.
      expect(problemsOf([slice('IPv4', [ip])]).map((p) => [p.path, p.message])).toEqual(
        want.map((m) => ['objects[0].endpoints[1].addresses[0]', m]),
      );
    }),
  );
});

test('property: an IPv6 address is refused exactly when it is in a refused range', () => {
  fc.assert(
    fc.property(fc.array(byte, { minLength: 16, maxLength: 16 }), (bytes) => {
      // An IPv4-mapped address is an IPv4 one (checked above).
      fc.pre(!(bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255));
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
      const ip = groups.join(':');
      const want = expected(bytes).map((m) => (m === 'unspecified' ? `may not be unspecified (${ip})` : m));
      expect(endpointIPProblems(ip)).toEqual(want);
      const endpoints = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'web' },
        subsets: [{ addresses: [{ ip }], ports: [{ port: 80 }] }],
      };
      expect(problemsOf([endpoints]).map((p) => [p.path, p.message])).toEqual(
        want.map((m) => ['objects[0].subsets[0].addresses[0].ip', m]),
      );
    }),
  );
});
