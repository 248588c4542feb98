// Creating one Pod in a namespace with LimitRanges and ResourceQuotas. Each case says where its expected
// message comes from: the kubernetes.io task pages whose transcripts show the API server's answer (taken
// in their current wording: plugin/pkg/admission/limitranger/admission.go dropped the final periods), or
// the format strings of admission.go, resourcequota/controller.go and quota/v1/evaluator/core/pods.go.
import { admissionFor, admitPod, LIMIT_RANGER_ANNOTATION } from '.';
import { clusterOf, container, limitRange, podManifest, podOf, resourceQuota } from './testkit';

type Fields = Record<string, unknown>;

interface Case {
  name: string;
  objects: Fields[];
  pod: Fields;
  /** The API server's message, or null when the Pod is admitted. */
  message: string | null;
  /** Each container's resources as admitted, when the case is about them. */
  resources?: Record<string, unknown>[];
}

const memoryDefaults = limitRange('mem-limit-range', {
  type: 'Container',
  default: { memory: '512Mi' },
  defaultRequest: { memory: '256Mi' },
});
const cpuMinMax = limitRange('cpu-min-max-demo-lr', { type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' } });
const memMinMax = limitRange('mem-min-max-demo-lr', {
  type: 'Container',
  max: { memory: '1Gi' },
  min: { memory: '500Mi' },
});
const memCpuQuota = resourceQuota('mem-cpu-demo', {
  'requests.cpu': '1',
  'requests.memory': '1Gi',
  'limits.cpu': '2',
  'limits.memory': '2Gi',
});

const cases: Case[] = [
  {
    // "Configure Default Memory Requests and Limits for a Namespace": the Pod gets 256Mi and 512Mi.
    name: 'a container with no resources gets the LimitRange’s defaultRequest and default',
    objects: [memoryDefaults],
    pod: podManifest('default-mem-demo', [container('default-mem-demo-ctr')]),
    message: null,
    resources: [{ requests: { memory: '256Mi' }, limits: { memory: '512Mi' } }],
  },
  {
    // Same page, "What if you specify a container's limit, but not its request?": the request matches the
    // limit, because SetDefaults_Pod copies limits into missing requests before admission.
    name: 'a container with a limit only gets the limit as its request, not the defaultRequest',
    objects: [memoryDefaults],
    pod: podManifest('default-mem-demo-2', [container('ctr', { limits: { memory: '1Gi' } })]),
    message: null,
    resources: [{ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }],
  },
  {
    // Same page, "What if you specify a container's request, but not its limit?": the limit is the default.
    name: 'a container with a request only gets the default limit',
    objects: [memoryDefaults],
    pod: podManifest('default-mem-demo-3', [container('ctr', { requests: { memory: '128Mi' } })]),
    message: null,
    resources: [{ requests: { memory: '128Mi' }, limits: { memory: '512Mi' } }],
  },
  {
    // "Configure Default CPU Requests and Limits": a request above the default limit makes the Pod invalid
    // (validation.go ValidateResourceRequirements: "must be less than or equal to %s limit of %s").
    name: 'a request above the default limit makes the Pod invalid',
    objects: [
      limitRange('cpu-limit-range', { type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '500m' } }),
    ],
    pod: podManifest('default-cpu-demo-3', [container('ctr', { requests: { cpu: '1.5' } })]),
    message:
      'Pod "default-cpu-demo-3" is invalid: spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
  },
  {
    // "Configure Minimum and Maximum CPU Constraints for a Namespace", constraints-cpu-demo-2.
    name: 'a cpu limit above the Container max is refused',
    objects: [cpuMinMax],
    pod: podManifest('constraints-cpu-demo-2', [
      container('ctr', { limits: { cpu: '1.5' }, requests: { cpu: '500m' } }),
    ]),
    message: 'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
  },
  {
    // Same page, constraints-cpu-demo-3.
    name: 'a cpu request below the Container min is refused',
    objects: [cpuMinMax],
    pod: podManifest('constraints-cpu-demo-3', [
      container('ctr', { limits: { cpu: '800m' }, requests: { cpu: '100m' } }),
    ]),
    message: 'pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m',
  },
  {
    // SetDefaults_LimitRangeItem makes max the default limit and the default limit the default request.
    name: 'a container with no cpu gets the max as its limit and request, and is admitted',
    objects: [cpuMinMax],
    pod: podManifest('constraints-cpu-demo-4', [container('ctr')]),
    message: null,
    resources: [{ requests: { cpu: '800m' }, limits: { cpu: '800m' } }],
  },
  {
    // "Configure Minimum and Maximum Memory Constraints", constraints-mem-demo-2 (1.5Gi prints as 1536Mi).
    name: 'a memory limit above the max is refused, printed canonically',
    objects: [memMinMax],
    pod: podManifest('constraints-mem-demo-2', [
      container('ctr', { limits: { memory: '1.5Gi' }, requests: { memory: '800Mi' } }),
    ]),
    message:
      'pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi',
  },
  {
    // Several violations of one LimitRange: utilerrors.NewAggregate prints them in brackets.
    name: 'every violation of the refusing LimitRange is listed, min before max',
    objects: [limitRange('bounds', { type: 'Container', max: { cpu: '1', memory: '1Gi' }, min: { cpu: '100m' } })],
    pod: podManifest('big', [container('a', { requests: { cpu: '50m' }, limits: { cpu: '2', memory: '2Gi' } })]),
    message:
      'pods "big" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
  },
  {
    // admission.go limitRequestRatioConstraint; the ratio prints with six decimals (ratioString).
    name: 'a Container limit above maxLimitRequestRatio × request is refused with the ratio',
    objects: [limitRange('ratio', { type: 'Container', maxLimitRequestRatio: { memory: '2' } })],
    pod: podManifest('ratio-demo', [container('ctr', { requests: { memory: '100Mi' }, limits: { memory: '250Mi' } })]),
    message:
      'pods "ratio-demo" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 2.500000',
  },
  {
    // admission.go limitRequestRatioConstraint: "but no limit is specified or limit is 0".
    name: 'a ratio with no limit says so',
    objects: [limitRange('ratio', { type: 'Container', maxLimitRequestRatio: { cpu: '4' } })],
    pod: podManifest('no-limit', [container('ctr', { requests: { cpu: '100m' } })]),
    message:
      'pods "no-limit" is forbidden: cpu max limit to request ratio per Container is 4, but no limit is specified or limit is 0',
  },
  {
    // A Pod item sums the containers (podRequests/podLimits); the init container runs alone, so it counts only
    // when larger than the sum.
    name: 'a Pod max applies to the sum of the containers',
    objects: [limitRange('pod-max', { type: 'Pod', max: { cpu: '1' } })],
    pod: podManifest(
      'two',
      [container('a', { limits: { cpu: '600m' } }), container('b', { limits: { cpu: '600m' } })],
      { initContainers: [container('init', { limits: { cpu: '900m' } })] },
    ),
    message: 'pods "two" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m',
  },
  {
    // admission.go podLimits: a restartable init container adds to the containers' sum.
    name: 'a sidecar adds to the Pod sum',
    objects: [limitRange('pod-max', { type: 'Pod', max: { memory: '1Gi' } })],
    pod: podManifest('sidecar', [container('a', { limits: { memory: '768Mi' } })], {
      initContainers: [container('proxy', { limits: { memory: '512Mi' } }, { restartPolicy: 'Always' })],
    }),
    message: 'pods "sidecar" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi',
  },
  {
    // "Configure Memory and CPU Quotas for a Namespace", quota-mem-cpu-demo-2: the transcript's message.
    name: 'a Pod past a quota’s requests.memory is refused with requested, used and limited',
    objects: [
      memCpuQuota,
      podManifest('quota-mem-cpu-demo', [
        container('ctr', { limits: { memory: '800Mi', cpu: '800m' }, requests: { memory: '600Mi', cpu: '400m' } }),
      ]),
    ],
    pod: podManifest('quota-mem-cpu-demo-2', [
      container('ctr', { limits: { memory: '1Gi', cpu: '800m' }, requests: { memory: '700Mi', cpu: '400m' } }),
    ]),
    message:
      'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
  },
  {
    // pods.go Constraints: a quota on cpu or memory requires every container to state it.
    name: 'a container without the cpu and memory a quota tracks fails the quota',
    objects: [memCpuQuota],
    pod: podManifest('bare', [container('app'), container('log', { limits: { cpu: '100m', memory: '64Mi' } })]),
    message:
      'pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: app; limits.memory for: app; requests.cpu for: app; requests.memory for: app',
  },
  {
    // LimitRanger runs before ResourceQuota, so its defaults satisfy the quota's constraints.
    name: 'LimitRange defaults satisfy a quota that requires limits',
    objects: [
      limitRange('defaults', { type: 'Container', default: { cpu: '500m', memory: '256Mi' } }),
      resourceQuota('compute', { 'limits.cpu': '2', 'limits.memory': '1Gi' }),
    ],
    pod: podManifest('defaulted', [container('app')]),
    message: null,
    resources: [{ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } }],
  },
  {
    // "Configure a Pod Quota for a Namespace": pods: "2" and two running already.
    name: 'a pods count quota refuses the third Pod',
    objects: [
      resourceQuota('pod-demo', { pods: '2' }),
      podManifest('one', [container('c')]),
      podManifest('two', [container('c')]),
    ],
    pod: podManifest('three', [container('c')]),
    message: 'pods "three" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2',
  },
  {
    // PodUsageFunc: a Succeeded or Failed Pod is no longer charged for `pods`, but count/pods counts it.
    name: 'a finished Pod frees its `pods` but not its `count/pods`',
    objects: [
      resourceQuota('counts', { pods: '1', 'count/pods': '1' }),
      podManifest('done', [container('c')], { restartPolicy: 'Never' }, { phase: 'Succeeded' }),
    ],
    pod: podManifest('next', [container('c')]),
    message:
      'pods "next" is forbidden: exceeded quota: counts, requested: count/pods=1, used: count/pods=1, limited: count/pods=1',
  },
  {
    // Scopes: a BestEffort quota does not match a Pod with requests.
    name: 'a BestEffort quota does not charge a Pod that requests cpu',
    objects: [resourceQuota('best-effort', { pods: '0' }, { spec: { scopes: ['BestEffort'] } })],
    pod: podManifest('burstable', [container('c', { requests: { cpu: '100m' } })]),
    message: null,
  },
  {
    // pods.go podMatchesScopeFunc: BestEffort is qos.GetPodQOS; controller.go prettyPrint for the message.
    name: 'a BestEffort quota charges a Pod with no requests or limits',
    objects: [resourceQuota('best-effort', { pods: '0' }, { spec: { scopes: ['BestEffort'] } })],
    pod: podManifest('besteffort', [container('c')]),
    message:
      'pods "besteffort" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=0, limited: pods=0',
  },
  {
    // "Limit Priority Class consumption by default": a scopeSelector on PriorityClass In [high].
    name: 'a PriorityClass scope selector charges only Pods of that class',
    objects: [
      resourceQuota(
        'pods-high',
        { pods: '1' },
        {
          spec: {
            scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] },
          },
        },
      ),
      podManifest('high-1', [container('c')], { priorityClassName: 'high' }),
    ],
    pod: podManifest('high-2', [container('c')], { priorityClassName: 'high' }),
    message: 'pods "high-2" is forbidden: exceeded quota: pods-high, requested: pods=1, used: pods=1, limited: pods=1',
  },
  {
    // pods.go isTerminating: activeDeadlineSeconds set and at least 0.
    name: 'a Terminating quota ignores a Pod without activeDeadlineSeconds',
    objects: [resourceQuota('jobs', { pods: '0' }, { spec: { scopes: ['Terminating'] } })],
    pod: podManifest('server', [container('c')]),
    message: null,
  },
  {
    // pods.go podComputeUsageHelper: an extended resource is charged as requests.<name> (limits copied to requests by SetDefaults_Pod).
    name: 'extended resources are charged as requests.<name>',
    objects: [resourceQuota('gpus', { 'requests.nvidia.com/gpu': '1' })],
    pod: podManifest('trainer', [container('c', { limits: { 'nvidia.com/gpu': '2' } })]),
    message:
      'pods "trainer" is forbidden: exceeded quota: gpus, requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=0, limited: requests.nvidia.com/gpu=1',
  },
  {
    // A snapshot's status.used is what admission reads, even with no Pods given.
    name: 'a quota’s status.used is used as given',
    objects: [
      resourceQuota(
        'snap',
        { 'requests.cpu': '2' },
        { status: { hard: { 'requests.cpu': '2' }, used: { 'requests.cpu': '1800m' } } },
      ),
    ],
    pod: podManifest('web', [container('c', { requests: { cpu: '250m' } })]),
    message:
      'pods "web" is forbidden: exceeded quota: snap, requested: requests.cpu=250m, used: requests.cpu=1800m, limited: requests.cpu=2',
  },
  {
    // CheckRequest checks every matching quota's constraints before any quota's hard limits, so the second
    // quota's "must specify" wins over the first one's excess.
    name: 'a later quota’s missing limits refuse before an earlier quota’s excess',
    objects: [resourceQuota('pods', { pods: '0' }), resourceQuota('compute', { 'limits.memory': '1Gi' })],
    pod: podManifest('web', [container('app')]),
    message: 'pods "web" is forbidden: failed quota: compute: must specify limits.memory for: app',
  },
  {
    // controller.go hasUsageStats: a quota whose status lacks a tracked resource cannot be checked.
    name: 'a snapshot quota without usage for a tracked resource is "status unknown"',
    objects: [resourceQuota('snap', { pods: '5', 'requests.cpu': '2' }, { status: { used: { pods: '1' } } })],
    pod: podManifest('web', [container('c', { requests: { cpu: '100m' } })]),
    message: 'pods "web" is forbidden: status unknown for quota: snap, resources: requests.cpu',
  },
  {
    // resourcehelper.PodRequests adds the RuntimeClass overhead to the Pod's requests.
    name: 'a Pod’s overhead is charged with its requests',
    objects: [resourceQuota('cpu', { 'requests.cpu': '1' })],
    pod: podManifest('kata', [container('c', { requests: { cpu: '900m' } })], { overhead: { cpu: '250m' } }),
    message:
      'pods "kata" is forbidden: exceeded quota: cpu, requested: requests.cpu=1150m, used: requests.cpu=0, limited: requests.cpu=1',
  },
  {
    // pods.go podComputeUsageHelper: hugepages-<size> and requests.hugepages-<size>.
    name: 'hugepages are charged by name and as requests.hugepages-*',
    objects: [resourceQuota('huge', { 'requests.hugepages-2Mi': '64Mi' })],
    pod: podManifest('huge', [
      container('c', {
        requests: { 'hugepages-2Mi': '128Mi', memory: '128Mi' },
        limits: { 'hugepages-2Mi': '128Mi', memory: '128Mi' },
      }),
    ]),
    message:
      'pods "huge" is forbidden: exceeded quota: huge, requested: requests.hugepages-2Mi=128Mi, used: requests.hugepages-2Mi=0, limited: requests.hugepages-2Mi=64Mi',
  },
  {
    // pods.go podMatchesSelector: a label selector over {PriorityClass: name}, which NotIn matches when absent.
    name: 'a PriorityClass NotIn selector charges a Pod with no class',
    objects: [
      resourceQuota(
        'not-high',
        { pods: '0' },
        {
          spec: {
            scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }] },
          },
        },
      ),
    ],
    pod: podManifest('plain', [container('c')]),
    message: 'pods "plain" is forbidden: exceeded quota: not-high, requested: pods=1, used: pods=0, limited: pods=0',
  },
  {
    // pods.go usesCrossNamespacePodAffinity.
    name: 'a CrossNamespacePodAffinity quota charges a Pod whose affinity names namespaces',
    objects: [resourceQuota('xns', { pods: '0' }, { spec: { scopes: ['CrossNamespacePodAffinity'] } })],
    pod: podManifest('near', [container('c')], {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchLabels: { app: 'db' } },
              namespaces: ['data'],
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      },
    }),
    message: 'pods "near" is forbidden: exceeded quota: xns, requested: pods=1, used: pods=0, limited: pods=0',
  },
  {
    // PodValidateLimitFunc with PodLevelResources: pod-level limits replace the containers' sum.
    name: 'pod-level resources are what a Pod item checks',
    objects: [limitRange('pod-max', { type: 'Pod', max: { cpu: '1' } })],
    pod: podManifest('levels', [container('a'), container('b')], {
      resources: { requests: { cpu: '2' }, limits: { cpu: '2' } },
    }),
    message: 'pods "levels" is forbidden: maximum cpu usage per Pod is 1, but limit is 2',
  },
  {
    // runLimitFunc stops at the first LimitRange that refuses.
    name: 'only the first refusing LimitRange is reported',
    objects: [
      limitRange('first', { type: 'Container', max: { cpu: '1' } }),
      limitRange('second', { type: 'Container', max: { memory: '1Gi' } }),
    ],
    pod: podManifest('both', [container('c', { limits: { cpu: '2', memory: '2Gi' } })]),
    message: 'pods "both" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
  },
];

