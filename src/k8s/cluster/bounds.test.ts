// The dry-run refuses, before the controllers make anything, what would be too many Pods or placements
// (issue 10's hostile review: 20 million replicas in 400 bytes, a thousand DaemonSets on a thousand Nodes).
import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { DRY_RUN_BOUNDS, dryRunCost, planned, plannedEndpoints } from './bounds';
import { daemonSet, deployment, node, service, statefulSet } from './testkit';

// A StatefulSet whose Pods each get `templates` claims.
const withClaims = (name: string, replicas: number, templates: number) => {
  const s = statefulSet(name, replicas, name);
  const claim = (i: number) => ({
    metadata: { name: `data-${i}` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  return {
    ...s,
    spec: { ...(s.spec as object), volumeClaimTemplates: Array.from({ length: templates }, (_, i) => claim(i)) },
  };
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e instanceof KubeknowError ? { code: e.code, message: e.message } : e;
  }
  return 'answered';
};

const cases: { name: string; objects: unknown[]; nodes?: number; want: RegExp | 'answered' }[] = [
  {
    name: 'a Deployment of 20 million replicas',
    objects: [deployment('web', 20_000_000)],
    want: /would make 20000000 Pods/,
  },
  {
    name: 'a Job of a million in parallel',
    objects: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {
          parallelism: 1_000_000,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
        },
      },
    ],
    want: /would make 1000000 Pods/,
  },
  {
    name: 'six DaemonSets on a thousand Nodes',
    objects: Array.from({ length: 6 }, (_, i) => daemonSet(`agent-${i}`)),
    nodes: 1000,
    want: /would make 6000 Pods/,
  },
  {
    name: '600 replicas on a thousand Nodes, each through the scheduler profile',
    objects: [deployment('web', 600)],
    nodes: 1000,
    want: /placing 600 Pods on 1000 Nodes/,
  },
  { name: 'the bound itself', objects: [deployment('web', DRY_RUN_BOUNDS.maxPods)], nodes: 1, want: 'answered' },
  {
    name: '300 StatefulSet replicas with 300 claim templates each',
    objects: [withClaims('db', 300, 300)],
    want: /StatefulSets would make 90000 PersistentVolumeClaims \(replicas × volumeClaimTemplates\); at most 5000/,
  },
  {
    name: 'the claims bound itself',
    objects: [withClaims('db', 50, DRY_RUN_BOUNDS.maxClaims / 50)],
    nodes: 1,
    want: 'answered',
  },
];

for (const c of cases)
  test(c.name, () => {
    const got = refusal(() => clusterApply(deepFreeze(c.objects), c.nodes ? { nodes: c.nodes } : {}));
    if (c.want === 'answered') expect(got).toBe('answered');
    else expect(got).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(c.want) });
  });

test('planned Pods and claims are read from the specs as sent, defaults where a field is missing', () => {
  const objects = [
    { kind: 'Deployment', spec: {} },
    { kind: 'Pod' },
    { kind: 'Service' },
    { kind: 'StatefulSet', spec: { replicas: 4, volumeClaimTemplates: [{}, {}] } },
    { kind: 'StatefulSet', spec: { volumeClaimTemplates: [{}] } },
    { kind: 'DaemonSet' },
    null,
  ];
  expect(planned(objects, 3)).toEqual({
    pods: 1 + 1 + 4 + 1 + 3,
    copies: 1 + 1 + 4 + 1 + 3,
    claims: 8 + 1,
    withPodTerms: 0,
    placements: 1 + 1 + 4 + 1 + 3,
    podTerms: 0,
    preemption: 0,
  });
  expect(
    planned(
      [
        { kind: 'Deployment', spec: { replicas: -5 } },
        { kind: 'Job', spec: { parallelism: 'x' } },
        { kind: 'StatefulSet', spec: { replicas: 'x', volumeClaimTemplates: [{}] } },
      ],
      3,
    ),
  ).toEqual({ pods: 0, copies: 0, claims: 0, withPodTerms: 0, placements: 0, podTerms: 0, preemption: 0 });
});

