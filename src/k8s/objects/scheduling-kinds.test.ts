// The scheduling fields of Pods and the storage and priority kinds: defaults as the API server sets them,
// and validation problems worded as kube-apiserver words them (pkg/apis/core/validation, storage, scheduling).
import { problemsOf } from '../testing/builders';
import { parseObjects } from './index';

const podWith = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});

const required = (terms: unknown[]) => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('scheduling fields of a Pod', () => {
  test('defaults: default-scheduler, no gates, no volumes, no spread constraints', () => {
    const [p] = parseObjects([podWith({})]).pods;
    expect(p.spec).toMatchObject({
      schedulerName: 'default-scheduler',
      schedulingGates: [],
      volumes: [],
      topologySpreadConstraints: [],
    });
    expect(p.spec.affinity).toBeUndefined();
  });

  test('a container limit without a request becomes the request (SetDefaults_Pod), for Pods only', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '200m' } } },
      ],
      initContainers: [{ name: 'init', image: 'busybox', resources: { limits: { memory: '64Mi' } } }],
    };
    const c = parseObjects([
      podWith(spec),
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec } },
      },
    ]);
    expect(c.pods[0].spec.containers[0].resources.requests).toEqual({ cpu: '200m', memory: '1Gi' });
    expect(c.pods[0].spec.initContainers[0].resources.requests).toEqual({ memory: '64Mi' });
    expect(c.statefulSets[0].spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '200m' });
  });

  test('with hostNetwork a container port gets its containerPort as hostPort (SetDefaults_PodSpec)', () => {
    const [p] = parseObjects([
      podWith({ hostNetwork: true, containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 8080 }] }] }),
    ]).pods;
    expect(p.spec.containers[0].ports[0]).toMatchObject({ containerPort: 8080, hostPort: 8080 });
  });

  test('affinity, spread constraints, priority, overhead and volumes are read typed', () => {
    const [p] = parseObjects([
      podWith({
        affinity: {
          ...required([
            {
              matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
              matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
            },
          ]),
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                podAffinityTerm: {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: { app: 'web' } },
                },
              },
            ],
          },
        },
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3 },
        ],
        priorityClassName: 'high',
        preemptionPolicy: 'Never',
        overhead: { cpu: '250m' },
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'disk', rbd: { monitors: ['m'], image: 'i' } },
        ],
      }),
    ]).pods;
    expect(
      p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchFields,
    ).toEqual([{ key: 'metadata.name', operator: 'In', values: ['n1'] }]);
    expect(p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({
      weight: 10,
      podAffinityTerm: {
        topologyKey: 'kubernetes.io/hostname',
        namespaces: [],
        labelSelector: { matchLabels: { app: 'web' }, matchExpressions: [] },
      },
    });
    expect(p.spec.topologySpreadConstraints[0]).toEqual({
      maxSkew: 1,
      topologyKey: 'zone',
      whenUnsatisfiable: 'DoNotSchedule',
      minDomains: 3,
      matchLabelKeys: [],
    });
    expect(p.spec).toMatchObject({ priorityClassName: 'high', preemptionPolicy: 'Never', overhead: { cpu: '250m' } });
    expect(p.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: false } },
      { name: 'disk', rbd: { monitors: ['m'], pool: 'rbd', image: 'i', readOnly: false } },
    ]);
  });

  const cases: { name: string; spec: Record<string, unknown>; want: string[] }[] = [
    {
      name: 'required node affinity needs a term, and In needs values',
      spec: {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
      },
      want: [
        'FIELD_REQUIRED objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
      ],
    },
    {
      name: 'node selector operators: values rules per operator, and unknown operators',
      spec: {
        affinity: required([
          {
            matchExpressions: [
              { key: 'a', operator: 'In' },
              { key: 'b', operator: 'Exists', values: ['x'] },
              { key: 'c', operator: 'Gt', values: ['1', '2'] },
              { key: 'd', operator: 'Near', values: ['x'] },
            ],
          },
        ]),
      },
      want: [
        "FIELD_REQUIRED objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "FIELD_INVALID objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        "FIELD_REQUIRED objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
        'FIELD_INVALID objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].operator: not a valid selector operator',
      ],
    },
    {
      name: 'matchFields takes metadata.name only, with In or NotIn and one value',
      spec: { affinity: required([{ matchFields: [{ key: 'metadata.labels', operator: 'Exists' }] }]) },
      want: [
        'FIELD_INVALID objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator: not a valid selector operator',
        'FIELD_INVALID objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: not a valid field selector key',
      ],
    },
    {
      name: 'preferred weights are 1 to 100',
      spec: {
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] },
        },
      },
      want: [
        'FIELD_INVALID objects[0].spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: must be in the range 1-100',
      ],
    },
    {
      name: 'a pod affinity term needs a topologyKey',
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }],
          },
        },
      },
      want: [
        'FIELD_REQUIRED objects[0].spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      ],
    },
    {
      name: 'spread constraints: positive maxSkew, a known action, minDomains only with DoNotSchedule, no repeated pair',
      spec: {
        topologySpreadConstraints: [
          { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' },
          { maxSkew: 1, topologyKey: 'host', whenUnsatisfiable: 'Sometimes' },
        ],
      },
      want: [
        'FIELD_INVALID objects[0].spec.topologySpreadConstraints[0].maxSkew: must be greater than zero',
        'FIELD_INVALID objects[0].spec.topologySpreadConstraints[0].minDomains: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
        'FIELD_NOT_SUPPORTED objects[0].spec.topologySpreadConstraints[2].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"',
        'FIELD_INVALID objects[0].spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}"',
      ],
    },
    {
      name: 'volumes need unique names and a claim name',
      spec: {
        volumes: [
          { name: 'a', persistentVolumeClaim: {} },
          { name: 'a', emptyDir: {} },
        ],
      },
      want: [
        'FIELD_REQUIRED objects[0].spec.volumes[0].persistentVolumeClaim.claimName: Required value',
        'FIELD_INVALID objects[0].spec.volumes[1].name: Duplicate value: "a"',
      ],
    },
    {
      name: 'preemptionPolicy is PreemptLowerPriority or Never',
      spec: { preemptionPolicy: 'Always' },
      want: [
        'FIELD_NOT_SUPPORTED objects[0].spec.preemptionPolicy: Unsupported value: "Always": supported values: "Never", "PreemptLowerPriority"',
      ],
    },
  ];
  for (const c of cases) test(c.name, () => expect(problemsOf([podWith(c.spec)])).toEqual(c.want));
});

