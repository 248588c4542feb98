import fc from 'fast-check';
import { canonicalIP, ipFamilyOf, ipv4Bits, parseIp } from './ip';

const cases: [string, 'IPv4' | 'IPv6' | undefined, string | undefined][] = [
  ['10.0.0.1', 'IPv4', '10.0.0.1'],
  ['10.0.0.01', undefined, undefined], // leading zeros are rejected, as strict API validation does
  ['256.1.1.1', undefined, undefined],
  ['1.2.3', undefined, undefined],
  ['2001:DB8:0:0:0:0:0:1', 'IPv6', '2001:db8::1'],
  ['2001:db8:0:1:0:0:0:1', 'IPv6', '2001:db8:0:1::1'], // the longest run of zeros is compressed
  ['2001:db8:0:0:1:0:0:1', 'IPv6', '2001:db8::1:0:0:1'], // the first of two equal runs
  ['2001:db8:1:1:1:1:0:1', 'IPv6', '2001:db8:1:1:1:1:0:1'], // a single zero group is not compressed
  ['::', 'IPv6', '::'],
  ['::ffff:10.1.2.3', 'IPv4', '10.1.2.3'], // IPv4-mapped, as Go's net.IP reads it
  ['fd00::1:2:3:4:5:6:7', undefined, undefined],
  ['1::2::3', undefined, undefined],
  ['fe80::1%eth0', undefined, undefined],
];
for (const [ip, family, canonical] of cases) {
  test(`${ip} is ${family ?? 'invalid'}`, () => {
    expect(ipFamilyOf(ip)).toBe(family);
    expect(canonicalIP(ip)).toBe(canonical);
  });
}

test('an IPv4 address spells its bytes from 32 bits, the high bit included, and prints them as JSON', () => {
  expect(parseIp('200.1.2.3')?.bytes).toEqual([200, 1, 2, 3]);
  expect(parseIp('255.255.255.255')?.bytes).toEqual([255, 255, 255, 255]);
  expect(parseIp('::ffff:200.1.2.3')?.bytes).toEqual([200, 1, 2, 3]);
  expect(JSON.parse(JSON.stringify(parseIp('128.0.0.1')))).toEqual({
    family: 4,
    text: '128.0.0.1',
    bytes: [128, 0, 0, 1],
  });
});

describe('ipv4Bits', () => {
  it('are the bytes of any IPv4 address (plain or IPv4-mapped) as one integer, and undefined for IPv6', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), fc.boolean(), (bytes, mapped) => {
        const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
        const text = mapped ? `::ffff:${hex(bytes[0], bytes[1])}:${hex(bytes[2], bytes[3])}` : bytes.join('.');
        const ip = parseIp(text)!;
        const bits = ipv4Bits(ip)!;
        expect([bits >>> 24, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255]).toEqual(bytes);
        expect(ip.bytes).toEqual(bytes);
      }),
    );
    expect(ipv4Bits(parseIp('2001:db8::1')!)).toBeUndefined();
  });
});
