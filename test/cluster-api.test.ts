// The dry-run through every transport: a StatefulSet plus its headless Service, written as people
// write them, answers its Pods' DNS names from REST, GraphQL and MCP, and POST /v1/cluster/apply
// shows what the cluster holds, with the API server's messages for what it refuses.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { limitsFromEnv } from '../src/config';
import { mcpClient } from './helpers/mcp';
import { startTestApp, type TestApp } from './helpers/app';
import { parseAllDocuments } from 'yaml';

const DB = `apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { clusterIP: None, selector: { app: db }, ports: [{ name: pg, port: 5432 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  serviceName: db
  replicas: 3
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: pg, image: postgres, ports: [{ name: pg, containerPort: 5432 }] }] }
`;
const QUESTION = { name: 'db-0.db.data.svc.cluster.local', type: 'A' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

test('REST: the StatefulSet’s first Pod has its DNS name, with the warnings cluster/apply gives the same input', async () => {
  const res = await t.http.post('/v1/dns/query').send({ manifests: DB, query: QUESTION });
  expect(res.status).toBe(200);
  expect(res.body.rcode).toBe('NOERROR');
  expect(res.body.answer).toHaveLength(1);
  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(DB);
  expect(applied.body.warnings).toHaveLength(2);
  expect(res.body.warnings).toEqual(applied.body.warnings);
});

test('GraphQL: the same question', async () => {
  const query = `query($m: String!) { dnsQuery(manifests: $m, name: "db-0.db.data.svc.cluster.local", type: A) { rcode answer { data } } }`;
  const res = await t.http.post('/graphql').send({ query, variables: { m: DB } });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.dnsQuery.rcode).toBe('NOERROR');
  expect(res.body.data.dnsQuery.answer).toHaveLength(1);
});

test('MCP: the same question, and cluster_apply lists the Pods', async () => {
  const client = await mcpClient(t, 'kubeknow-test');
  try {
    const dns = (await client.callTool({
      name: 'dns_query',
      arguments: { manifests: DB, query: QUESTION },
    })) as CallToolResult;
    expect(dns.isError).toBeFalsy();
    expect((dns.structuredContent as { rcode: string }).rcode).toBe('NOERROR');
    const applied = (await client.callTool({ name: 'cluster_apply', arguments: { manifests: DB } })) as CallToolResult;
    const text = applied.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    // Each object with what `kubectl get -o wide` shows first: a Pod's IP and Node, a Service's IP and ports.
    expect(text).toMatch(/^pod\/db-2 \(data\) 10\.244\.\d+\.\d+ on \S+$/m);
    expect(text).toMatch(/^service\/kubernetes \(default\) 10\.96\.0\.1 443\/TCP$/m);
    expect(text).toContain(
      '2 warning(s): namespace "data" is not among the objects: this dry-run assumes it exists (a cluster without it would refuse 2 of the objects)',
    );
  } finally {
    await client.close();
  }
});

