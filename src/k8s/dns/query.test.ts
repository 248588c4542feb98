import { matchZone, parseQuery, question } from './query';

const Z = 'cluster.local.';
const ok = (
  o: Partial<{
    podOrSvc: string;
    namespace: string;
    service: string;
    endpoint: string;
    port: string;
    protocol: string;
  }>,
) =>
  expect.objectContaining({
    ok: true,
    request: expect.objectContaining({
      podOrSvc: '',
      namespace: '',
      service: '',
      endpoint: '',
      port: '',
      protocol: '',
      ...o,
    }),
  });

describe('parseQuery splits names as CoreDNS parse.go does', () => {
  const cases: [string, { ok: boolean }][] = [
    ['cluster.local.', ok({})],
    ['svc.cluster.local.', ok({})],
    ['pod.cluster.local.', ok({})],
    ['shop.svc.cluster.local.', ok({ podOrSvc: 'svc', namespace: 'shop' })],
    ['web.shop.svc.cluster.local.', ok({ podOrSvc: 'svc', namespace: 'shop', service: 'web' })],
    [
      'web-0.web.shop.svc.cluster.local.',
      ok({ podOrSvc: 'svc', namespace: 'shop', service: 'web', endpoint: 'web-0' }),
    ],
    [
      '_http._tcp.web.shop.svc.cluster.local.',
      ok({ podOrSvc: 'svc', namespace: 'shop', service: 'web', port: 'http', protocol: 'tcp' }),
    ],
    [
      'http.tcp.web.shop.svc.cluster.local.',
      ok({ podOrSvc: 'svc', namespace: 'shop', service: 'web', port: 'http', protocol: 'tcp' }),
    ],
    ['10-1-2-3.shop.pod.cluster.local.', ok({ podOrSvc: 'pod', namespace: 'shop', service: '10-1-2-3' })],
    ['foo.cluster.local.', { ok: false }],
    ['a.b.c.web.shop.svc.cluster.local.', { ok: false }],
  ];
  for (const [name, want] of cases) {
    test(name, () =>
      expect(parseQuery(name, Z)).toEqual(want.ok === false ? expect.objectContaining({ ok: false }) : want),
    );
  }
});

describe('matchZone', () => {
  test('the cluster zone and names below it', () => {
    expect(matchZone('cluster.local.', Z).kind).toBe('cluster');
    expect(matchZone('web.shop.svc.cluster.local.', Z).kind).toBe('cluster');
  });
  test('a name that only ends like the zone is outside it', () =>
    expect(matchZone('evilcluster.local.', Z).kind).toBe('outside'));
  test('reverse zones', () => {
    expect(matchZone('1.0.0.10.in-addr.arpa.', Z)).toEqual({ kind: 'reverse', zone: 'in-addr.arpa.' });
    expect(matchZone('1.ip6.arpa.', Z)).toEqual({ kind: 'reverse', zone: 'ip6.arpa.' });
  });
});

describe('question', () => {
  test('lower-cases the name and adds the trailing dot', () =>
    expect(question({ name: 'Web.Shop', type: 'aaaa' })).toEqual({ name: 'web.shop.', type: 'AAAA' }));
  test('the root is a name', () => expect(question({ name: '.' })).toEqual({ name: '.', type: 'A' }));
});
