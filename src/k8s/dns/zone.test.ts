import { cluster, deepFreeze, pod, port, service } from '../testing/builders';
import { recordsFor, zoneFile, type DnsRecord } from '.';

const rec = (name: string, type: DnsRecord['type'], data: string): DnsRecord => ({
  name,
  type,
  data,
  ttl: 5,
  class: 'IN',
  source: { kind: 'Zone', namespace: '', name: 'cluster.local' },
  rule: { en: 'test', ko: '테스트' },
});

describe('zoneFile', () => {
  test('SOA and NS first, then names compared from the right, then type, then addresses as numbers', () => {
    const text = zoneFile([
      rec('web.shop.svc.cluster.local.', 'A', '10.0.0.10'),
      rec('web.shop.svc.cluster.local.', 'A', '10.0.0.9'),
      rec('_http._tcp.web.shop.svc.cluster.local.', 'SRV', '0 100 80 web.shop.svc.cluster.local.'),
      rec('api.shop.svc.cluster.local.', 'A', '10.0.0.11'),
      rec('cluster.local.', 'NS', 'ns.dns.cluster.local.'),
      rec('cluster.local.', 'SOA', 'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5'),
    ]);
    expect(text).toBe(
      [
        'cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5',
        'cluster.local. 5 IN NS ns.dns.cluster.local.',
        'api.shop.svc.cluster.local. 5 IN A 10.0.0.11',
        'web.shop.svc.cluster.local. 5 IN A 10.0.0.9',
        'web.shop.svc.cluster.local. 5 IN A 10.0.0.10',
        '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
        '',
      ].join('\n'),
    );
  });

  test('TXT data is quoted, with quotes inside escaped', () => {
    expect(zoneFile([rec('dns-version.cluster.local.', 'TXT', 'say "hi"')])).toBe(
      'dns-version.cluster.local. 5 IN TXT "say \\"hi\\""\n',
    );
  });

  test('identical lines appear once, and the same records in another order give the same text', () => {
    const records = recordsFor(
      deepFreeze(
        cluster(
          service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)] }),
          pod('db-1', 'shop', { labels: { app: 'db' }, ip: '10.1.0.2' }),
          pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1' }),
        ),
      ),
    );
    const text = zoneFile(records);
    expect(zoneFile([...records].reverse())).toBe(text);
    expect(zoneFile([...records, ...records])).toBe(text);
    expect(text.split('\n')[0]).toMatch(/ IN SOA /);
  });

  test('no records, no text', () => expect(zoneFile([])).toBe(''));
});