test('POST /v1/cluster/apply with a YAML body: ordinal Pods, and the API server’s message for a bad nodePort', async () => {
  const bad = `\n---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { type: NodePort, ports: [{ port: 80, nodePort: 80 }] }\n`;
  const res = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send(DB + bad);
  expect(res.status).toBe(200);
  const pods = res.body.objects
    .filter((o: { kind: string }) => o.kind === 'Pod')
    .map((o: { metadata: { name: string } }) => o.metadata.name);
  expect(pods).toEqual(['db-0', 'db-1', 'db-2']);
  expect(res.body.rejected).toEqual([
    {
      object: 'Service/default/web',
      message:
        'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
  ]);
});

// spec.ordinals.start (getStartOrdinal in pkg/controller/statefulset): the Pods are web-1 and web-2, so
// their hostnames, their EndpointSlice endpoints and their DNS names start at 1 and web-0 does not exist.
const WEB = `apiVersion: v1
kind: Service
metadata: { name: nginx }
spec: { clusterIP: None, selector: { app: nginx }, ports: [{ name: web, port: 80 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  serviceName: nginx
  replicas: 2
  ordinals: { start: 1 }
  selector: { matchLabels: { app: nginx } }
  template:
    metadata: { labels: { app: nginx } }
    spec: { containers: [{ name: nginx, image: nginx, ports: [{ name: web, containerPort: 80 }] }] }
`;

test('REST: a StatefulSet with ordinals.start 1 answers web-1.nginx.default.svc.cluster.local, and web-0 does not exist', async () => {
  const ask = (name: string) =>
    t.http
      .post('/v1/dns/query')
      .send({ manifests: WEB, query: { name: `${name}.nginx.default.svc.cluster.local`, type: 'A' } });
  const one = await ask('web-1');
  expect(one.status).toBe(200);
  expect(one.body.rcode).toBe('NOERROR');
  expect(one.body.answer).toHaveLength(1);
  expect((await ask('web-2')).body.rcode).toBe('NOERROR');
  const zero = await ask('web-0');
  expect(zero.status).toBe(200);
  expect(zero.body.rcode).toBe('NXDOMAIN');
  expect(zero.body.answer).toEqual([]);

  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(WEB);
  type Named = { kind: string; metadata: { name: string } };
  const objects = applied.body.objects as (Named & Record<string, unknown>)[];
  expect(objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata.name)).toEqual(['web-1', 'web-2']);
  const slice = objects.find((o) => o.kind === 'EndpointSlice') as unknown as { endpoints: { hostname: string }[] };
  expect(slice.endpoints.map((e) => e.hostname).sort()).toEqual(['web-1', 'web-2']);
});

// The IP fields' one check, ValidateServiceClusterIPsRelatedFields (pkg/apis/core/validation/validation.go), which
// initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) runs before anything is allocated: clusterIPs need
// their clusterIP, and two IPs of one family are an error on the whole list. A nodePort above 65535 is the port
// allocator's ErrNotInRange (pkg/registry/core/service/portallocator/allocator.go, via initNodePorts in alloc.go):
// ValidateService never checks a nodePort's range. The DNS route reads the manifests the same way.
test('POST /v1/cluster/apply: clusterIPs without clusterIP and a nodePort above 65535 get the API server’s messages, as the DNS route does', async () => {
  const bad = `apiVersion: v1\nkind: Service\nmetadata: { name: two }\nspec: { clusterIPs: [10.96.0.60, 10.96.0.61], ports: [{ port: 80 }] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: np }\nspec: { type: NodePort, ports: [{ port: 80, nodePort: 70000 }] }\n`;
  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(bad);
  expect(applied.status).toBe(200);
  const messages = [
    'Service "two" is invalid: [spec.clusterIPs: Invalid value: []string{"10.96.0.60", "10.96.0.61"}: must be empty when `clusterIP` is not specified, spec.clusterIPs: Invalid value: []string{"10.96.0.60", "10.96.0.61"}: may specify no more than one IP for each IP family]',
    'Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 70000: provided port is not in the valid range. The range of valid ports is 30000-32767',
  ];
  expect(applied.body.rejected).toEqual([
    { object: 'Service/default/two', message: messages[0] },
    { object: 'Service/default/np', message: messages[1] },
  ]);
  // The DNS route refuses invalid manifests outright, with the same errors at the same paths (of its objects[0]).
  const [two, np] = bad.split('---\n');
  const query = { name: 'two.default.svc.cluster.local', type: 'A' };
  const refused = await t.http.post('/v1/dns/query').send({ manifests: two, query });
  expect(refused.status).toBe(422);
  expect(refused.body.problems.map((p: { path: string; message: string }) => `${p.path}: ${p.message}`)).toEqual([
    'objects[0].spec.clusterIPs: must be empty when `clusterIP` is not specified',
    'objects[0].spec.clusterIPs: may specify no more than one IP for each IP family',
  ]);
  // A nodePort is no validation error there either: the dry-run's allocator refuses it, and the answer says so.
  const answered = await t.http.post('/v1/dns/query').send({ manifests: np, query });
  expect(answered.status).toBe(200);
  expect(answered.body.warnings.join('\n')).toContain(messages[1]);
});

// initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) on the dry-run's single-stack IPv4 cluster: no
// policy on create is SingleStack, which refuses two cluster IPs and two families in one answer; an IPv6 clusterIP
// is refused on the IP ("IPv6 is not configured on this cluster", the whole list printed); a headless Service
// without a selector defaults to RequireDualStack and gets both families, accepted.
test('POST /v1/cluster/apply: IP families as the API server defaults and refuses them on an IPv4 cluster', async () => {
  const body = [
    'apiVersion: v1\nkind: Service\nmetadata: { name: dual }\nspec: { clusterIP: 10.96.0.60, clusterIPs: [10.96.0.60, "fd00::60"], ipFamilies: [IPv4, IPv6], ports: [{ port: 80 }] }\n',
    'apiVersion: v1\nkind: Service\nmetadata: { name: six }\nspec: { clusterIP: "fd00::1", ports: [{ port: 80 }] }\n',
    'apiVersion: v1\nkind: Service\nmetadata: { name: peers }\nspec: { clusterIP: None, ports: [{ port: 7000 }] }\n',
  ].join('---\n');
  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(body);
  expect(applied.status).toBe(200);
  const single = (what: string) =>
    `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple ${what} are specified`;
  expect(applied.body.rejected).toEqual([
    {
      object: 'Service/default/dual',
      message: `Service "dual" is invalid: [${single('cluster IPs')}, ${single('IP families')}]`,
    },
    {
      object: 'Service/default/six',
      message:
        'Service "six" is invalid: spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster',
    },
  ]);
  const peers = applied.body.objects.find((o: { metadata: { name: string } }) => o.metadata.name === 'peers');
  expect(peers.spec).toMatchObject({
    clusterIP: 'None',
    ipFamilyPolicy: 'RequireDualStack',
    ipFamilies: ['IPv4', 'IPv6'],
  });
});

test('POST /v1/cluster/apply: a body with no object at all is refused 422 at each value, YAML or JSON; a stray value among objects is refused alone', async () => {
  const yamlBody = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send('hello\n---\n42\n');
  const jsonBody = await t.http.post('/v1/cluster/apply').send({ objects: ['hello', 42] });
  for (const res of [yamlBody, jsonBody]) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'FIELD_INVALID' });
    expect(res.body.problems.map((p: { path: string; message: string }) => `${p.path}: ${p.message}`)).toEqual([
      'objects[0]: must be a Kubernetes object: a map with apiVersion, kind and metadata',
      'objects[1]: must be a Kubernetes object: a map with apiVersion, kind and metadata',
    ]);
  }
  const mixed = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send('hello\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: data }\n');
  expect(mixed.status).toBe(200);
  expect(mixed.body.rejected.map((r: { object: string }) => r.object)).toEqual(['objects[0]']);
});

test('POST /v1/cluster/apply: nothing to apply (an empty file, an empty list, a List without items) is refused as kubectl refuses it', async () => {
  const sent = [
    await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send('---\n# nothing yet\n'),
    await t.http.post('/v1/cluster/apply').send({ objects: [] }),
    await t.http.post('/v1/cluster/apply').send({ objects: { apiVersion: 'v1', kind: 'List', items: [] } }),
    await t.http.post('/v1/cluster/apply').send({ manifests: '' }),
  ];
  expect(sent.map((res) => [res.status, res.body.problems])).toEqual(
    [1, 2, 3, 4].map(() => [
      422,
      [
        expect.objectContaining({
          code: 'FIELD_REQUIRED',
          path: 'objects',
          message: 'no objects passed to apply (as kubectl says): give at least one Kubernetes object',
        }),
      ],
    ]),
  );
});

