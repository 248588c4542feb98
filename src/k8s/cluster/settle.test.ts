// The controllers, scheduling and kubelet stages, through clusterApply: what a cluster holds a few
// seconds after `kubectl apply -f` of manifests as people write them.
import { parseObjects } from '../objects';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { clusterConfig } from './config';
import { settle } from './settle';
import { daemonSet, deployment, find, job, names, node, service, statefulSet } from './testkit';

type Obj = Record<string, unknown>;
const labels = (o: { metadata: Obj } | undefined) => (o?.metadata.labels ?? {}) as Record<string, string>;

test('a StatefulSet makes ordinal Pods with hostname, subdomain and the controller’s labels', () => {
  const r = clusterApply(
    deepFreeze([service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 3, 'db')]),
  );
  expect(names(r.objects, 'Pod')).toEqual(['db-0', 'db-1', 'db-2']);
  const pod = find(r.objects, 'Pod', 'db-1')!;
  expect(pod.spec).toMatchObject({ hostname: 'db-1', subdomain: 'db' });
  expect(labels(pod as never)).toMatchObject({
    app: 'db',
    'apps.kubernetes.io/pod-index': '1',
    'statefulset.kubernetes.io/pod-name': 'db-1',
  });
  expect(labels(pod as never)['controller-revision-hash']).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
});

test('a Deployment makes a ReplicaSet <name>-<pod-template-hash> and its Pods <replicaset>-<suffix>', () => {
  const r = clusterApply(deepFreeze([deployment('web', 2)]));
  const [rs] = names(r.objects, 'ReplicaSet');
  expect(rs).toMatch(/^web-[4-9bcdf]+$/);
  const pods = names(r.objects, 'Pod');
  expect(pods).toHaveLength(2);
  for (const p of pods) expect(p).toMatch(new RegExp(`^${rs}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  const pod = find(r.objects, 'Pod', pods[0])!;
  expect(labels(pod as never)['pod-template-hash']).toBe(rs.slice(4));
  expect((pod.metadata as Obj).ownerReferences).toEqual([
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, controller: true, blockOwnerDeletion: true },
  ]);
  expect(find(r.objects, 'Deployment', 'web')!.spec).toMatchObject({
    replicas: 2,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
  expect(r.events).toContainEqual({
    object: 'Deployment/default/web',
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${rs} to 2`,
  });
});

test('Pods are scheduled, get IPs from their Node’s /24 and turn Ready', () => {
  const r = clusterApply(deepFreeze([deployment('web', 3)]));
  const pods = names(r.objects, 'Pod').map((n) => find(r.objects, 'Pod', n)!);
  const nodes = pods.map((p) => (p.spec as { nodeName: string }).nodeName);
  expect(new Set(nodes)).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  for (const p of pods) {
    const st = p.status as {
      phase: string;
      podIP: string;
      hostIP: string;
      conditions: { type: string; status: string }[];
    };
    const i = Number((p.spec as { nodeName: string }).nodeName.slice(5)) - 1;
    expect(st.phase).toBe('Running');
    expect(st.podIP).toBe(`10.244.${i}.2`);
    expect(st.hostIP).toBe(`192.168.0.${11 + i}`);
    expect(st.conditions).toContainEqual({ type: 'Ready', status: 'True' });
  }
  expect(r.events.filter((e) => e.reason === 'Scheduled')).toHaveLength(3);
});

test('a Pod that fits no Node stays Pending with the scheduler’s FailedScheduling message, in its event and its PodScheduled condition', () => {
  const big = deployment('big', 1, {
    template: {
      metadata: { labels: { app: 'big' } },
      spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '64' } } }] },
    },
  });
  const r = clusterApply(deepFreeze([big]));
  const pod = find(r.objects, 'Pod', names(r.objects, 'Pod')[0])!;
  expect((pod.status as { phase: string }).phase).toBe('Pending');
  const failed = r.events.find((e) => e.reason === 'FailedScheduling')!;
  expect(failed.type).toBe('Warning');
  expect(failed.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
  // schedule_one.go handleSchedulingFailure: PodScheduled False, reason v1.PodReasonUnschedulable, the fit error's message.
  expect((pod.status as { conditions: unknown }).conditions).toEqual([
    { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: failed.message },
  ]);
});