// The cost counts the objects the reader reads: those of a `kind: List` or a typed list (NodeList,
// DeploymentList: items without kind) cost what the same objects sent one by one cost.
const nodes = Array.from({ length: 104 }, (_, i) => node(`n${i}`));
const untyped = (objects: Record<string, unknown>[]) => objects.map(({ kind: _, apiVersion: __, ...rest }) => rest);
const listCases: { name: string; listed: unknown[]; flat: unknown[] }[] = [
  { name: '104 Nodes in a List', listed: [{ kind: 'List', items: nodes }], flat: nodes },
  {
    name: '104 Nodes in a NodeList',
    listed: [{ apiVersion: 'v1', kind: 'NodeList', items: untyped(nodes) }],
    flat: nodes,
  },
  {
    name: 'DaemonSets in a List on 104 Nodes',
    listed: [...nodes, { kind: 'List', items: [daemonSet('a'), daemonSet('b')] }],
    flat: [...nodes, daemonSet('a'), daemonSet('b')],
  },
  {
    name: 'Deployments in a DeploymentList, a List in a List',
    listed: [
      { apiVersion: 'apps/v1', kind: 'DeploymentList', items: untyped([deployment('a', 40), deployment('b', 7)]) },
      { kind: 'List', items: [{ kind: 'List', items: [withClaims('db', 30, 2)] }] },
    ],
    flat: [deployment('a', 40), deployment('b', 7), withClaims('db', 30, 2)],
  },
];

for (const c of listCases)
  test(`a dry-run's cost: ${c.name} cost what they cost one by one`, () => {
    expect(dryRunCost(c.listed, undefined)).toBe(dryRunCost(c.flat, undefined));
    expect(dryRunCost(c.listed, undefined)).toBeGreaterThan(dryRunCost([], undefined));
  });

test('Pods with inter-pod affinity or anti-affinity add the Pod-Pod pairs the scheduler checks', () => {
  const spread = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } };
  const apart = (name: string, replicas: number) => {
    const d = deployment(name, replicas) as { spec: { template: { spec: object } } };
    return deployment(name, replicas, {
      template: { ...d.spec.template, spec: { ...d.spec.template.spec, affinity: spread } },
    });
  };
  const pod = { kind: 'Pod', spec: { affinity: { podAffinity: {} } } };
  expect(planned([apart('a', 10), deployment('b', 5), pod], 3)).toEqual({
    pods: 16,
    copies: 16,
    claims: 0,
    withPodTerms: 11,
    placements: 16,
    podTerms: 11,
    preemption: 0,
  });
  // 1 + objects + Nodes + Pods + ⌈Pods × Nodes / 100⌉ + ⌈Pods × Pods / 2 000⌉ + ⌈Pods with terms × Pods / 500⌉
  expect(dryRunCost([apart('a', 1000)], 10)).toBe(1 + 1 + 10 + 1000 + 100 + 500 + 2000);
  expect(dryRunCost([deployment('a', 1000)], 10)).toBe(1 + 1 + 10 + 1000 + 100 + 500);
  // The hostile review's 40 Deployments × 100 anti-affine replicas on 10 Nodes ran 12 s at a cost of 4 460.
  const many = Array.from({ length: 40 }, (_, i) => apart(`d${i}`, 100));
  expect(dryRunCost(many, 10)).toBeGreaterThan(30_000);
});

// Issue 10: the heaviest dry-run the cost limit allowed, a plain Deployment of 4 834 replicas on the default
// three Nodes (2 449 on 100), ran 0.9 to 1.8 s of CPU: every Pod's spreading counts its siblings on each
// Node, and a Pod that fits nowhere has its preemption weigh every placed Pod. Pod-Pod pairs are priced.
test('a plain Deployment pays for its Pod-Pod pairs, so the cost limit allows half the replicas it did', () => {
  const heaviest = (nodes: number) => {
    let replicas = 1;
    while (dryRunCost([deployment('a', replicas + 1)], nodes) <= 5000) replicas++;
    return replicas;
  };
  expect(heaviest(3)).toBeLessThan(2400);
  expect(heaviest(100)).toBeLessThan(1800);
  expect(dryRunCost([deployment('a', 2000)], 3)).toBe(1 + 1 + 3 + 2000 + 60 + 2000);
});

