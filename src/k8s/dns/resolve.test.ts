import { KubeknowError } from '../../errors';
import type { Cluster } from '../objects';
import { cluster, deepFreeze, namespace, pod, port, service } from '../testing/builders';
import { candidateNames, resolveFromPod, type ResolveRequest } from '.';
import { expectKorean, explanationText } from './testkit';

interface ResolveCase {
  name: string;
  cluster: Cluster;
  ask: ResolveRequest;
  /** `name rcode answerCount` per question the resolver asks, in order. */
  tried: string[];
  answer?: string[];
  explains?: string;
}

const web = (ns = 'shop') => service('web', ns, { clusterIP: '10.0.0.10', ports: [port('http', 80)] });
const kubeDns = () =>
  service('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', ports: [port('dns', 53, 53, 'UDP')] });
const client = (ns: string, spec: Record<string, unknown> = {}) => pod('client', ns, { ip: '10.1.5.5', spec });

const cases: ResolveCase[] = [
  {
    name: "a short name resolves in the asking Pod's own namespace first",
    cluster: cluster(web(), client('shop')),
    ask: { name: 'web', type: 'A', fromPod: 'shop/client' },
    tried: ['web.shop.svc.cluster.local. NOERROR 1'],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
    explains: 'fewer than ndots (5)',
  },
  {
    name: "the notes' rule: a name without a namespace does not reach another namespace",
    cluster: cluster(service('data', 'prod', { clusterIP: '10.0.0.20', ports: [port('', 5432)] }), client('test')),
    ask: { name: 'data', fromPod: 'test/client' },
    tried: [
      'data.test.svc.cluster.local. NXDOMAIN 0',
      'data.svc.cluster.local. NXDOMAIN 0',
      'data.cluster.local. NXDOMAIN 0',
      'data. REFUSED 0',
    ],
    explains: 'no name tried for "data" has an A record',
  },
  {
    name: 'name.namespace reaches a Service in another namespace through the search list',
    cluster: cluster(service('data', 'prod', { clusterIP: '10.0.0.20', ports: [port('', 5432)] }), client('test')),
    ask: { name: 'data.prod', fromPod: 'test/client' },
    tried: ['data.prod.test.svc.cluster.local. NXDOMAIN 0', 'data.prod.svc.cluster.local. NOERROR 1'],
    answer: ['data.prod.svc.cluster.local. 5 IN A 10.0.0.20'],
  },
  {
    name: 'fromNamespace alone stands for a ClusterFirst Pod in that namespace',
    cluster: cluster(web()),
    ask: { name: 'web.shop', fromNamespace: 'other' },
    tried: ['web.shop.other.svc.cluster.local. NXDOMAIN 0', 'web.shop.svc.cluster.local. NOERROR 1'],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
  },
  {
    name: 'a full name with four dots is still below ndots 5: the search list is tried first, the name itself last',
    cluster: cluster(web(), client('shop')),
    ask: { name: 'web.shop.svc.cluster.local', fromPod: 'shop/client' },
    tried: [
      'web.shop.svc.cluster.local.shop.svc.cluster.local. NXDOMAIN 0',
      'web.shop.svc.cluster.local.svc.cluster.local. NXDOMAIN 0',
      'web.shop.svc.cluster.local.cluster.local. NXDOMAIN 0',
      'web.shop.svc.cluster.local. NOERROR 1',
    ],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
  },
  {
    name: 'a trailing dot makes the name absolute: one question, no search list',
    cluster: cluster(web(), client('shop')),
    ask: { name: 'web.shop.svc.cluster.local.', fromPod: 'shop/client' },
    tried: ['web.shop.svc.cluster.local. NOERROR 1'],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
    explains: 'absolute',
  },
  {
    name: 'with ndots:1 from dnsConfig a dotted name is tried as-is first',
    cluster: cluster(web(), client('shop', { dnsConfig: { options: [{ name: 'ndots', value: '1' }] } })),
    ask: { name: 'web.shop', fromPod: 'shop/client' },
    tried: [
      'web.shop. REFUSED 0',
      'web.shop.shop.svc.cluster.local. NXDOMAIN 0',
      'web.shop.svc.cluster.local. NOERROR 1',
    ],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
    explains: 'at least ndots (1)',
  },
  {
    name: 'NODATA does not stop the search: every candidate is tried for a missing AAAA',
    cluster: cluster(web(), client('shop')),
    ask: { name: 'web', type: 'AAAA', fromPod: 'shop/client' },
    tried: [
      'web.shop.svc.cluster.local. NOERROR 0',
      'web.svc.cluster.local. NXDOMAIN 0',
      'web.cluster.local. NXDOMAIN 0',
      'web. REFUSED 0',
    ],
    explains: 'NODATA: glibc keeps searching',
  },
  {
    name: 'no-tld-query keeps a single-label name from being asked as-is',
    cluster: cluster(client('shop', { dnsConfig: { options: [{ name: 'no-tld-query' }] } })),
    ask: { name: 'web', fromPod: 'shop/client' },
    tried: [
      'web.shop.svc.cluster.local. NXDOMAIN 0',
      'web.svc.cluster.local. NXDOMAIN 0',
      'web.cluster.local. NXDOMAIN 0',
    ],
  },
  {
    name: "dnsPolicy Default uses the node's resolver, so kubeknow cannot answer for it",
    cluster: cluster(web(), client('shop', { dnsPolicy: 'Default' })),
    ask: { name: 'web', fromPod: 'shop/client' },
    tried: [],
    explains: "the node's resolv.conf",
  },
  {
    name: 'ClusterFirst on a hostNetwork Pod falls back to Default',
    cluster: cluster(web(), client('shop', { hostNetwork: true })),
    ask: { name: 'web', fromPod: 'shop/client' },
    tried: [],
    explains: 'falls back to Default',
  },
  {
    name: 'ClusterFirstWithHostNet keeps a hostNetwork Pod on the cluster DNS',
    cluster: cluster(web(), client('shop', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })),
    ask: { name: 'web', fromPod: 'shop/client' },
    tried: ['web.shop.svc.cluster.local. NOERROR 1'],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
  },
  {
    name: 'dnsPolicy None resolves through the cluster DNS only when dnsConfig names it, with its own search list',
    cluster: cluster(
      web(),
      kubeDns(),
      client('shop', {
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['10.96.0.10'],
          searches: ['svc.cluster.local'],
          options: [{ name: 'ndots', value: '2' }],
        },
      }),
    ),
    ask: { name: 'web.shop', fromPod: 'shop/client' },
    tried: ['web.shop.svc.cluster.local. NOERROR 1'],
    answer: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
  },
  {
    name: 'dnsPolicy None with another nameserver is outside what kubeknow knows',
    cluster: cluster(
      web(),
      kubeDns(),
      client('shop', { dnsPolicy: 'None', dnsConfig: { nameservers: ['192.0.2.53'] } }),
    ),
    ask: { name: 'web.shop.svc.cluster.local', fromPod: 'shop/client' },
    tried: [],
    explains: 'The first nameserver, 192.0.2.53, is not the clusterIP of a kube-dns Service',
  },
];

