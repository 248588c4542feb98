import { canonicalIP, parseIp } from '../objects';
import {
  dashedIp,
  endpointFqdn,
  ipFromPodLabel,
  ipFromReverseName,
  podFqdn,
  reverseName,
  reverseNamer,
  serviceFqdn,
} from './names';

describe('parseIp reads IPs as Go net.ParseIP does and prints them as net.IP.String', () => {
  const cases: [string, string | undefined][] = [
    ['10.0.0.1', '10.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['010.0.0.1', undefined], // leading zeros are rejected
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.', undefined],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal zero runs is compressed
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['::', '::'],
    ['::1', '::1'],
    ['::ffff:10.1.2.3', '10.1.2.3'], // IPv4-mapped is an IPv4 address to Go
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1:2:3:4:5:6:7::8', undefined], // "::" must stand for at least one group
    ['fe80::1%eth0', undefined],
    ['12345::1', undefined],
  ];
  for (const [text, want] of cases)
    test(`${text} → ${want ?? 'not an IP'}`, () => expect(canonicalIP(text)).toBe(want));
});

describe('reverse names', () => {
  test('IPv4 in-addr.arpa, octets reversed', () =>
    expect(reverseName(parseIp('10.96.0.20')!)).toBe('20.0.96.10.in-addr.arpa.'));
  test('IPv6 ip6.arpa, 32 nibbles reversed', () =>
    expect(reverseName(parseIp('2001:db8::567:89ab')!)).toBe(
      'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.',
    ));
  test('round trip through ipFromReverseName', () => {
    for (const ip of ['10.96.0.20', 'fd00::12', '2001:db8::567:89ab'])
      expect(ipFromReverseName(reverseName(parseIp(ip)!))?.text).toBe(ip);
  });
  test('reverseNamer names as reverseName does, its /24 labels shared or not', () => {
    const named = reverseNamer();
    const ips = ['10.96.0.20', '10.96.0.21', '10.96.1.20', '20.0.96.10', '0.0.0.0', '255.255.255.255', 'fd00::12'];
    for (const ip of [...ips, ...ips]) expect(named(parseIp(ip)!)).toBe(reverseName(parseIp(ip)!));
  });
  test('an incomplete reverse name is no IP', () => {
    expect(ipFromReverseName('0.10.in-addr.arpa.')).toBeUndefined();
    expect(ipFromReverseName('1.0.ip6.arpa.')).toBeUndefined();
  });
});

describe('how names are spelled', () => {
  test('a Service name', () =>
    expect(serviceFqdn({ name: 'my-service', namespace: 'my-namespace' }, 'cluster.local')).toBe(
      'my-service.my-namespace.svc.cluster.local.',
    ));
  test('a Pod name with an IPv4 address', () =>
    expect(podFqdn('172.16.10.112', 'my-namespace', 'cluster.local')).toBe(
      '172-16-10-112.my-namespace.pod.cluster.local.',
    ));
  test('a Pod name with an IPv6 address', () =>
    expect(podFqdn('fd00::1', 'ns', 'cluster.local')).toBe('fd00--1.ns.pod.cluster.local.'));
  test('an endpoint name', () =>
    expect(endpointFqdn('web-0', { name: 'web', namespace: 'shop' }, 'cluster.local')).toBe(
      'web-0.web.shop.svc.cluster.local.',
    ));
  test('dashed IPs', () => {
    expect(dashedIp('10.1.2.3')).toBe('10-1-2-3');
    expect(dashedIp('2001:db8::1')).toBe('2001-db8--1');
  });
  test('a Pod label is read back as CoreDNS reads it', () => {
    expect(ipFromPodLabel('10-1-2-3')?.text).toBe('10.1.2.3');
    expect(ipFromPodLabel('2001-db8--1')?.text).toBe('2001:db8::1');
    expect(ipFromPodLabel('1-2-3')).toBeNull();
    expect(ipFromPodLabel('web')).toBeNull();
  });
});
