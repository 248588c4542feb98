import { KubeknowError, type ErrorCode } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { DEFAULT_MANIFEST_LIMITS } from './too-large';
import { parseManifests, parseObjects, type Cluster } from './index';
import { decodeYaml } from './yaml';

function failure(fn: () => unknown): KubeknowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeknowError) return e;
    throw e;
  }
  throw new Error('expected a KubeknowError');
}

const names = (c: Cluster): string[] =>
  [...c.objects, ...c.others].map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();

const svcYaml = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: 80\n`;

describe('input forms', () => {
  const cases: { name: string; input: unknown; format?: 'yaml' | 'json'; want: string[] }[] = [
    {
      name: 'multi-document YAML, empty and comment-only documents skipped',
      input: `---\n${svcYaml('a')}---\n# nothing here\n---\n${svcYaml('b')}---\n`,
      want: ['Service/default/a', 'Service/default/b'],
    },
    {
      name: 'a JSON object',
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
      want: ['Namespace//shop'],
    },
    {
      // kubectl reads this since Kubernetes 1.33 (kubernetes#130666); it was refused as broken JSON.
      name: 'a JSON document, then `---` and YAML: a YAML stream',
      input: `${JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, null, 2)}\n---\n${svcYaml('b')}`,
      want: ['Namespace//shop', 'Service/default/b'],
    },
    {
      name: 'a JSON array',
      input: JSON.stringify([
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
        null,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
      ]),
      want: ['Namespace//a', 'Namespace//b'],
    },
    {
      name: 'a kind: List as kubectl get -o json prints it',
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: '' },
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
          { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
        ],
      }),
      want: ['Namespace//a', 'Node//n1'],
    },
    {
      name: 'a typed list (PodList) whose items carry no kind or apiVersion',
      input: {
        apiVersion: 'v1',
        kind: 'PodList',
        items: [{ metadata: { name: 'p', namespace: 'x' }, spec: { containers: [{ name: 'c', image: 'i' }] } }],
      },
      want: ['Pod/x/p'],
    },
    {
      name: 'an already decoded array holding a List',
      input: [
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] },
      ],
      want: ['Namespace//a'],
    },
    {
      name: 'YAML flow style that is not JSON, though it starts with {',
      input: '{apiVersion: v1, kind: Namespace, metadata: {name: flow}}',
      want: ['Namespace//flow'],
    },
    {
      name: 'YAML with format given, and a byte-order mark',
      input: `\uFEFF${svcYaml('bom')}`,
      format: 'yaml',
      want: ['Service/default/bom'],
    },
    {
      name: 'an empty input is an empty cluster',
      input: '',
      want: [],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      expect(names(parseManifests(deepFreeze(c.input), { format: c.format }))).toEqual(c.want);
    });
  }
});

test('kubectl get all -o yaml output parses, status and bookkeeping ignored, other kinds kept', () => {
  const input = `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2025-01-15T10:00:00Z"
    generateName: web-5d9c7b6b8f-
    labels: {app: web, pod-template-hash: 5d9c7b6b8f}
    name: web-5d9c7b6b8f-x2x7k
    namespace: shop
    ownerReferences:
    - {apiVersion: apps/v1, blockOwnerDeletion: true, controller: true, kind: ReplicaSet, name: web-5d9c7b6b8f, uid: 1b5e}
    resourceVersion: "1234"
    uid: 8f1c
    managedFields:
    - {apiVersion: v1, fieldsType: FieldsV1, manager: kube-controller-manager, operation: Update, time: "2025-01-15T10:00:00Z"}
  spec:
    containers:
    - image: nginx:1.27
      imagePullPolicy: IfNotPresent
      name: nginx
      ports: [{containerPort: 80, name: http, protocol: TCP}]
      resources: {requests: {cpu: 100m, memory: 64Mi}}
      terminationMessagePath: /dev/termination-log
    nodeName: node-1
    schedulerName: default-scheduler
    terminationGracePeriodSeconds: 30
  status:
    conditions:
    - {lastProbeTime: null, lastTransitionTime: "2025-01-15T10:00:05Z", status: "True", type: Ready}
    hostIP: 192.168.1.10
    phase: Running
    podIP: 10.244.1.7
    podIPs: [{ip: 10.244.1.7}]
    qosClass: Burstable
- apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop, resourceVersion: "99", uid: 4c2a}
  spec:
    clusterIP: 10.96.12.34
    clusterIPs: [10.96.12.34]
    internalTrafficPolicy: Cluster
    ipFamilies: [IPv4]
    ipFamilyPolicy: SingleStack
    ports: [{name: http, port: 80, protocol: TCP, targetPort: http}]
    selector: {app: web}
    sessionAffinity: None
    type: ClusterIP
  status: {loadBalancer: {}}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec: {replicas: 1}
  status: {availableReplicas: 1}
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata: {name: web-5d9c7b6b8f, namespace: shop}
kind: List
metadata: {resourceVersion: ""}
`;
  const c = parseManifests(input);
  expect(names(c)).toEqual([
    'Deployment/shop/web',
    'Pod/shop/web-5d9c7b6b8f-x2x7k',
    'ReplicaSet/shop/web-5d9c7b6b8f',
    'Service/shop/web',
  ]);
  expect(c.pods[0].status).toMatchObject({
    phase: 'Running',
    podIP: '10.244.1.7',
    podIPs: ['10.244.1.7'],
    hostIP: '192.168.1.10',
  });
  expect(c.pods[0].spec.containers[0].resources.requests).toEqual({ cpu: '100m', memory: '64Mi' });
  expect(c.pods[0].metadata.ownerReferences?.[0].kind).toBe('ReplicaSet');
  expect(c.services[0].spec.clusterIPs).toEqual(['10.96.12.34']);
  expect(c.others.map((o) => o.raw.kind)).toEqual(['Deployment', 'ReplicaSet']);
});