describe('storage and priority kinds', () => {
  test('defaults: Filesystem volumes, Immediate binding, PreemptLowerPriority, phases from binding', () => {
    const c = parseObjects([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv' },
        spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv' },
      },
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'std' },
        provisioner: 'ebs.csi.aws.com',
      },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
    ]);
    expect(c.persistentVolumes[0]).toMatchObject({
      metadata: { namespace: '' },
      spec: { volumeMode: 'Filesystem', storageClassName: '' },
      status: { phase: 'Available' },
    });
    expect(c.persistentVolumeClaims[0]).toMatchObject({
      metadata: { namespace: 'default' },
      spec: { volumeName: 'pv' },
      status: { phase: 'Bound' },
    });
    expect(c.persistentVolumeClaims[0].spec.storageClassName).toBeUndefined();
    expect(c.storageClasses[0]).toMatchObject({ volumeBindingMode: 'Immediate', allowedTopologies: [] });
    expect(c.priorityClasses[0]).toMatchObject({
      value: 1000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  test('their problems, as the API server words them', () => {
    expect(
      problemsOf([
        {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: 'pv', namespace: 'x' },
          spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] },
        },
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {} },
        { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, volumeBindingMode: 'Later' },
        {
          apiVersion: 'scheduling.k8s.io/v1',
          kind: 'PriorityClass',
          metadata: { name: 'system-mine' },
          value: 2000000000,
        },
      ]),
    ).toEqual([
      'FIELD_INVALID objects[0].metadata.namespace: not allowed on this type',
      'FIELD_REQUIRED objects[0].spec.capacity: Required value',
      'FIELD_INVALID objects[0].spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      'FIELD_REQUIRED objects[1].spec.resources.requests["storage"]: Required value',
      'FIELD_REQUIRED objects[1].spec.accessModes: Required value: at least 1 access mode is required',
      'FIELD_REQUIRED objects[2].provisioner: Required value',
      'FIELD_NOT_SUPPORTED objects[2].volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
      "FIELD_INVALID objects[3].metadata.name: Forbidden: priority class names with 'system-' prefix are reserved",
      'FIELD_INVALID objects[3].value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
  });
});
