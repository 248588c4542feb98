// The DNS and EndpointSlice routes through real HTTP against the real app: the notes' examples, each
// sent as JSON and as a YAML body with query-string options, and every route's errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ROOT } from '../src/paths';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

// The cluster of the notes' examples, as a user pastes it.
const MANIFESTS = `
apiVersion: v1
kind: Service
metadata: { name: my-service, namespace: my-namespace }
spec: { clusterIP: 10.96.0.20, selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: subdomain, namespace: my-namespace }
spec: { clusterIP: None, selector: { app: named }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: some-pod, namespace: my-namespace, labels: { app: named } }
spec: { hostname: hostname, subdomain: subdomain, containers: [{ name: app, image: nginx }] }
status: { phase: Running, podIP: 172.16.10.113, podIPs: [{ ip: 172.16.10.113 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: my-namespace }
spec: { clusterIP: None, selector: { app: db }, ports: [{ name: pg, port: 5432 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db-0, namespace: my-namespace, labels: { app: db } }
spec: { containers: [{ name: pg, image: postgres }] }
status: { phase: Running, podIP: 10.1.0.1, podIPs: [{ ip: 10.1.0.1 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db-1, namespace: my-namespace, labels: { app: db } }
spec: { containers: [{ name: pg, image: postgres }] }
status: { phase: Running, podIP: 10.1.0.2, podIPs: [{ ip: 10.1.0.2 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: other }
spec: { containers: [{ name: sh, image: busybox }] }
status: { phase: Running, podIP: 10.2.0.9, podIPs: [{ ip: 10.2.0.9 }], conditions: [{ type: Ready, status: "True" }] }
`;
const OBJECTS = parseAllDocuments(MANIFESTS).map((d) => d.toJS());

type Params = Record<string, string | number>;
const json = (path: string, body: object, query: Params = {}) =>
  t.http.post(path).query(query).send(body).set('content-type', 'application/json');
const yaml = (path: string, text: string, query: Params = {}, type = 'application/yaml') =>
  t.http.post(path).query(query).set('content-type', type).send(text);

const problem = (
  res: { status: number; headers: Record<string, string>; body: { code: string } },
  status: number,
  code: string,
) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
};
const paths = (res: { body: { problems: { path: string }[] } }) => res.body.problems.map((p) => p.path);