test('a DaemonSet makes one Pod per Node it tolerates, pinned by node affinity', () => {
  const tainted = node('gpu', { taints: [{ key: 'gpu', effect: 'NoSchedule' }] });
  const r = clusterApply(deepFreeze([node('a'), tainted, daemonSet('agent')]));
  const pods = names(r.objects, 'Pod').map((n) => find(r.objects, 'Pod', n)!);
  expect(pods.map((p) => (p.spec as { nodeName: string }).nodeName)).toEqual(['a']);
  expect(JSON.stringify(pods[0].spec)).toContain(
    '"matchFields":[{"key":"metadata.name","operator":"In","values":["a"]}]',
  );
  expect((pods[0].spec as { tolerations: { key: string }[] }).tolerations.map((t) => t.key)).toContain(
    'node.kubernetes.io/not-ready',
  );
});

test('a Job makes min(parallelism, completions) Pods; an Indexed one names them by index', () => {
  const r = clusterApply(deepFreeze([job('batch', { parallelism: 2, completions: 5, completionMode: 'Indexed' })]));
  const pods = names(r.objects, 'Pod');
  expect(pods).toHaveLength(2);
  expect(pods[0]).toMatch(/^batch-0-[a-z0-9]{5}$/);
  expect(labels(find(r.objects, 'Pod', pods[1]) as never)['batch.kubernetes.io/job-completion-index']).toBe('1');
});

const generateNames = (objects: Obj[]) =>
  names(objects, 'Pod').map((n) => [n, (find(objects, 'Pod', n)!.metadata as Obj).generateName]);

// Each controller's generateName, which metadata keeps: controller_utils.go getPodsPrefix (`<owner>-`, for
// the ReplicaSet, DaemonSet and a NonIndexed Job's CreatePods), indexed_job_utils.go podGenerateNameWithIndex.
test.each([
  ['a ReplicaSet’s Pods: <replicaset>-', [deployment('web', 2)], (pod: string) => pod.slice(0, -5), /^web-\w+-$/],
  ['a DaemonSet’s Pods: <daemonset>-', [daemonSet('agent')], () => 'agent-', /^agent-$/],
  ['a NonIndexed Job’s Pods: <job>-', [job('batch', { parallelism: 2 })], () => 'batch-', /^batch-$/],
  [
    'an Indexed Job’s Pods: <job>-<index>-',
    [job('batch', { parallelism: 2, completions: 2, completionMode: 'Indexed' })],
    (pod: string) => `batch-${pod.split('-')[1]}-`,
    /^batch-[01]-$/,
  ],
])('generateName: %s, and the name is the prefix and five characters', (_, objects, prefix, shape) => {
  const got = generateNames(clusterApply(deepFreeze(objects), { nodes: 2 }).objects);
  expect(got.length).toBeGreaterThan(0);
  for (const [name, generateName] of got) {
    expect(generateName).toBe(prefix(name as string));
    expect(generateName).toMatch(shape);
    expect((name as string).length).toBe((generateName as string).length + 5);
  }
});

test('a StatefulSet’s Pods have no generateName: the controller names them in full', () => {
  const got = generateNames(clusterApply(deepFreeze([statefulSet('db', 2, 'db')])).objects);
  expect(got).toEqual([
    ['db-0', undefined],
    ['db-1', undefined],
  ]);
});

test('a Job without a restartPolicy is refused with the batch validation message', () => {
  const r = clusterApply(deepFreeze([job('j', {}, {})]));
  expect(r.rejected).toEqual([
    {
      object: 'Job/default/j',
      message:
        'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    },
  ]);
});

test('a Deployment whose selector does not match its template is refused', () => {
  const d = deployment('web', 1, { selector: { matchLabels: { app: 'other' } } });
  expect(clusterApply(deepFreeze([d])).rejected[0].message).toBe(
    'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  );
});

test('a CronJob is explained, not run', () => {
  const cron = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'x' }] } } },
      },
    },
  };
  const r = clusterApply(deepFreeze([cron]));
  expect(names(r.objects, 'Pod')).toEqual([]);
  expect(r.explanation.steps.some((s) => s.text.en.includes('does not run schedules'))).toBe(true);
});

