// Endpoint addresses the API server refuses (unspecified, loopback, link-local unicast and multicast:
// ValidateEndpointIP, pkg/apis/core/validation, called for EndpointSlices by validateEndpoints in
// pkg/apis/discovery/validation and for Endpoints by validateEndpointAddress), through the real app over
// HTTP: the DNS and EndpointSlice routes refuse them (422 at the address's path, in the API server's
// words) rather than publishing them as A and PTR records; the cluster dry-run lists the object under
// `rejected` with the API server's message. And two Services asking for one cluster IP: the second is
// refused by the allocator, as on a real cluster.
import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] },
};
const slice = (addressType: 'IPv4' | 'IPv6', addresses: string[]) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType,
  endpoints: [{ addresses: [addressType === 'IPv4' ? '10.1.0.1' : 'fd00::1'] }, { addresses }],
  ports: [{ name: 'http', port: 80 }],
});
const MESSAGES: Record<string, string> = {
  '0.0.0.0': 'may not be unspecified (0.0.0.0)',
  '127.0.0.1': 'may not be in the loopback range (127.0.0.0/8, ::1/128)',
  '169.254.1.1': 'may not be in the link-local range (169.254.0.0/16, fe80::/10)',
  '224.0.0.5': 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
  '::': 'may not be unspecified (::)',
  '::1': 'may not be in the loopback range (127.0.0.0/8, ::1/128)',
  'fe80::1': 'may not be in the link-local range (169.254.0.0/16, fe80::/10)',
  'ff02::1': 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
};
const family = (ip: string) => (ip.includes(':') ? 'IPv6' : 'IPv4');

const problemsOf = (body: { problems?: { code: string; path: string; message: string }[] }) =>
  (body.problems ?? []).map(({ code, path, message }) => ({ code, path, message }));

describe.each(Object.entries(MESSAGES))('an EndpointSlice with %s', (ip, message) => {
  const objects = [SERVICE, slice(family(ip), [ip])];
  const problem = { code: 'FIELD_INVALID', path: 'objects[1].endpoints[1].addresses[0]', message };

  test.each(['/v1/dns/records', '/v1/endpointslices'])('%s refuses it, 422 at its path', async (path) => {
    const res = await t.http.post(path).send({ objects }).set('content-type', 'application/json');
    expect(res.status).toBe(422);
    expect(problemsOf(res.body)).toEqual([problem]);
  });

  test('GraphQL dnsQuery refuses it too', async () => {
    const query = 'query($o: JSON) { dnsQuery(objects: $o, name: "web.shop.svc.cluster.local", type: A) { rcode } }';
    const res = await t.http.post('/graphql').send({ query, variables: { o: objects } });
    expect(res.body.errors[0].extensions.problems).toEqual([expect.objectContaining(problem)]);
  });

  test('the cluster dry-run rejects it with the API server’s message', async () => {
    const res = await t.http.post('/v1/cluster/apply').send({ objects }).set('content-type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([
      {
        object: 'EndpointSlice/shop/web-abc',
        message: `EndpointSlice.discovery.k8s.io "web-abc" is invalid: endpoints[1].addresses[0]: Invalid value: "${ip}": ${message}`,
      },
    ]);
  });
});

test('an Endpoints address is refused at its ip', async () => {
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'shop' },
    subsets: [{ addresses: [{ ip: '10.1.0.1' }, { ip: '127.0.0.1' }], ports: [{ name: 'http', port: 80 }] }],
  };
  const res = await t.http
    .post('/v1/dns/records')
    .send({ objects: [SERVICE, endpoints] })
    .set('content-type', 'application/json');
  expect(res.status).toBe(422);
  expect(problemsOf(res.body)).toEqual([
    { code: 'FIELD_INVALID', path: 'objects[1].subsets[0].addresses[1].ip', message: MESSAGES['127.0.0.1'] },
  ]);
});

test('property: an IPv4 endpoint gets records exactly when the API server would accept it', async () => {
  const refused = (b: number[]) =>
    b.every((x) => x === 0) ||
    b[0] === 127 ||
    (b[0] === 169 && b[1] === 254) ||
    (b[0] === 224 && b[1] === 0 && b[2] === 0);
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 127, 169, 224, 254));
  await fc.assert(
    fc.asyncProperty(fc.array(byte, { minLength: 4, maxLength: 4 }), async (bytes) => {
      const ip = bytes.join('.');
      const res = await t.http
        .post('/v1/dns/records')
        .send({ objects: [SERVICE, slice('IPv4', [ip])] })
        .set('content-type', 'application/json');
      if (refused(bytes)) {
        expect(res.status).toBe(422);
        expect(problemsOf(res.body).map((p) => p.path)).toEqual(['objects[1].endpoints[1].addresses[0]']);
      } else {
        expect(res.status).toBe(200);
        const data = (res.body.records as { type: string; data: string }[])
          .filter((r) => r.type === 'A')
          .map((r) => r.data);
        expect(data).toContain(ip);
      }
    }),
    { numRuns: 60 },
  );
});