describe('POST /v1/dns/query', () => {
  const cases: {
    name: string;
    ask: { name: string; type: string };
    options?: Params;
    rcode: string;
    answer: string[];
  }[] = [
    {
      name: "the notes' my-service.my-namespace.svc.cluster.local: the Service's clusterIP",
      ask: { name: 'my-service.my-namespace.svc.cluster.local', type: 'A' },
      rcode: 'NOERROR',
      answer: ['my-service.my-namespace.svc.cluster.local. 5 A 10.96.0.20'],
    },
    {
      name: "the notes' 172-16-10-112.my-namespace.pod.cluster.local: the IP it spells",
      ask: { name: '172-16-10-112.my-namespace.pod.cluster.local', type: 'A' },
      rcode: 'NOERROR',
      answer: ['172-16-10-112.my-namespace.pod.cluster.local. 5 A 172.16.10.112'],
    },
    {
      name: "the notes' hostname.subdomain.my-namespace.svc.cluster.local: the Pod with that hostname and subdomain",
      ask: { name: 'hostname.subdomain.my-namespace.svc.cluster.local', type: 'A' },
      rcode: 'NOERROR',
      answer: ['hostname.subdomain.my-namespace.svc.cluster.local. 5 A 172.16.10.113'],
    },
    {
      name: "a headless Service answers with its ready Pods' IPs",
      ask: { name: 'db.my-namespace.svc.cluster.local', type: 'A' },
      rcode: 'NOERROR',
      answer: ['db.my-namespace.svc.cluster.local. 5 A 10.1.0.1', 'db.my-namespace.svc.cluster.local. 5 A 10.1.0.2'],
    },
    {
      name: 'a Pod without hostname and subdomain has no A record by its name',
      ask: { name: 'db-0.db.my-namespace.svc.cluster.local', type: 'A' },
      rcode: 'NXDOMAIN',
      answer: [],
    },
    {
      name: 'SRV data is "priority weight port target." as a zone file writes it',
      ask: { name: '_http._tcp.my-service.my-namespace.svc.cluster.local', type: 'SRV' },
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.my-service.my-namespace.svc.cluster.local. 5 SRV 0 100 80 my-service.my-namespace.svc.cluster.local.',
      ],
    },
    {
      name: 'the options change the zone and the TTL; names are answered lower-case and absolute',
      ask: { name: 'MY-SERVICE.my-namespace.svc.Example.Internal', type: 'a' },
      options: { clusterDomain: 'example.internal', ttl: 30 },
      rcode: 'NOERROR',
      answer: ['my-service.my-namespace.svc.example.internal. 30 A 10.96.0.20'],
    },
  ];
  const lines = (records: { name: string; ttl: number; type: string; data: string }[]) =>
    records.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.data}`).sort();

  for (const c of cases) {
    test(`JSON: ${c.name}`, async () => {
      const res = await json('/v1/dns/query', { objects: OBJECTS, query: c.ask, ...c.options }).expect(200);
      expect({ rcode: res.body.rcode, answer: lines(res.body.answer) }).toEqual({ rcode: c.rcode, answer: c.answer });
      expect(res.body.explanation.summary).toEqual(expect.any(String));
    });
    test(`YAML body, options in the query string: ${c.name}`, async () => {
      const res = await yaml('/v1/dns/query', MANIFESTS, { ...c.ask, ...c.options }).expect(200);
      expect({ rcode: res.body.rcode, answer: lines(res.body.answer) }).toEqual({ rcode: c.rcode, answer: c.answer });
    });
  }

  test('the other YAML media types are accepted too', async () => {
    for (const type of ['application/x-yaml', 'text/yaml']) {
      const res = await yaml(
        '/v1/dns/query',
        MANIFESTS,
        { name: 'my-service.my-namespace.svc.cluster.local' },
        type,
      ).expect(200);
      expect(res.body.answer.map((r: { data: string }) => r.data)).toEqual(['10.96.0.20']);
    }
  });

  test('an answer record has name, type, ttl and data, and says where it comes from', async () => {
    const res = await json('/v1/dns/query', {
      objects: OBJECTS,
      query: { name: 'hostname.subdomain.my-namespace.svc.cluster.local' },
    }).expect(200);
    expect(res.body.answer[0]).toMatchObject({
      name: 'hostname.subdomain.my-namespace.svc.cluster.local.',
      type: 'A',
      ttl: 5,
      data: '172.16.10.113',
      source: { kind: 'EndpointSlice', namespace: 'my-namespace', targetRef: { kind: 'Pod', name: 'some-pod' } },
    });
    expect(res.body.additional).toEqual([]);
  });

  test('a missing question is a 422 naming `query`', async () => {
    const byJson = await json('/v1/dns/query', { objects: OBJECTS });
    problem(byJson, 422, 'FIELD_REQUIRED');
    expect(paths(byJson)).toEqual(['query']);
    const byYaml = await yaml('/v1/dns/query', MANIFESTS);
    problem(byYaml, 422, 'FIELD_REQUIRED');
    expect(paths(byYaml)).toEqual(['query']);
  });

  test('a bad question and a bad option are reported together, at their paths', async () => {
    const res = await json('/v1/dns/query', { objects: OBJECTS, query: { name: 'a..b', type: 'AAA' }, ttl: 99999 });
    problem(res, 422, 'FIELD_INVALID');
    expect(paths(res).sort()).toEqual(['query.name', 'query.type', 'ttl']);
    expect(res.body.detail).toContain('Did you mean "AAAA"?');
  });
});

describe('POST /v1/dns/records', () => {
  test('JSON: every record, each with its source', async () => {
    const res = await json('/v1/dns/records', { objects: OBJECTS }).expect(200);
    expect(res.body.count).toBe(res.body.records.length);
    expect(res.body.records).toContainEqual(
      expect.objectContaining({
        name: 'my-service.my-namespace.svc.cluster.local.',
        type: 'A',
        ttl: 5,
        data: '10.96.0.20',
        source: { kind: 'Service', namespace: 'my-namespace', name: 'my-service', path: 'spec.clusterIPs[0]' },
      }),
    );
    expect(res.body.records.map((r: { name: string }) => r.name)).not.toContain(
      'db-0.db.my-namespace.svc.cluster.local.',
    );
  });

  test('?format=zone answers a zone file as text, from JSON and from YAML alike', async () => {
    const byJson = await json('/v1/dns/records', { objects: OBJECTS }, { format: 'zone', ttl: 7 }).expect(200);
    expect(byJson.headers['content-type']).toMatch(/^text\/plain/);
    const zone = byJson.text.split('\n');
    expect(zone[0]).toMatch(
      /^cluster\.local\. 7 IN SOA ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 7$/,
    );
    expect(zone).toEqual(
      expect.arrayContaining([
        'my-service.my-namespace.svc.cluster.local. 7 IN A 10.96.0.20',
        '_http._tcp.my-service.my-namespace.svc.cluster.local. 7 IN SRV 0 100 80 my-service.my-namespace.svc.cluster.local.',
        '20.0.96.10.in-addr.arpa. 7 IN PTR my-service.my-namespace.svc.cluster.local.',
        'dns-version.cluster.local. 28800 IN TXT "1.1.0"',
      ]),
    );
    const byYaml = await yaml('/v1/dns/records', MANIFESTS, { format: 'zone', ttl: 7 }).expect(200);
    expect(byYaml.text).toBe(byJson.text);
  });

  test('an unknown format is a 400 naming `format`', async () => {
    const res = await json('/v1/dns/records', { objects: OBJECTS }, { format: 'bind' });
    problem(res, 400, 'BAD_USER_INPUT');
    expect(res.body.detail).toContain('format');
  });
});

describe('?lang=ko: the explanations in Korean, the DNS data the same', () => {
  const ask = { name: 'nosuch.my-namespace.svc.cluster.local', type: 'A' };

  test('dns/query words the summary and steps in Korean, and English without lang', async () => {
    const ko = await json('/v1/dns/query', { objects: OBJECTS, query: ask }, { lang: 'ko' }).expect(200);
    const en = await json('/v1/dns/query', { objects: OBJECTS, query: ask }).expect(200);
    expect(ko.body.rcode).toBe('NXDOMAIN');
    expect(ko.body.authority.map((r: { data: string }) => r.data)).toEqual(
      en.body.authority.map((r: { data: string }) => r.data),
    );
    expect(ko.body.explanation.summary).toMatch(/존재하지 않는다: NXDOMAIN/);
    expect(ko.body.explanation.steps.join('\n')).toContain('Service "nosuch"가 없다');
    expect(en.body.explanation.summary).toMatch(/does not exist: NXDOMAIN/);
  });

  test('dns/records gives each record its rule in Korean; dns/resolve its steps', async () => {
    const records = await json('/v1/dns/records', { objects: OBJECTS }, { lang: 'ko' }).expect(200);
    expect(records.body.records.every((r: { rule: string }) => /[가-힣]/.test(r.rule))).toBe(true);
    const resolved = await json('/v1/dns/resolve', {
      objects: OBJECTS,
      name: 'my-service',
      fromNamespace: 'my-namespace',
      lang: 'ko',
    }).expect(200);
    expect(resolved.body.explanation.steps[0]).toMatch(/kubelet은 다음 resolv.conf를 쓴다/);
  });

  test('without lang, the Accept-Language chooses, on the event loop and in a worker thread alike; lang wins', async () => {
    // Enough Services that the computation costs more than COMPUTE_INLINE_COST and runs in a thread.
    const many = Array.from({ length: 60 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${i}`, namespace: 'my-namespace' },
      spec: { clusterIP: `10.96.1.${i + 1}`, ports: [{ port: 80 }] },
    }));
    for (const objects of [OBJECTS, [...OBJECTS, ...many]]) {
      const asked = (headers: Record<string, string>, query: Params = {}) =>
        json('/v1/dns/query', { objects, query: ask }, query).set(headers).expect(200);
      expect((await asked({ 'Accept-Language': 'ko-KR,ko;q=0.9' })).body.explanation.summary).toMatch(
        /존재하지 않는다: NXDOMAIN/,
      );
      expect((await asked({ 'Accept-Language': 'ko' }, { lang: 'en' })).body.explanation.summary).toMatch(
        /does not exist: NXDOMAIN/,
      );
    }
  });

  test('an unknown lang is refused with its field path', async () => {
    const res = await json('/v1/dns/query', { objects: OBJECTS, query: ask }, { lang: 'fr' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.body)).toContain('lang');
  });
});