test('a typo’d kind is refused with a did-you-mean', () => {
  const r = clusterApply(deepFreeze([{ apiVersion: 'v1', kind: 'Servcie', metadata: { name: 'web' }, spec: {} }]));
  expect(r.rejected).toEqual([
    {
      object: 'Servcie/default/web',
      message: 'no matches for kind "Servcie" in version "v1"; did you mean "Service"?',
    },
  ]);
});

test('a readiness probe on a port no container declares keeps the Pod from Ready, and says so', () => {
  const d = deployment('web', 1, {
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'a', image: 'x', readinessProbe: { httpGet: { port: 'health' } } }] },
    },
  });
  const r = clusterApply(deepFreeze([d]));
  const pod = find(r.objects, 'Pod', names(r.objects, 'Pod')[0])!;
  expect((pod.status as { conditions: unknown[] }).conditions).toContainEqual({
    type: 'Ready',
    status: 'False',
    reason: 'ContainersNotReady',
    message: 'containers with unready status: [a]',
  });
  expect(r.warnings.join('\n')).toContain('readiness probe targets port "health"');
});

test('hostNetwork Pods take their Node’s IP', () => {
  const d = daemonSet('net', { hostNetwork: true });
  const r = clusterApply(deepFreeze([d]));
  const ips = names(r.objects, 'Pod').map((n) => (find(r.objects, 'Pod', n)!.status as { podIP: string }).podIP);
  expect(ips).toEqual(['192.168.0.11', '192.168.0.12', '192.168.0.13']);
});

test('observe mode keeps a snapshot exactly: a Service with an IP outside the CIDR and a Pod with a status', () => {
  const input = parseObjects(
    deepFreeze([
      service('web', { clusterIP: '10.0.0.10', selector: { app: 'web' } }),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { app: 'web' } },
        spec: { containers: [{ name: 'a', image: 'x' }] },
        status: { podIP: '10.1.2.3', phase: 'Running' },
      },
    ]),
  );
  const s = settle(input, clusterConfig(), { mode: 'observe' });
  expect(s.cluster.services.find((x) => x.metadata.name === 'web')).toBe(input.services[0]);
  expect(s.cluster.pods).toEqual([input.pods[0]]);
  expect(s.log.rejected).toEqual([]);
});

test('a Service whose selector matches no Pod, and a StatefulSet without its Service, are warned about', () => {
  const r = clusterApply(deepFreeze([service('web', { selector: { app: 'wbe' } }), statefulSet('db', 1, 'db')]));
  expect(r.warnings).toEqual([
    'Service/default/web: its selector app=wbe matches no Pod in namespace default, so its EndpointSlice has no endpoints',
    'StatefulSet/default/db: serviceName "db" names no Service in namespace default, so its Pods get no DNS names of their own; add a headless Service (clusterIP: None) of that name',
  ]);
});

test('600 Pods all go through the scheduler profile: every one is placed, no Node past its 110 Pods', () => {
  const r = clusterApply(deepFreeze([deployment('big', 600)]), { nodes: 6 });
  const perNode = new Map<string, number>();
  for (const n of names(r.objects, 'Pod')) {
    const on = (find(r.objects, 'Pod', n)!.spec as { nodeName: string }).nodeName;
    perNode.set(on, (perNode.get(on) ?? 0) + 1);
  }
  expect([...perNode.values()].reduce((a, b) => a + b)).toBe(600);
  expect(Math.max(...perNode.values())).toBeLessThanOrEqual(110);
  expect(r.events.filter((e) => e.reason === 'Scheduled')).toHaveLength(600);
});

test('past each Node’s Pod capacity the rest stay Pending with the scheduler’s FailedScheduling message', () => {
  const r = clusterApply(deepFreeze([deployment('big', 600)]));
  const failed = r.events.filter((e) => e.reason === 'FailedScheduling');
  expect(failed).toHaveLength(600 - 3 * 110);
  expect(failed[0].message).toBe(
    '0/3 nodes are available: 3 Too many pods. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
  );
});