// A snapshot's Services hold the cluster IPs they were given; the allocator never gives one twice, so of
// two asking for one the second is created as a manifest is and refused with the allocator's error: the
// DNS answer leaves it out and says why (both were published, under one IP), as the dry-run refuses it.
const service = (name: string, ip: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { clusterIP: ip, ports: [{ port: 80 }] },
});
const taken = (name: string, ip: string) =>
  `Service "${name}" is invalid: spec.clusterIPs: Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated`;

test('two Services with one clusterIP: the second is refused, in the dry-run and on the DNS routes', async () => {
  const objects = [service('a', '10.96.0.50'), service('b', '10.96.0.50')];
  const applied = await t.http.post('/v1/cluster/apply').send({ objects }).set('content-type', 'application/json');
  expect(applied.body.rejected).toEqual([{ object: 'Service/shop/b', message: taken('b', '10.96.0.50') }]);
  const records = await t.http.post('/v1/dns/records').send({ objects }).set('content-type', 'application/json');
  expect(records.status).toBe(200);
  expect(records.body.warnings).toEqual([`Service/shop/b: not used: ${taken('b', '10.96.0.50')}`]);
  const a = (records.body.records as { name: string; type: string }[]).filter((r) => r.type === 'A').map((r) => r.name);
  expect(a).toEqual(['a.shop.svc.cluster.local.']);
  const query =
    'query($o: JSON) { dnsQuery(objects: $o, name: "b.shop.svc.cluster.local", type: A) { rcode warnings } }';
  const gql = await t.http.post('/graphql').send({ query, variables: { o: objects } });
  expect(gql.body.data.dnsQuery).toEqual({
    rcode: 'NXDOMAIN',
    warnings: [`Service/shop/b: not used: ${taken('b', '10.96.0.50')}`],
  });
});

test('property: of two Services, the second is refused exactly when it asks for the first one’s IP', async () => {
  const ip = fc.integer({ min: 20, max: 23 }).map((n) => `10.96.0.${n}`);
  await fc.assert(
    fc.asyncProperty(ip, ip, async (first, second) => {
      const objects = [service('a', first), service('b', second)];
      const res = await t.http.post('/v1/dns/records').send({ objects }).set('content-type', 'application/json');
      expect(res.status).toBe(200);
      const a = (res.body.records as { name: string; type: string; data: string }[])
        .filter((r) => r.type === 'A')
        .map((r) => `${r.name} ${r.data}`);
      if (first === second) {
        expect(res.body.warnings).toEqual([`Service/shop/b: not used: ${taken('b', second)}`]);
        expect(a).toEqual([`a.shop.svc.cluster.local. ${first}`]);
      } else {
        expect(res.body.warnings).toEqual([]);
        expect(a).toEqual([`a.shop.svc.cluster.local. ${first}`, `b.shop.svc.cluster.local. ${second}`]);
      }
    }),
    { numRuns: 30 },
  );
});

// The same for node ports: of two snapshot Services holding one, the second is refused with the port
// allocator's error; one Service's TCP and UDP ports may share theirs.
const nodePortService = (
  name: string,
  ip: string,
  ports: { name?: string; port: number; protocol: string; nodePort: number }[],
) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { type: 'NodePort', clusterIP: ip, ports },
});

test('property: of two NodePort Services, the second is refused exactly when it asks for a node port the first holds', async () => {
  const port = fc.constantFrom(30080, 30081);
  await fc.assert(
    fc.asyncProperty(port, port, port, async (tcp, udp, second) => {
      const objects = [
        nodePortService('a', '10.96.0.20', [
          { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: tcp },
          { name: 'dns-udp', port: 53, protocol: 'UDP', nodePort: udp },
        ]),
        nodePortService('b', '10.96.0.21', [{ port: 80, protocol: 'TCP', nodePort: second }]),
      ];
      const res = await t.http.post('/v1/dns/records').send({ objects }).set('content-type', 'application/json');
      const refused = second === tcp || second === udp;
      expect(res.status).toBe(200);
      expect(res.body.warnings).toEqual(
        refused
          ? [
              `Service/shop/b: not used: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: ${second}: provided port is already allocated`,
            ]
          : [],
      );
    }),
    { numRuns: 12 },
  );
});