// The hostile review: a template's selectors are matched for every Pod-Node (or Pod-Pod) pair, so 6 000
// node-affinity expressions in 1 000 replicas ran 30 s, and a 7.7 KB YAML whose anti-affinity term of
// 200 expressions is aliased 99 times ran 4 s for 10 replicas, both costed as plain Pods.
test('each Pod weighs by the selector values it is matched with, a YAML alias each time it is used', () => {
  const withSpec = (replicas: number, spec: object) => {
    const d = deployment('a', replicas) as { spec: { template: { spec: object } } };
    return deployment('a', replicas, { template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...spec } } });
  };
  const exprs = (n: number) => Array.from({ length: n }, () => ({ key: 'app', operator: 'Exists' }));
  const nodeTerms = (n: number) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs(n) }] },
      },
    },
  });
  // 6 000 expressions: 12 000 values, a weight of 1 201 on each of 1 000 × 100 pairs.
  expect(planned([withSpec(1000, nodeTerms(6000))], 100)).toMatchObject({ pods: 1000, placements: 1000 * 1201 });
  expect(dryRunCost([withSpec(1000, nodeTerms(6000))], 100)).toBeGreaterThan(1_000_000);
  // Five values (a nodeSelector pair and a toleration of four) weigh nothing more than a plain Pod.
  const usual = {
    nodeSelector: { disktype: 'ssd' },
    tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }],
  };
  expect(dryRunCost([withSpec(1000, usual)], 10)).toBe(dryRunCost([deployment('a', 1000)], 10));
  // One term object used 99 times counts 99 times.
  const term = {
    weight: 1,
    podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: exprs(200) } },
  };
  const aliased = {
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: Array(99).fill(term) } },
  };
  expect(planned([withSpec(10, aliased)], 3).podTerms).toBe(10 * (1 + Math.floor((99 * 402) / 10)));
});

test("a dry-run's cost counts the Nodes given, not the default three, and the claims", () => {
  // 1 + objects + Nodes + Pods + claims + ⌈Pods × Nodes / 100⌉ + ⌈Pods × Pods / 2 000⌉
  expect(dryRunCost([{ kind: 'List', items: nodes }], undefined)).toBe(1 + 104 + 104);
  expect(dryRunCost([withClaims('db', 300, 300)], 1)).toBe(1 + 1 + 1 + 300 + 90_000 + 3 + 45);
});

test("property: wrapping objects in Lists (nested or not) never changes a dry-run's cost", () => {
  const object = fc.oneof(
    fc.constant({ kind: 'Node' }),
    fc.constant({ kind: 'Pod' }),
    fc.constant({ kind: 'DaemonSet' }),
    fc.nat(50).map((replicas) => ({ kind: 'Deployment', spec: { replicas } })),
    fc
      .tuple(fc.nat(20), fc.nat(5))
      .map(([replicas, n]) => ({ kind: 'StatefulSet', spec: { replicas, volumeClaimTemplates: Array(n).fill({}) } })),
  );
  const wrapped = fc.array(fc.tuple(object, fc.nat(2)), { maxLength: 30 });
  fc.assert(
    fc.property(wrapped, fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), (items, asked) => {
      const flat = items.map(([o]) => o);
      const listed = items.map(([o, depth]) => {
        let v: unknown = o;
        for (let i = 0; i < depth; i++) v = { kind: 'List', items: [v] };
        return v;
      });
      expect(dryRunCost(listed, asked)).toBe(dryRunCost(flat, asked));
    }),
  );
});

test('the endpoints of the Services’ EndpointSlices are counted: each Service, the replicas of its namespace it selects', () => {
  const web = service('web', { selector: { app: 'web' } });
  const cases: [string, unknown[], number][] = [
    ['a Service selecting a Deployment of 5', [web, deployment('web', 5)], 5],
    [
      'the same Service in another namespace',
      [service('web', { selector: { app: 'web' } }, 'shop'), deployment('web', 5)],
      0,
    ],
    ['a Service selecting other labels', [service('api', { selector: { app: 'api' } }), deployment('web', 5)], 0],
    ['a Service without a selector', [service('web', {}), deployment('web', 5)], 0],
    [
      'a headless Service and a StatefulSet of 3',
      [service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 3, 'db')],
      3,
    ],
  ];
  for (const [name, objects, want] of cases)
    expect([name, plannedEndpoints(deepFreeze(objects), 3)]).toEqual([name, want]);
});