// The admission stage is src/k8s/admission's: a quota that has no room turns the controller's create into
// its FailedCreate event with the API server's message (messages: replica_set.go's "Error creating: %v",
// stateful_pod_control.go's recordPodEvent "create Pod %s in StatefulSet %s failed error: %s").
test('a Pod a quota refuses is its controller’s FailedCreate, and is not created', () => {
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '2' } } };
  const r = clusterApply(deepFreeze([quota, deployment('web', 3)]));
  const [rs] = names(r.objects, 'ReplicaSet');
  expect(names(r.objects, 'Pod')).toHaveLength(2);
  expect(r.events.filter((e) => e.reason === 'FailedCreate')).toEqual([
    {
      object: `ReplicaSet/default/${rs}`,
      type: 'Warning',
      reason: 'FailedCreate',
      message: `Error creating: pods "${rs}-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2`,
    },
  ]);
  expect(r.rejected).toEqual([]);

  const s = clusterApply(deepFreeze([quota, statefulSet('db', 3, 'db')]));
  expect(names(s.objects, 'Pod')).toEqual(['db-0', 'db-1']);
  expect(s.events.filter((e) => e.object === 'StatefulSet/default/db').map((e) => [e.reason, e.message])).toEqual([
    ['SuccessfulCreate', 'create Pod db-0 in StatefulSet db successful'],
    ['SuccessfulCreate', 'create Pod db-1 in StatefulSet db successful'],
    [
      'FailedCreate',
      'create Pod db-2 in StatefulSet db failed error: pods "db-2" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2',
    ],
  ]);
});

test('a Deployment’s replicas are spread by their ReplicaSet’s selector, with or without a Service (DefaultSelector)', () => {
  const sized = (name: string, cpu: string, memory: string) => {
    const n = node(name) as { status: { capacity: Record<string, string> } };
    return { ...n, status: { ...n.status, capacity: { cpu, memory, pods: '110' } } };
  };
  const nodes = [sized('big', '64', '256Gi'), sized('small-1', '4', '8Gi'), sized('small-2', '4', '8Gi')];
  const requests = { cpu: '100m', memory: '128Mi' };
  const web = deployment('web', 6, {
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests } }] },
    },
  });
  const placements = (objects: Record<string, unknown>[]) => {
    const r = clusterApply(deepFreeze(objects));
    return names(r.objects, 'Pod').map((n) => (find(r.objects, 'Pod', n)!.spec as { nodeName: string }).nodeName);
  };
  const alone = placements([...nodes, web]);
  // The big Node scores highest for every replica on resources alone; the default constraints
  // (maxSkew 3 per hostname, ScheduleAnyway) score the replicas' spread, counting by the ReplicaSet.
  expect(new Set(alone).size).toBeGreaterThan(1);
  expect(alone).toEqual(placements([...nodes, web, service('web', { selector: { app: 'web' } })]));
});

// Valid names the controllers build longer names from. What a real cluster does: the workload is
// accepted, and the controller fails to create what the API server would refuse, with a Warning on the
// owner; the request never fails at a path under `created`, and the other objects go on.
const named = (o: Obj, name: string): Obj => ({ ...o, metadata: { ...(o.metadata as Obj), name } });
const warnings = (r: ReturnType<typeof clusterApply>) => r.events.filter((e) => e.type === 'Warning');