describe('resolveFromPod', () => {
  for (const c of cases) {
    test(c.name, () => {
      const got = resolveFromPod(deepFreeze(c.cluster), c.ask);
      expect(got.tried.map((t) => `${t.name} ${t.rcode} ${t.answerCount}`)).toEqual(c.tried);
      const answer = got.answer
        ? got.answer.answer.map((r) => `${r.name} ${r.ttl} ${r.class} ${r.type} ${r.data}`)
        : undefined;
      expect(answer).toEqual(c.answer);
      if (c.explains) expect(explanationText(got.explanation)).toContain(c.explains);
      expectKorean([got.explanation.summary, ...got.explanation.steps, ...got.resolvConf.notes]);
      expectKorean(got.tried.flatMap((t) => (t.note ? [t.note] : [])));
    });
  }
});

describe('the resolv.conf the kubelet writes', () => {
  test('ClusterFirst: the kube-dns clusterIP, three search domains and ndots:5', () => {
    const got = resolveFromPod(cluster(kubeDns(), client('shop')), { name: 'x', fromPod: 'shop/client' }).resolvConf;
    expect(got.text).toBe(
      'nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5',
    );
    expect(got.ndots).toBe(5);
    expect(got.usesClusterDns).toBe(true);
  });

  test('dnsConfig is appended without duplicates and its options replace those of the same name', () => {
    const got = resolveFromPod(
      cluster(
        kubeDns(),
        client('shop', {
          dnsConfig: {
            nameservers: ['1.1.1.1', '10.96.0.10'],
            searches: ['corp.example', 'svc.cluster.local'],
            options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
          },
        }),
      ),
      { name: 'x', fromPod: { namespace: 'shop', name: 'client' } },
    ).resolvConf;
    expect(got.nameservers).toEqual(['10.96.0.10', '1.1.1.1']);
    expect(got.search).toEqual(['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example']);
    expect(got.options).toEqual([{ name: 'ndots', value: '2' }, { name: 'edns0' }]);
    expect(got.ndots).toBe(2);
  });

  test('the kubelet keeps three nameservers at most', () => {
    const got = resolveFromPod(
      cluster(kubeDns(), client('shop', { dnsConfig: { nameservers: ['192.0.2.1', '192.0.2.2', '192.0.2.3'] } })),
      { name: 'x', fromPod: 'shop/client' },
    ).resolvConf;
    expect(got.nameservers).toEqual(['10.96.0.10', '192.0.2.1', '192.0.2.2']);
    expect(got.notes.map((n) => n.en).join(' ')).toContain('drops 192.0.2.3');
  });

  test('without a kube-dns Service in the input the nameserver line is left out and the notes say why', () => {
    const got = resolveFromPod(cluster(client('shop')), { name: 'x', fromPod: 'shop/client' }).resolvConf;
    expect(got.nameservers).toEqual([]);
    expect(got.notes.map((n) => n.en).join(' ')).toContain('--cluster-dns');
  });
});