for (const c of cases)
  test(c.name, () => {
    const r = admissionFor(podOf(c.pod), clusterOf(...c.objects));
    expect(r.messages).toEqual(c.message === null ? [] : [c.message]);
    expect(r.allowed).toBe(c.message === null);
    if (c.resources) expect(r.pod.spec.containers.map((x) => x.resources)).toEqual(c.resources);
  });

test('quantities too far apart to add are refused as input, not computed without bound', () => {
  const cluster = clusterOf(
    resourceQuota('q', { 'requests.cpu': '1' }),
    podManifest('old', [container('c', { requests: { cpu: '1e2147483647' } })]),
  );
  expect(() => admissionFor(podOf(podManifest('new', [container('c', { requests: { cpu: '1n' } })])), cluster)).toThrow(
    /the quantities cannot be added up: quantity arithmetic out of range/,
  );
});

test('the annotation lists what LimitRanger set, per container (mergePodResourceRequirements)', () => {
  const r = admissionFor(
    podOf(podManifest('default-mem-demo', [container('default-mem-demo-ctr')])),
    clusterOf(memoryDefaults),
  );
  expect(r.pod.metadata.annotations[LIMIT_RANGER_ANNOTATION]).toBe(
    'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr',
  );
  expect(r.defaults).toEqual([
    {
      container: 'default-mem-demo-ctr',
      initContainer: false,
      field: 'requests',
      resource: 'memory',
      value: '256Mi',
      limitRange: 'mem-limit-range',
    },
    {
      container: 'default-mem-demo-ctr',
      initContainer: false,
      field: 'limits',
      resource: 'memory',
      value: '512Mi',
      limitRange: 'mem-limit-range',
    },
  ]);
});