describe('POST /v1/dns/resolve', () => {
  test('from a Pod in another namespace: the names tried in search-list order, then the answer', async () => {
    const res = await json('/v1/dns/resolve', {
      objects: OBJECTS,
      name: 'my-service.my-namespace',
      fromPod: 'other/client',
    }).expect(200);
    expect(res.body.tried.map((x: { name: string; rcode: string }) => `${x.name} ${x.rcode}`)).toEqual([
      'my-service.my-namespace.other.svc.cluster.local. NXDOMAIN',
      'my-service.my-namespace.svc.cluster.local. NOERROR',
    ]);
    expect(res.body.resolvConf.search).toEqual(['other.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    expect(res.body.answer.answer.map((r: { data: string }) => r.data)).toEqual(['10.96.0.20']);
  });

  test('a short name from another namespace is not found: every candidate is tried', async () => {
    const res = await yaml('/v1/dns/resolve', MANIFESTS, { name: 'my-service', fromNamespace: 'other' }).expect(200);
    expect(res.body.tried.map((x: { name: string }) => x.name)).toEqual([
      'my-service.other.svc.cluster.local.',
      'my-service.svc.cluster.local.',
      'my-service.cluster.local.',
      'my-service.',
    ]);
    expect(res.body.answer).toBeNull();
  });

  test('without fromPod or fromNamespace it is a 422 naming fromPod; an unknown Pod is a 404', async () => {
    const missing = await json('/v1/dns/resolve', { objects: OBJECTS, name: 'web' });
    problem(missing, 422, 'FIELD_REQUIRED');
    expect(paths(missing)).toEqual(['fromPod']);
    problem(await yaml('/v1/dns/resolve', MANIFESTS, { name: 'web', fromPod: 'other/nobody' }), 404, 'NOT_FOUND');
  });
});

describe('POST /v1/endpointslices', () => {
  test('JSON: derived slices per Service, with hostnames for a subdomain, and legacy Endpoints', async () => {
    const res = await json('/v1/endpointslices', { objects: OBJECTS }).expect(200);
    const db = res.body.endpointSlices.filter(
      (s: { metadata: { labels: Record<string, string> } }) => s.metadata.labels['kubernetes.io/service-name'] === 'db',
    );
    expect(db).toHaveLength(1);
    expect(db[0]).toMatchObject({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      addressType: 'IPv4',
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    });
    expect(
      db[0].endpoints.map((e: { addresses: string[]; targetRef: { name: string } }) => [e.addresses, e.targetRef.name]),
    ).toEqual([
      [['10.1.0.1'], 'db-0'],
      [['10.1.0.2'], 'db-1'],
    ]);
    const named = res.body.endpointSlices.find(
      (s: { metadata: { labels: Record<string, string> } }) =>
        s.metadata.labels['kubernetes.io/service-name'] === 'subdomain',
    );
    expect(named.endpoints[0]).toMatchObject({ addresses: ['172.16.10.113'], hostname: 'hostname' });
    expect(res.body.endpoints.map((e: { metadata: { name: string } }) => e.metadata.name).sort()).toEqual([
      'db',
      'my-service',
      'subdomain',
    ]);
  });

  test('YAML in, ?format=yaml out, with maxEndpointsPerSlice from the query string', async () => {
    const res = await yaml('/v1/endpointslices', MANIFESTS, { format: 'yaml', maxEndpointsPerSlice: 1 }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    const docs = parseAllDocuments(res.text).map((d) => d.toJS());
    const db = docs.filter(
      (d) => d.kind === 'EndpointSlice' && d.metadata.labels['kubernetes.io/service-name'] === 'db',
    );
    expect(db.map((s) => s.endpoints.length)).toEqual([1, 1]);
  });

  test('maxEndpointsPerSlice out of range is a 422 naming it', async () => {
    const res = await json('/v1/endpointslices', { objects: OBJECTS, maxEndpointsPerSlice: 5000 });
    problem(res, 422, 'FIELD_INVALID');
    expect(paths(res)).toEqual(['maxEndpointsPerSlice']);
  });
});

describe('errors on every route', () => {
  // What each route needs besides the manifests, so that only the manifests are wrong.
  const routes: [string, Params][] = [
    ['/v1/dns/query', { name: 'my-service.my-namespace.svc.cluster.local' }],
    ['/v1/dns/records', {}],
    ['/v1/dns/resolve', { name: 'my-service', fromNamespace: 'other' }],
    ['/v1/endpointslices', {}],
  ];
  const invalid = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ports: [{ port: 70000 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'Bad_Name', namespace: 'shop' },
      spec: { containers: [{ name: 'app', image: 'x' }] },
    },
  ];
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from(
      { length: 8 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
    ),
    'kind: ConfigMap',
    'apiVersion: v1',
    'metadata: { name: lol }',
  ].join('\n');

  for (const [path, query] of routes) {
    describe(path, () => {
      test('bad YAML is a 400 MANIFEST_UNPARSABLE naming line and column', async () => {
        const res = await yaml(path, 'kind: Service\nmetadata: {name: web\n  spec: [\n', query);
        problem(res, 400, 'MANIFEST_UNPARSABLE');
        expect(res.body.detail).toMatch(/line \d+/);
      });

      test('invalid fields are a 422 listing every problem at its objects[i] path', async () => {
        const res = await json(path, { objects: invalid }, query);
        problem(res, 422, 'FIELD_INVALID');
        expect(paths(res)).toEqual(
          expect.arrayContaining(['objects[0].spec.ports[0].port', 'objects[1].metadata.name']),
        );
        expect(res.body.detail).toContain('objects[0].spec.ports[0].port: must be between 1 and 65535, inclusive');
        const asYaml = await yaml(path, invalid.map((o) => stringify(o)).join('---\n'), query);
        expect(paths(asYaml)).toEqual(paths(res));
      });

      // A bomb that expanded would take minutes and gigabytes; the limit stops it at once (a hang fails by timeout).
      test('a YAML alias bomb is a 413', async () => {
        problem(await yaml(path, bomb, query), 413, 'PAYLOAD_TOO_LARGE');
      });

      test('a body over 1 MiB is a 413, as are more than 5000 documents and nesting 100 000 deep', async () => {
        const big = {
          objects: [
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { x: 'x'.repeat(1100000) } },
          ],
        };
        // The refusal says the limit and how to send less, for JSON and YAML alike.
        for (const res of [await json(path, big, query), await yaml(path, stringify(big.objects[0]), query)]) {
          problem(res, 413, 'PAYLOAD_TOO_LARGE');
          expect(res.body.detail).toContain('over the limit of 1048576 bytes (1 MiB); send less');
          expect(res.body.limit).toBe(1048576);
        }
        const many = Array.from(
          { length: 5001 },
          (_, i) => `kind: Namespace\napiVersion: v1\nmetadata: {name: n${i}}`,
        ).join('\n---\n');
        problem(await yaml(path, many, query), 413, 'PAYLOAD_TOO_LARGE');
        const deep = `{"objects": [${'['.repeat(100000)}${']'.repeat(100000)}]}`;
        problem(
          await t.http.post(path).query(query).set('content-type', 'application/json').send(deep),
          413,
          'PAYLOAD_TOO_LARGE',
        );
      });

      test('a content type that is neither JSON nor YAML is a 415 saying what to send', async () => {
        for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
          const res = await yaml(path, MANIFESTS, query, type);
          problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
          expect(res.body.detail).toContain(`application/yaml, application/x-yaml, text/yaml; got ${type}`);
        }
      });

      test('an unknown or misspelt field is named, with a suggestion', async () => {
        const res = await yaml(path, MANIFESTS, { ...query, podmode: 'verified' });
        problem(res, 422, 'FIELD_NOT_SUPPORTED');
        expect(paths(res)).toEqual(['podmode']);
      });
    });
  }

  for (const [path, query] of routes.slice(0, 3)) {
    test(`${path}: a bad podMode is a 422 with "Did you mean", in JSON and in the query string`, async () => {
      const byJson = await json(path, { objects: OBJECTS, podMode: 'verifed' }, query);
      problem(byJson, 422, 'FIELD_NOT_SUPPORTED');
      expect(byJson.body.problems).toEqual([
        expect.objectContaining({ path: 'podMode', message: expect.stringContaining('Did you mean "verified"?') }),
      ]);
      const byQuery = await yaml(path, MANIFESTS, { ...query, podMode: 'Insecure' });
      expect(byQuery.body.problems).toEqual([
        expect.objectContaining({ path: 'podMode', message: expect.stringContaining('Did you mean "insecure"?') }),
      ]);
    });

    test(`${path}: a ttl that is not a number is a 422 naming ttl`, async () => {
      const res = await yaml(path, MANIFESTS, { ...query, ttl: 'soon' });
      problem(res, 422, 'FIELD_INVALID');
      expect(res.body.detail).toContain('ttl');
    });
  }
});