test('POST /v1/cluster/apply?format=yaml: the refusals and warnings come first as comments, then the objects', async () => {
  const bad = `\n---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { type: NodePort, ports: [{ port: 80, nodePort: 80 }] }\n`;
  const res = await t.http
    .post('/v1/cluster/apply?format=yaml')
    .set('content-type', 'application/yaml')
    .send(DB + bad);
  expect(res.status).toBe(200);
  const lines = res.text.split('\n');
  expect(lines[0]).toBe(
    '# Error from server (Invalid): Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
  );
  expect(lines[1]).toMatch(/^# Warning: Service\/data\/db: namespaces "data" not found/);
  const docs = parseAllDocuments(res.text).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
  expect(docs.filter((d) => d.kind === 'Pod').map((d) => d.metadata.name)).toEqual(['db-0', 'db-1', 'db-2']);
});

test('POST /v1/cluster/apply: the Service’s EndpointSlice is there, as /v1/endpointslices gives it, and the summary counts the warnings', async () => {
  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(DB);
  const computed = await t.http.post('/v1/endpointslices').send({ manifests: DB });
  expect([applied.status, computed.status]).toEqual([200, 200]);
  const slices = applied.body.objects.filter(
    (o: { kind: string; metadata: { namespace: string } }) =>
      o.kind === 'EndpointSlice' && o.metadata.namespace === 'data',
  );
  expect(slices.map((s: { metadata: { name: string } }) => s.metadata.name)).toEqual(['db-69dg8']);
  expect(slices[0].endpoints).toHaveLength(3);
  expect(slices).toEqual(computed.body.endpointSlices);
  expect(applied.body.explanation.summary.en).toBe(
    '17 object(s) after settling (5 created by controllers, 10 the cluster\'s own), 3 Pod(s), 0 refused, 2 warning(s): namespace "data" is not among the objects: this dry-run assumes it exists (a cluster without it would refuse 2 of the objects).',
  );
});

test('POST /v1/cluster/apply: a StatefulSet whose claim stays unbound warns that db-0 is Pending and db-1, db-2 are not created', async () => {
  const claims = `  volumeClaimTemplates:\n  - metadata: { name: data }\n    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }\n`;
  const res = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send(
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: data }\n---\n${DB.replace('  replicas: 3\n', `  replicas: 3\n${claims}`)}`,
    );
  expect(res.status).toBe(200);
  const unbound = '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims';
  expect(res.body.warnings[0]).toMatch(
    /^Pod\/data\/db-0: Pending: FailedScheduling: 0\/3 nodes are available: pod has unbound/,
  );
  expect(res.body.warnings[1]).toBe(
    `StatefulSet/data/db: 1 of 3 replicas created, 0 ready: podManagementPolicy OrderedReady stopped at ordinal 0: db-1 is created only once db-0 is Running and Ready, and db-0 is Pending (${unbound})`,
  );
  expect(res.body.explanation.summary.en).toContain('1 Pod(s) (1 Pending), 0 refused, 2 warning(s).');
});

test('GraphQL clusterApply takes the cluster options as arguments', async () => {
  const query = `query($m: String!) { clusterApply(manifests: $m, nodes: 1) { objects rejected { object } events { reason } } }`;
  const res = await t.http.post('/graphql').send({ query, variables: { m: DB } });
  expect(res.body.errors).toBeUndefined();
  const nodes = res.body.data.clusterApply.objects.filter((o: { kind: string }) => o.kind === 'Node');
  expect(nodes.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-1']);
});

test('GraphQL Example.clusterApply: the StatefulSet example shows its Pods and their DNS names', async () => {
  const seeded = await startTestApp();
  try {
    const query =
      '{ concept(slug: "statefulset") { examples { key clusterApply { objects } dnsRecords { name type } } } }';
    const res = await seeded.http.post('/graphql').send({ query });
    expect(res.body.errors).toBeUndefined();
    type Ex = {
      key: string;
      clusterApply: { objects: { kind: string; metadata: { name: string } }[] };
      dnsRecords: { name: string; type: string }[];
    };
    const ex = (res.body.data.concept.examples as Ex[]).find((e) => e.key === 'try-it-dry-run')!;
    expect(ex.clusterApply.objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata.name)).toEqual([
      'db-0',
      'db-1',
      'db-2',
    ]);
    expect(ex.dnsRecords.map((r) => r.name)).toContain('db-0.db.data.svc.cluster.local.');
  } finally {
    await seeded.close();
  }
});

test('POST /v1/cluster/apply: an OrderedReady StatefulSet past its quota stops at the refused Pod (one FailedCreate)', async () => {
  const quota = `apiVersion: v1\nkind: ResourceQuota\nmetadata: { name: pods, namespace: data }\nspec: { hard: { pods: "1" } }\n---\n`;
  const res = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send(quota + DB);
  expect(res.status).toBe(200);
  const pods = res.body.objects.filter((o: { kind: string }) => o.kind === 'Pod');
  expect(pods.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['db-0']);
  // stateful_pod_control.go recordPodEvent; the quota message from the ResourceQuota admission plugin.
  expect(res.body.events.filter((e: { reason: string }) => e.reason === 'FailedCreate')).toEqual([
    {
      object: 'StatefulSet/data/db',
      type: 'Warning',
      reason: 'FailedCreate',
      message:
        'create Pod db-1 in StatefulSet db failed error: pods "db-1" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1',
    },
  ]);
  const steps = res.body.explanation.steps.map((s: { rule: string }) => s.rule);
  expect(steps).toContain('statefulset-stop');
});

test('POST /v1/cluster/apply: volumeClaimTemplates become claims the Pods mount, and a claim past the quota fails its Pod', async () => {
  const objects = [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'claims', namespace: 'data' },
      spec: { hard: { persistentvolumeclaims: '1' } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'data' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres' }] } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    },
  ];
  const res = await t.http.post('/v1/cluster/apply').send({ objects });
  expect(res.status).toBe(200);
  type O = { kind: string; metadata: { name: string }; spec: { volumes?: unknown[] } };
  const of = (kind: string) => (res.body.objects as O[]).filter((o) => o.kind === kind);
  expect(of('PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['data-db-0']);
  // The claim's volume, then the ServiceAccount admission's token volume.
  expect(of('Pod').map((o) => o.spec.volumes)).toEqual([
    [
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } },
      expect.objectContaining({ name: expect.stringMatching(/^kube-api-access-[a-z0-9]{5}$/) }),
    ],
  ]);
  // stateful_pod_control.go: recordClaimEvent, then the Pod's "failed to create PVC %s: %s".
  const refusal =
    'persistentvolumeclaims "data-db-1" is forbidden: exceeded quota: claims, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1';
  expect(
    res.body.events
      .filter((e: { reason: string }) => e.reason === 'FailedCreate')
      .map((e: { message: string }) => e.message),
  ).toEqual([
    `create Claim data-db-1 for Pod db-1 in StatefulSet db failed error: ${refusal}`,
    `create Pod db-1 in StatefulSet db failed error: failed to create PVC data-db-1: ${refusal}`,
  ]);
});

// A StatefulSet whose Pods each get `templates` claims (38 KB at 300 × 300).
const claiming = (replicas: number, templates: number) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    replicas,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres' }] } },
    volumeClaimTemplates: Array.from({ length: templates }, (_, i) => ({
      metadata: { name: `d${i}` },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    })),
  },
});

test('POST /v1/cluster/apply: 300 replicas × 300 claim templates are refused before the work (413), the claims counted in the cost', async () => {
  const res = await t.http.post('/v1/cluster/apply').send({ objects: [claiming(300, 300)] });
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: expect.any(Number) });
  expect(res.body.cost).toBeGreaterThan(300 * 300);
  expect((await t.http.get('/healthz')).status).toBe(200);
});

test('POST /v1/cluster/apply: with a cost limit that lets them through, the dry-run itself refuses 90 000 claims (413)', async () => {
  const roomy = await startTestApp({ seed: false, budgets: { ...limitsFromEnv({}), maxCost: 1_000_000 } });
  try {
    const res = await roomy.http.post('/v1/cluster/apply').send({ objects: [claiming(300, 300)] });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.detail).toMatch(
      /the StatefulSets would make 90000 PersistentVolumeClaims \(replicas × volumeClaimTemplates\); at most 5000 are simulated/,
    );
  } finally {
    await roomy.close();
  }
});

test('POST /v1/cluster/apply: Nodes in a List or a NodeList cost what the same Nodes sent one by one cost', async () => {
  const nodes = Array.from({ length: 104 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}` },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
  }));
  const web = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3000,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx' }] } },
    },
  };
  const untyped = nodes.map(({ metadata, status }) => ({ metadata, status }));
  const costs = [];
  for (const objects of [
    [...nodes, web],
    [{ apiVersion: 'v1', kind: 'List', items: nodes }, web],
    [{ apiVersion: 'v1', kind: 'NodeList', items: untyped }, web],
  ]) {
    const res = await t.http.post('/v1/cluster/apply').send({ objects });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('COST_LIMIT_EXCEEDED');
    costs.push(res.body.cost);
  }
  // 1 + 105 objects + 104 Nodes + 3000 Pods + ⌈3000 × 104 / 100⌉ placements + ⌈3000 × 3000 / 2000⌉ Pod
  // pairs, each time.
  expect(costs).toEqual([10830, 10830, 10830]);
});