// PrepareForCreate (pkg/registry/core/pod/strategy.go) sets the status whatever was sent: Pending, with the
// QoS class of the Pod as LimitRanger left it (ComputePodQOS, pkg/apis/core/v1/helper/qos/qos.go).
const qosCases: [name: string, objects: Fields[], resources: Record<string, Record<string, string>>, want: string][] = [
  ['no requests or limits is BestEffort', [], {}, 'BestEffort'],
  [
    'defaults making requests equal limits for cpu and memory is Guaranteed',
    [limitRange('d', { type: 'Container', default: { cpu: '1', memory: '1Gi' } })],
    {},
    'Guaranteed',
  ],
  ['a request below its limit is Burstable', [memoryDefaults], {}, 'Burstable'],
  ['limits for cpu only is Burstable', [], { limits: { cpu: '1' } }, 'Burstable'],
];

for (const [name, objects, resources, want] of qosCases)
  test(`the created Pod is Pending with its QoS class: ${name}`, () => {
    const given = podManifest('q', [container('c', resources)], {}, { phase: 'Running', podIP: '10.0.0.9' });
    const r = admissionFor(podOf(given), clusterOf(...objects));
    expect(r.pod.raw?.status).toEqual({ phase: 'Pending', qosClass: want });
    expect(r.pod.status).toEqual({ phase: 'Pending', podIPs: [], conditions: [] });
  });