describe('candidateNames (glibc res_search order)', () => {
  const conf = (ndots: number, search: string[], options: { name: string; value?: string }[] = []) => ({
    ndots,
    search,
    options,
  });
  test('fewer dots than ndots: search list first, then the name as-is', () => {
    expect(candidateNames('a.b', conf(5, ['x.y', 'y']))).toEqual(['a.b.x.y.', 'a.b.y.', 'a.b.']);
  });
  test('at least ndots dots: the name as-is first', () => {
    expect(candidateNames('a.b', conf(1, ['x.y']))).toEqual(['a.b.', 'a.b.x.y.']);
  });
  test('no search list: only the name', () => {
    expect(candidateNames('a', conf(1, []))).toEqual(['a.']);
  });
  test('a root domain on the search list stands for the as-is question', () => {
    expect(candidateNames('a', conf(1, ['x', '.']))).toEqual(['a.x.', 'a.']);
  });
  test('ndots:0 asks even a single label as-is first', () => {
    expect(candidateNames('a', conf(0, ['x']))).toEqual(['a.', 'a.x.']);
  });
});

describe('invalid requests', () => {
  const c = cluster(web(), client('shop'));
  const problem = (req: ResolveRequest) => {
    try {
      resolveFromPod(c, req);
    } catch (e) {
      const p = (e as KubeknowError).problems[0];
      return [p.code, p.path];
    }
    throw new Error('expected a KubeknowError');
  };
  test('neither fromPod nor fromNamespace', () =>
    expect(problem({ name: 'web' })).toEqual(['FIELD_REQUIRED', 'fromPod']));
  test('a Pod that is not in the input', () =>
    expect(problem({ name: 'web', fromPod: 'shop/nobody' })).toEqual(['NOT_FOUND', 'fromPod']));
  test('a Pod reference without a namespace', () =>
    expect(problem({ name: 'web', fromPod: 'client' })).toEqual(['FIELD_INVALID', 'fromPod']));
  test('fromNamespace contradicting fromPod', () =>
    expect(problem({ name: 'web', fromPod: 'shop/client', fromNamespace: 'other' })).toEqual([
      'FIELD_INVALID',
      'fromNamespace',
    ]));
  test('an empty name', () => expect(problem({ name: '', fromNamespace: 'shop' })).toEqual(['FIELD_REQUIRED', 'name']));
  test('an unknown type', () =>
    expect(problem({ name: 'web', type: 'WKS', fromNamespace: 'shop' })).toEqual(['FIELD_NOT_SUPPORTED', 'type']));
});

test('a Namespace object alone is enough for fromNamespace', () => {
  const got = resolveFromPod(cluster(namespace('empty')), { name: 'web', fromNamespace: 'empty' });
  expect(got.tried[0]).toEqual({ name: 'web.empty.svc.cluster.local.', rcode: 'NXDOMAIN', answerCount: 0 });
});

test('the summary reads the type letter by letter: an A, an SRV, an MX, a CNAME, a PTR, a TXT', () => {
  const c = deepFreeze(cluster(client('test')));
  const summary = (type: string) => resolveFromPod(c, { name: 'nothing', type, fromPod: 'test/client' }).explanation;
  const articles = { A: 'an', AAAA: 'an', SRV: 'an', MX: 'an', NS: 'an', CNAME: 'a', PTR: 'a', TXT: 'a' };
  for (const [type, article] of Object.entries(articles))
    expect(explanationText(summary(type))).toContain(`has ${article} ${type} record`);
});