// Issue 13's hostile review: env names the API server refuses (IsRelaxedEnvVarName), a number as an env
// value, and a value that would print a second variable under ?format=env.
const ENVINJ = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: x, env: [{name: "A\\nB", value: "x\\nLD_PRELOAD=/tmp/evil.so"}, {name: "", value: 1}, {name: "X=Y", value: "q"}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec: {containers: [{name: c, image: x, env: [{name: V, value: "x\\nLD_PRELOAD=/tmp/evil.so"}]}]}
`;

test('POST /v1/cluster/apply and /v1/pods/environment: invalid env names and a number value are refused at their paths; ?format=env keeps one variable a line', async () => {
  const applied = await t.http.post('/v1/cluster/apply').set('content-type', 'application/yaml').send(ENVINJ);
  expect(applied.status).toBe(200);
  const relaxed = "a valid environment variable name must consist only of printable ASCII characters other than '='";
  expect(applied.body.rejected).toEqual([
    {
      object: 'Pod/default/p',
      message: `Pod "p" is invalid: [spec.containers[0].env[0].name: Invalid value: "A\\nB": ${relaxed}, spec.containers[0].env[1].name: Required value, spec.containers[0].env[1].value: Invalid value: 1: must be a string, not a number: the API server refuses the object (cannot unmarshal number into Go struct field EnvVar.value of type string); quote it: "1", spec.containers[0].env[2].name: Invalid value: "X=Y": ${relaxed}]`,
    },
  ]);
  const refused = await t.http
    .post('/v1/pods/environment?format=env&pod=p')
    .set('content-type', 'application/yaml')
    .send(ENVINJ);
  expect(refused.status).toBe(404);
  expect(refused.text).toContain('it was refused');
  const env = await t.http
    .post('/v1/pods/environment?format=env&pod=q')
    .set('content-type', 'application/yaml')
    .send(ENVINJ);
  expect(env.status).toBe(200);
  const lines = env.text.trimEnd().split('\n');
  expect(lines).toContain('V="x\\nLD_PRELOAD=/tmp/evil.so"');
  expect(lines.filter((l) => l.startsWith('LD_PRELOAD'))).toEqual([]);
  for (const l of lines.slice(1)) expect(l).toMatch(/^[^=\n]+=/);
});

// Names of 240 and 253 characters are valid; what the controllers would name after them is not always.
test('POST /v1/cluster/apply: long valid workload names are accepted; the controllers’ failures are Warnings on their owners, never a 422 under created', async () => {
  const tpl = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
    metadata: { labels },
    spec: { containers: [{ name: 'c', image: 'x' }], ...spec },
  });
  const objects = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a'.repeat(240) },
      spec: { selector: { matchLabels: { app: 'w' } }, template: tpl({ app: 'w' }) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'b'.repeat(253) },
      spec: { selector: { matchLabels: { app: 'v' } }, template: tpl({ app: 'v' }) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's'.repeat(253) },
      spec: { serviceName: 'x', selector: { matchLabels: { app: 's' } }, template: tpl({ app: 's' }) },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j'.repeat(253) },
      spec: { template: tpl({}, { restartPolicy: 'Never' }) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd'.repeat(253) },
      spec: { selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'b' }) },
    },
  ];
  const res = await t.http.post('/v1/cluster/apply').send({ objects });
  expect(res.status).toBe(200);
  const pods = res.body.objects
    .filter((o: { kind: string }) => o.kind === 'Pod')
    .map((o: { metadata: { name: string } }) => o.metadata.name);
  expect(pods).toEqual([expect.stringMatching(/^a{58}[a-z0-9]{5}$/)]);
  expect(res.body.rejected.map((r: { object: string }) => r.object)).toEqual([`Job/default/${'j'.repeat(253)}`]);
  const warnings = res.body.events.filter((e: { type: string }) => e.type === 'Warning');
  expect(warnings.map((e: { object: string; reason: string }) => `${e.reason} ${e.object.split('/')[0]}`)).toEqual([
    'ReplicaSetCreateError Deployment',
    'FailedCreate DaemonSet',
    'FailedCreate StatefulSet',
  ]);
  expect(JSON.stringify(res.body)).not.toContain('created[');
});