test('init containers get defaults too, named as init containers in the annotation', () => {
  const r = admissionFor(
    podOf(
      podManifest('init', [container('app', { limits: { memory: '64Mi' } })], { initContainers: [container('setup')] }),
    ),
    clusterOf(memoryDefaults),
  );
  expect(r.pod.metadata.annotations[LIMIT_RANGER_ANNOTATION]).toBe(
    'LimitRanger plugin set: memory request for init container setup; memory limit for init container setup',
  );
  expect(r.pod.spec.initContainers[0].resources).toEqual({
    requests: { memory: '256Mi' },
    limits: { memory: '512Mi' },
  });
});

test('quota usage before and after is reported for every quota, matching or not', () => {
  const r = admissionFor(
    podOf(
      podManifest('web', [
        container('c', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } }),
      ]),
    ),
    clusterOf(
      resourceQuota('compute', { 'requests.cpu': '2', 'limits.memory': '1Gi', services: '5' }),
      resourceQuota('best-effort', { pods: '3' }, { spec: { scopes: ['BestEffort'] } }),
      podManifest('old', [
        container('c', { requests: { cpu: '1', memory: '64Mi' }, limits: { cpu: '1', memory: '512Mi' } }),
      ]),
    ),
  );
  expect(r.allowed).toBe(true);
  expect(r.quota).toEqual([
    {
      name: 'compute',
      namespace: 'shop',
      scopes: [],
      matches: true,
      usedFrom: 'pods',
      resources: [
        {
          resource: 'requests.cpu',
          hard: '2',
          usedBefore: '1',
          requested: '250m',
          usedAfter: '1250m',
          exceeded: false,
        },
        {
          resource: 'limits.memory',
          hard: '1Gi',
          usedBefore: '512Mi',
          requested: '128Mi',
          usedAfter: '640Mi',
          exceeded: false,
        },
      ],
    },
    {
      name: 'best-effort',
      namespace: 'shop',
      scopes: ['BestEffort Exists'],
      matches: false,
      usedFrom: 'pods',
      resources: [{ resource: 'pods', hard: '3', usedBefore: '0', requested: '0', usedAfter: '0', exceeded: false }],
    },
  ]);
});