test('the routes are described in the OpenAPI document, with the JSON body schema and the YAML variant', async () => {
  const doc = (await t.http.get('/openapi.json').expect(200)).body;
  for (const path of ['/v1/dns/query', '/v1/dns/records', '/v1/dns/resolve', '/v1/endpointslices']) {
    const op = doc.paths[path].post;
    expect(op.summary).toEqual(expect.any(String));
    expect(op.tags).toHaveLength(1);
    // `objects` is a list, one object or a kind: List, as GraphQL and MCP take it (issue #11).
    expect(op.requestBody.content['application/json'].schema.properties.objects.type).toEqual(['array', 'object']);
    expect(Object.keys(op.requestBody.content)).toEqual(
      expect.arrayContaining(['application/yaml', 'application/x-yaml', 'text/yaml']),
    );
    expect(op.responses).toHaveProperty('422');
  }
});

describe('one object or a kind: List, as GraphQL takes them', () => {
  const list = { apiVersion: 'v1', kind: 'List', items: OBJECTS };

  test('as `objects`, a List answers as the list of its items does', async () => {
    const ask = { name: 'db.my-namespace.svc.cluster.local', type: 'A' };
    const fromList = await json('/v1/dns/query', { objects: list, query: ask }).expect(200);
    const fromItems = await json('/v1/dns/query', { objects: OBJECTS, query: ask }).expect(200);
    expect(fromList.body).toEqual(fromItems.body);
  });

  test('as the body itself, a List or one object takes its options from the query string', async () => {
    const res = await json('/v1/dns/records', list, { format: 'zone', ttl: 9 }).expect(200);
    expect(res.text).toContain('my-service.my-namespace.svc.cluster.local. 9 IN A 10.96.0.20');
    const one = await json('/v1/endpointslices', OBJECTS[0] as object).expect(200);
    expect(one.body.endpointSlices).toHaveLength(1);
    expect(one.body.endpointSlices[0].endpoints).toEqual([]);
  });
});