test('YAML is read as Kubernetes reads it (YAML 1.1): yes is a boolean, timestamps stay strings', () => {
  const c = parseManifests(
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  deletionTimestamp: 2025-01-15T10:00:00Z\nspec:\n  clusterIP: None\n  publishNotReadyAddresses: yes\n`,
  );
  expect(c.services[0].spec.publishNotReadyAddresses).toBe(true);
  expect(c.services[0].metadata.deletionTimestamp).toBe('2025-01-15T10:00:00Z');
});

describe('YAML 1.1 scalars, as go-yaml v2 resolves them for Kubernetes', () => {
  const cases: [string, unknown][] = [
    ['yes', true],
    ['On', true],
    ['y', true],
    ['NO', false],
    ['off', false],
    ['true', true],
    ['0644', 420],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['-12', -12],
    ['+7', 7],
    ['09', 9],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['-.inf', -Infinity],
    ['~', null],
    ['null', null],
    ['', null],
    ['2025-01-15', '2025-01-15'],
    ['190:20:30', '190:20:30'],
    ['1.2.3', '1.2.3'],
    ['"yes"', 'yes'],
    ['web', 'web'],
  ];
  // Each form both ways: plain (js-yaml), and with an anchor, which takes the yaml package's way.
  for (const [text, want] of [...cases, ['.nan', NaN] as [string, unknown]]) {
    test(`${text || '(empty)'} reads as ${JSON.stringify(want) ?? String(want)}, both ways`, () => {
      expect(decodeYaml(`v: ${text}\n`, DEFAULT_MANIFEST_LIMITS)).toEqual([{ v: want }]);
      expect(decodeYaml(`v: ${text}\nw: &a x\n`, DEFAULT_MANIFEST_LIMITS)).toEqual([{ v: want, w: 'x' }]);
    });
  }
});

describe('unparsable input', () => {
  const cases: { name: string; input: string; format?: 'json'; message: string }[] = [
    { name: 'YAML with an unclosed flow sequence', input: 'a: 1\n---\nb: [\n---\n', message: 'at line 4, column 1' },
    {
      name: 'YAML with a duplicate key',
      input: 'kind: Pod\nkind: Service\n',
      message: 'Map keys must be unique at line 2, column 1',
    },
    {
      name: 'YAML with an empty key and a null key, which read the same',
      input: '"": b\nnull: a\nz: &q 1\n',
      message: 'Map keys must be unique at line 2, column 1',
    },
    {
      name: 'JSON with a missing value (V8 names no position)',
      input: '{\n  "kind": "Pod",\n  "apiVersion": }',
      message: 'invalid JSON: unexpected "}" at line 3, column 17',
    },
    {
      name: 'JSON with a trailing comma',
      input: '[1,\n 2,\n]',
      format: 'json',
      message: 'invalid JSON: unexpected "]" at line 3, column 1',
    },
    {
      name: 'JSON cut short',
      input: '{"kind": "Pod"',
      message: 'invalid JSON: unexpected end of input at line 1, column 15',
    },
    {
      name: 'YAML flow style when JSON is required',
      input: '{kind: Pod}',
      format: 'json',
      message: 'invalid JSON: unexpected "k" at line 1, column 2',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const e = failure(() => parseManifests(c.input, { format: c.format }));
      expect(e.code).toBe<ErrorCode>('MANIFEST_UNPARSABLE');
      expect(e.message).toContain(c.message);
    });
  }
});

test('a YAML text with thousands of errors reports the first 20 and how many more, at once', () => {
  const e = failure(() => parseManifests(`a:\n  ${'!!str '.repeat(5000)}x\n`));
  expect(e.problems).toHaveLength(21);
  expect(e.problems[0].message).toBe('invalid YAML: A node can have at most one tag at line 2, column 9');
  expect(e.problems[20].message).toMatch(/^invalid YAML: \d+ more errors$/);
});

describe('limits', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  const list = (n: number) =>
    JSON.stringify({
      kind: 'List',
      apiVersion: 'v1',
      items: Array.from({ length: n }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `n${i}` },
      })),
    });
  let deep: unknown = {};
  for (let i = 0; i < 150; i++) deep = { a: deep };
  const cases: { name: string; run: () => unknown; code: ErrorCode; message?: string }[] = [
    {
      name: 'a YAML "billion laughs" bomb stops at maxAliasCount',
      run: () => parseManifests(bomb),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'aliases',
    },
    {
      // yaml throws the same ReferenceError for this as for a bomb: it is a mistake in the text, not a size.
      name: 'an alias of no anchor is a parse error at its place, not too large',
      run: () => parseManifests('kind: Pod\nmetadata:\n  name: *nope\n'),
      code: 'MANIFEST_UNPARSABLE',
      message: 'the alias *nope names no anchor (&nope) set before it at line 3, column 9',
    },
    {
      name: 'deeply nested YAML flow collections are refused before parsing',
      run: () => parseManifests(`a: ${'['.repeat(50000)}${']'.repeat(50000)}`),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'deeper than 100',
    },
    {
      name: 'deeply nested compact block sequences (- - - …) are refused before parsing',
      run: () => parseManifests(`${'- '.repeat(200000)}x`),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'deeper than 100',
    },
    {
      name: 'deeply nested explicit keys (? ? ? …) are refused before parsing',
      run: () => parseManifests(`${'? '.repeat(200000)}x`),
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      // Invalid YAML (a block key after another on one line), said so at the second key.
      name: 'deeply nested compact maps are refused before parsing',
      run: () => parseManifests(`${'a: '.repeat(200000)}x`),
      code: 'MANIFEST_UNPARSABLE',
      message: 'Nested mappings are not allowed in compact mappings at line 1, column 5',
    },
    {
      // What `curl -d @file` sends: the line breaks gone, every key far to the right on line 1.
      name: 'a manifest whose line breaks were lost is unparsable, with a hint, not too deep',
      run: () =>
        parseManifests(
          'apiVersion: apps/v1 kind: StatefulSet metadata:   name: db spec:   serviceName: db   replicas: 3   selector:     matchLabels:       app: db'.repeat(
            4,
          ),
        ),
      code: 'MANIFEST_UNPARSABLE',
      message: 'column 25 (the text has no line breaks: `curl -d` removes them',
    },
    {
      name: 'block nesting within the column bound but beyond maxDepth',
      run: () => parseManifests(`${'- '.repeat(120)}x`),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'deeper than 100',
    },
    {
      name: 'a YAML alias inside its own anchor (a value that contains itself)',
      run: () => parseManifests('x: &a [*a]\n'),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'deeper than 100',
    },
    {
      name: 'deeply nested JSON',
      run: () => parseManifests(`${'['.repeat(200)}${']'.repeat(200)}`),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'deeper than 100',
    },
    { name: 'a deeply nested decoded value', run: () => parseManifests(deep), code: 'PAYLOAD_TOO_LARGE' },
    {
      name: 'more bytes than maxBytes',
      run: () => parseManifests(svcYaml('a'), { limits: { maxBytes: 20 } }),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'at most 20',
    },
    {
      name: 'more documents than maxObjects',
      run: () => parseManifests('a: 1\n---\nb: 2\n---\nc: 3\n', { limits: { maxObjects: 2 } }),
      code: 'PAYLOAD_TOO_LARGE',
      message: '3 documents',
    },
    {
      name: 'many documents are counted before parsing',
      run: () => parseManifests('---\na: 1\n'.repeat(6), { limits: { maxObjects: 5 } }),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'more than 5 documents',
    },
    {
      name: 'more List items than maxObjects',
      run: () => parseManifests(list(6), { limits: { maxObjects: 5 } }),
      code: 'PAYLOAD_TOO_LARGE',
      message: 'more than 5 objects',
    },
    { name: 'more than 5000 objects by default', run: () => parseManifests(list(5001)), code: 'PAYLOAD_TOO_LARGE' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const e = failure(c.run);
      expect(e.code).toBe(c.code);
      if (c.message) expect(e.message).toContain(c.message);
    });
  }
  test('a collection as a map key is refused (toJS would stringify it, exponentially when nested)', () => {
    const e = failure(() => parseManifests(`kind: Namespace\n? ${'? '.repeat(40)}x\n: y\n`));
    expect(e.code).toBe<ErrorCode>('MANIFEST_UNPARSABLE');
    expect(e.message).toBe('invalid YAML: a map key must be a string, not a collection, at line 2, column 3');
  });
  test('aliases that nest in themselves are refused', () => {
    const e = failure(() => parseManifests('kind: Namespace\nmetadata: &m\n  name: a\n  again: *m\n'));
    expect(e.code).toBe<ErrorCode>('PAYLOAD_TOO_LARGE');
  });
  test('a few aliases and a merge key parse, as in hand-written manifests', () => {
    const c = parseManifests(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: &l {team: x}\n  annotations:\n    <<: *l\n    note: ok\n',
    );
    expect(c.namespaces[0].metadata.labels).toEqual({ team: 'x' });
    expect(c.namespaces[0].metadata.annotations).toEqual({ team: 'x', note: 'ok' });
  });
  test('ordinary nesting and 4-space indentation stay well within the bounds', () => {
    const indented = 'apiVersion: v1\nkind: Namespace\nmetadata:\n    name: deep\n    annotations:\n        a: b\n';
    expect(parseManifests(indented).namespaces[0].metadata.annotations).toEqual({ a: 'b' });
    let nested = 'x';
    for (let i = 0; i < 90; i++) nested = `{a: ${nested}}`;
    expect(
      parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: ${nested}\n`).others,
    ).toHaveLength(1);
  });
  test('a map of 1000 keys parses; one of 50000 is refused at its path once decoded (duplicates looked for in linear time)', () => {
    const map = (n: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${Array.from({ length: n }, (_, i) => `  k${i}: v`).join('\n')}\n`;
    expect(Object.keys(parseManifests(map(1000)).others[0].raw.data as object)).toHaveLength(1000);
    // The key limit (MAX_OBJECT_KEYS, too-large.ts) is checked on the decoded value, after the duplicate check.
    expect(() => parseManifests(map(50000))).toThrow(/^data: this object has more than 1000 keys/);
  });
  test('a few aliases within the limit are expanded', () => {
    const c = parseManifests(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: &l {team: x}\n  annotations: *l\n',
    );
    expect(c.namespaces[0].metadata.annotations).toEqual({ team: 'x' });
  });
});

test('documents that are not objects are reported at their index', () => {
  const e = failure(() => parseManifests(`${svcYaml('a')}---\njust text\n---\n- 1\n`));
  expect(e.problems).toEqual([
    {
      code: 'FIELD_INVALID',
      path: 'objects[1]',
      message: 'must be a Kubernetes object: a map with apiVersion, kind and metadata',
      value: 'just text',
    },
    {
      code: 'FIELD_INVALID',
      path: 'objects[2]',
      message: 'must be a Kubernetes object: a map with apiVersion, kind and metadata',
      value: 1,
    },
  ]);
});

test('parseObjects takes decoded values, flattens Lists, and honours a path prefix', () => {
  const values = deepFreeze([
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ok' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Bad' } },
      ],
    },
  ]);
  expect(failure(() => parseObjects(values, 'manifests')).problems[0].path).toBe('manifests[1].metadata.name');
  expect(parseObjects([values[0].items[0]]).namespaces).toHaveLength(1);
});

test('a null among the objects is passed over in its place: every later object keeps its own index in a problem', () => {
  const port = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 70000 }] } };
  let thrown: unknown;
  try {
    parseManifests(JSON.stringify([null, 'x', port]));
  } catch (e) {
    thrown = e;
  }
  expect((thrown as KubeknowError).problems.map((p) => p.path)).toEqual([
    'objects[1]',
    'objects[2].spec.ports[0].port',
  ]);
});