test('the dry-run seam: Pods created earlier in the run count, and a controller’s Pod is named by its generateName', () => {
  const cluster = clusterOf(resourceQuota('pods', { pods: '2' }));
  const make = (name: string) => podOf(podManifest(name, [container('c')]));
  const first = admitPod(make('web-7d4b9c-aaaaa'), cluster);
  expect('pod' in first).toBe(true);
  const created = [make('web-7d4b9c-aaaaa'), make('web-7d4b9c-bbbbb')];
  expect(admitPod(make('web-7d4b9c-ccccc'), cluster, created, { generateName: 'web-7d4b9c-' })).toEqual({
    message: 'pods "web-7d4b9c-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2',
  });
});

// The dry-run appends each admitted Pod to the list it passes next; admission keeps a running sum of that
// list, which must count every Pod appended since, start over for another list, and see a list changed at its end.
test('the Pods created so far count as the list grows, and a list replaced is summed anew', () => {
  const cluster = clusterOf(
    resourceQuota('cpu', { 'requests.cpu': '1' }),
    podManifest('given', [container('c', { requests: { cpu: '200m' } })]),
  );
  const make = (name: string, cpu = '300m') => podOf(podManifest(name, [container('c', { requests: { cpu } })]));
  const used = (pod: ReturnType<typeof make>, created: readonly ReturnType<typeof make>[]) =>
    admissionFor(pod, cluster, created).quota[0].resources[0].usedBefore;
  const created: ReturnType<typeof make>[] = [];
  expect(used(make('a'), created)).toBe('200m');
  created.push(make('a'));
  expect(used(make('b'), created)).toBe('500m');
  created.push(make('b'), make('given', '100m'));
  // The created Pod named `given` stands for the given one: 300m + 300m + 100m, not the given 200m too.
  expect(used(make('c'), created)).toBe('700m');
  expect(admitPod(make('c', '301m'), cluster, created)).toEqual({
    message:
      'pods "c" is forbidden: exceeded quota: cpu, requested: requests.cpu=301m, used: requests.cpu=700m, limited: requests.cpu=1',
  });
  // Another list, and the same list with its last Pod replaced.
  expect(used(make('c'), [make('x', '50m')])).toBe('250m');
  created[created.length - 1] = make('z', '1m');
  expect(used(make('c'), created)).toBe('801m');
});

test('the explanation names each default, each LimitRange and each quota, in English and Korean', () => {
  const r = admissionFor(
    podOf(podManifest('p', [container('c')])),
    clusterOf(memoryDefaults, resourceQuota('q', { 'limits.memory': '256Mi' })),
  );
  expect(r.allowed).toBe(false);
  expect(r.explanation.steps.map((s) => s.rule)).toEqual([
    'limitrange-default',
    'limitrange-default',
    'limitrange-bounds',
    'resourcequota-charge',
  ]);
  expect(r.explanation.summary.en).toContain('exceeded quota: q');
  expect(r.explanation.summary.ko).toContain('거부');
});