test('property: 1 to 40 Services selecting one Deployment cost its replicas each on top', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 200 }), (services, replicas) => {
      const svcs = Array.from({ length: services }, (_, i) => service(`web-${i}`, { selector: { app: 'web' } }));
      const alone = dryRunCost(
        [...svcs.map((s) => ({ ...s, spec: { ports: [{ port: 80 }] } })), deployment('web', replicas)],
        3,
      );
      expect(dryRunCost([...svcs, deployment('web', replicas)], 3)).toBe(alone + services * replicas);
    }),
    { numRuns: 30 },
  );
});

// The hostile review: a 3.3 KB Deployment of 2 000 replicas with 100 containers each ran 2.95 s of CPU
// costed as 1-container Pods (and 2 200 replicas of 400 containers with a port each, 18 s). Each Pod
// weighs by its template's values: 1 for a plain template, 1 more per 16 values.
const containers = (n: number, ports: boolean) =>
  Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    image: 'x',
    ...(ports ? { ports: [{ containerPort: 1000 + i }] } : {}),
  }));
const withContainers = (replicas: number, n: number, ports = false) =>
  deployment('a', replicas, {
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: containers(n, ports) } },
  });
const weightCases: { name: string; objects: unknown[]; copies: number }[] = [
  { name: 'a plain template (a label, one container with a port)', objects: [deployment('a', 2000)], copies: 2000 },
  { name: 'a Pod', objects: [{ kind: 'Pod', metadata: { name: 'p' }, spec: {} }], copies: 1 },
  // 1 label + 100 × (name, image): 201 values.
  { name: '100 containers', objects: [withContainers(2000, 100)], copies: 2000 * (1 + Math.floor(201 / 16)) },
  // 1 label + 400 × (name, image, containerPort): 1 201 values.
  { name: '400 containers with a port', objects: [withContainers(2200, 400, true)], copies: 2200 * 76 },
];
for (const c of weightCases)
  test(`each Pod weighs by its template: ${c.name}`, () => {
    expect(planned(c.objects, 3).copies).toBe(c.copies);
  });

test('a template of many containers is refused by its cost at far fewer replicas than a plain one', () => {
  expect(dryRunCost([withContainers(2000, 100)], undefined)).toBeGreaterThan(5000);
  expect(dryRunCost([withContainers(2000, 1)], undefined)).toBe(dryRunCost([deployment('a', 2000)], undefined));
});

// The hostile review: 1 100 replicas of priority 1 000 that fit nowhere, over 1 100 placed replicas of
// priority 0, ran 1.37 s of CPU (0.68 s with no possible victims): each preemptor weighs its victims.
const high = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
const withPodSpec = (name: string, replicas: number, spec: object) => {
  const d = deployment(name, replicas) as { spec: { template: { metadata: object; spec: object } } };
  return deployment(name, replicas, { template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...spec } } });
};
const preemptionCases: { name: string; objects: unknown[]; pairs: number }[] = [
  {
    name: 'a PriorityClass over the default 0',
    objects: [high, deployment('low', 1100), withPodSpec('b', 1100, { priorityClassName: 'high' })],
    pairs: 1100 * 1100,
  },
  {
    name: 'a class that is not given: priority 0, as the Pods it would preempt',
    objects: [deployment('low', 1100), withPodSpec('b', 1100, { priorityClassName: 'high' })],
    pairs: 0,
  },
  {
    name: 'preemptionPolicy Never preempts nothing',
    objects: [
      { ...high, preemptionPolicy: 'Never' },
      deployment('low', 1100),
      withPodSpec('b', 1100, { priorityClassName: 'high' }),
    ],
    pairs: 0,
  },
  {
    name: 'a system class, a globalDefault class and spec.priority',
    objects: [
      { ...high, globalDefault: true },
      withPodSpec('zero', 10, { priority: 0 }),
      deployment('default', 20),
      withPodSpec('system', 30, { priorityClassName: 'system-node-critical' }),
    ],
    pairs: 20 * 10 + 30 * (10 + 20),
  },
];
for (const c of preemptionCases)
  test(`preemption pairs: ${c.name}`, () => {
    expect(planned(c.objects, 3).preemption).toBe(c.pairs);
  });

test('the preemptors × lower-priority Pods are priced: the review’s 1 100 over 1 100 is over the limit', () => {
  const [withClass, , never] = preemptionCases.map((c) => dryRunCost(c.objects, undefined));
  expect(withClass).toBeGreaterThan(5000);
  expect(never).toBeLessThanOrEqual(5000);
  expect(withClass - never).toBe((1100 * 1100) / 250);
});