const longNames: {
  name: string;
  objects: Obj[];
  pods: (n: string[]) => void;
  warn: { object: string; reason: string; message: RegExp }[];
  rejected?: RegExp;
}[] = [
  {
    // SimpleNameGenerator (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go): at most 58 characters of the prefix.
    name: 'a 240-character Deployment: its ReplicaSet (251) is made, its Pods’ generated names keep 58 characters of the prefix',
    objects: [named(deployment('web', 2), 'a'.repeat(240))],
    pods: (n) => {
      expect(n).toHaveLength(2);
      for (const p of n) expect(p).toMatch(new RegExp(`^a{58}[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    },
    warn: [],
  },
  {
    // getNewReplicaSet (pkg/controller/deployment/sync.go): FailedRSCreateReason, "Failed to create new replica set %q: %v".
    name: 'a 253-character Deployment: the ReplicaSet name passes 253, ReplicaSetCreateError on the Deployment, no Pods',
    objects: [named(deployment('web', 2), 'a'.repeat(253)), deployment('ok', 1)],
    pods: (n) => expect(n.filter((p) => p.startsWith('a'))).toEqual([]),
    warn: [
      {
        object: `Deployment/default/${'a'.repeat(253)}`,
        reason: 'ReplicaSetCreateError',
        message:
          /^Failed to create new replica set "a{253}-\w+": ReplicaSet\.apps "a{253}-\w+" is invalid: metadata\.name: Invalid value: "a{253}-\w+": must be no more than 253 characters$/,
      },
    ],
  },
  {
    name: 'a 253-character StatefulSet: its ControllerRevision is refused, FailedCreate on the set, no Pods',
    objects: [named(statefulSet('db', 1, 'db'), 's'.repeat(253))],
    pods: (n) => expect(n).toEqual([]),
    warn: [
      {
        object: `StatefulSet/default/${'s'.repeat(253)}`,
        reason: 'FailedCreate',
        message:
          /^create ControllerRevision s{253}-\w+ failed error: ControllerRevision\.apps "s{253}-\w+" is invalid: metadata\.name: Invalid value: "s{253}-\w+": must be no more than 253 characters$/,
      },
    ],
  },
  {
    // newVersionedStatefulSetPod's labels are label values (≤ 63); recordPodEvent (stateful_pod_control.go) words the failure.
    name: 'a 60-character StatefulSet: controller-revision-hash <set>-<hash> passes 63, FailedCreate for the Pod in place of its create',
    objects: [named(statefulSet('db', 1, 'db'), 's'.repeat(60))],
    pods: (n) => expect(n).toEqual([]),
    warn: [
      {
        object: `StatefulSet/default/${'s'.repeat(60)}`,
        reason: 'FailedCreate',
        message:
          /^create Pod s{60}-0 in StatefulSet s{60} failed error: Pod "s{60}-0" is invalid: metadata\.labels\["controller-revision-hash"\]: Invalid value: "s{60}-\w+": must be no more than 63 characters/,
      },
    ],
  },
  {
    name: 'a 253-character DaemonSet: its ControllerRevision is refused, FailedCreate on the set, no Pods',
    objects: [named(daemonSet('agent'), 'd'.repeat(253))],
    pods: (n) => expect(n).toEqual([]),
    warn: [
      {
        object: `DaemonSet/kube-system/${'d'.repeat(253)}`,
        reason: 'FailedCreate',
        message: /^create ControllerRevision d{253}-\w+ failed error: /,
      },
    ],
  },
  {
    // The Job strategy's job-name labels are validated with the template (ValidatePodTemplateSpec → ValidateLabels).
    name: 'a 64-character Job is refused for its job-name labels, the others go on',
    objects: [named(job('batch', {}), 'j'.repeat(64)), deployment('ok', 1)],
    pods: (n) => expect(n.filter((p) => p.startsWith('j'))).toEqual([]),
    warn: [],
    // job-name and batch.kubernetes.io/job-name fail alike at spec.template.labels (ValidatePodTemplateSpec
    // validates the labels at fldPath.Child("labels")); ToAggregate drops the repeated message.
    rejected:
      /^Job\.batch "j{64}" is invalid: spec\.template\.labels: Invalid value: "j{64}": must be no more than 63 characters$/,
  },
];

for (const c of longNames)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects));
    c.pods(names(r.objects, 'Pod'));
    expect(warnings(r).map((w) => w.object)).toEqual(c.warn.map((w) => w.object));
    warnings(r).forEach((w, i) => {
      expect(w.reason).toBe(c.warn[i].reason);
      expect(w.message).toMatch(c.warn[i].message);
    });
    if (c.rejected) expect(r.rejected.map((x) => x.message)).toEqual([expect.stringMatching(c.rejected)]);
    else expect(r.rejected).toEqual([]);
    // The other objects go on.
    if (c.objects.some((o) => (o.metadata as Obj).name === 'ok'))
      expect(names(r.objects, 'Pod').some((p) => p.startsWith('ok-'))).toBe(true);
    // Nothing announced as created that was not.
    for (const e of r.events.filter((x) => x.reason === 'SuccessfulCreate'))
      expect(names(r.objects, 'Pod').some((p) => e.message.includes(p))).toBe(true);
  });