test('the query string of each route is documented with the options it takes, the question flat', async () => {
  const doc = (await t.http.get('/openapi.json').expect(200)).body;
  const params = (path: string) =>
    (doc.paths[path].post.parameters as { name: string; in: string }[])
      .filter((p) => p.in === 'query')
      .map((p) => p.name)
      .sort();
  // `lang`, the reader's language, as every route takes it.
  expect(params('/v1/dns/query')).toEqual(['clusterDomain', 'lang', 'name', 'podMode', 'ttl', 'type']);
  expect(params('/v1/dns/resolve')).toEqual([
    'clusterDomain',
    'fromNamespace',
    'fromPod',
    'lang',
    'name',
    'podMode',
    'ttl',
    'type',
  ]);
  expect(params('/v1/endpointslices')).toEqual(['format', 'lang', 'maxEndpointsPerSlice']);
});

describe('namespaces without a Namespace object: the explanation and the warnings agree', () => {
  // The README's svc.yaml, as it gives it: a headless Service beside a running Pod (a snapshot, whose
  // cluster has its namespace).
  const README_YAML = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    .split("cat > svc.yaml <<'YAML'\n")[1]
    .split('YAML\n')[0];
  const name = 'hostname.subdomain.my-namespace.svc.cluster.local';
  const routes: [string, Params][] = [
    ['/v1/dns/query', { name, type: 'A' }],
    ['/v1/dns/records', {}],
    ['/v1/dns/resolve', { name: 'subdomain.my-namespace', fromNamespace: 'default' }],
    ['/v1/endpointslices', {}],
  ];

  test.each(routes)('%s: a snapshot’s namespace is not warned about', async (path, query) => {
    const res = await yaml(path, README_YAML, query).expect(200);
    expect(res.body.warnings).toEqual([]);
  });

  test('the README’s question: the namespace is assumed to exist, never said to exist', async () => {
    const res = await yaml('/v1/dns/query', README_YAML, { name, type: 'A' }).expect(200);
    const steps = JSON.stringify(res.body.explanation);
    expect(steps).toContain(
      'Namespace \\"my-namespace\\" is assumed to exist (no Namespace object names it): Service my-namespace/subdomain lives in it.',
    );
    expect(steps).not.toContain('\\"my-namespace\\" exists');
  });

  test('manifests alone: the warning says a cluster without the namespace refuses them, the explanation only assumes it', async () => {
    const manifests = README_YAML.replace(/^status: .*$/m, '');
    const res = await yaml('/v1/dns/query', manifests, { name, type: 'A' }).expect(200);
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('namespaces "my-namespace" not found')]),
    );
    const steps = JSON.stringify(res.body.explanation);
    expect(steps).toContain('is assumed to exist');
    expect(steps).not.toContain('\\"my-namespace\\" exists');
  });
});

test('docs/dns.md’s worked example runs as shown: its shop.yaml gives its zone and its NS answer', async () => {
  const page = readFileSync(path.join(ROOT, 'docs/dns.md'), 'utf8');
  const example = page.split('save them as `shop.yaml`')[1];
  const shopYaml = example.split('```yaml\n')[1].split('```')[0];
  const zone = example.split("'localhost:4000/v1/dns/records?format=zone'`:")[1].split('```')[1].replace(/^\n/, '');
  const records = await yaml('/v1/dns/records', shopYaml, { format: 'zone' }).expect(200);
  expect(records.text).toBe(zone);
  const ns = await yaml('/v1/dns/query', shopYaml, { name: 'cluster.local', type: 'NS' }).expect(200);
  const line = (r: { name: string; ttl: number; type: string; data: string }) =>
    `${r.name} ${r.ttl} IN ${r.type} ${r.data}`;
  expect(example).toContain(`NOERROR   ${line(ns.body.answer[0])}\n`);
  expect(example).toContain(`additional: ${line(ns.body.additional[0])}\n`);
});
