// What POST /v1/cluster/apply answers besides the objects it was given: the EndpointSlices the
// EndpointSlice controller writes (the same as POST /v1/endpointslices gives), warnings for what a
// cluster would show only in events (Pods left Pending, workloads short of their replicas), and a
// summary that counts them.
import { deepFreeze } from '../testing/builders';
import { endpointSlices } from '../index';
import { parseObjects } from '../objects';
import { clusterApply } from './apply';
import { deployment, names, service, statefulSet } from './testkit';

type Obj = Record<string, unknown>;
const namespace = (name: string): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const headless = (ns: string) =>
  service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] }, ns);
// A claim no PersistentVolume or StorageClass binds: kube-scheduler's VolumeBinding keeps the Pod Pending.
const claiming = (sts: Obj): Obj => ({
  ...sts,
  spec: {
    ...(sts.spec as Obj),
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});
const tooBig = (d: Obj): Obj => {
  const spec = d.spec as { template: { spec: { containers: Obj[] } } };
  const containers = spec.template.spec.containers.map((c) => ({ ...c, resources: { requests: { cpu: '64' } } }));
  return { ...d, spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, containers } } } };
};
const UNBOUND = '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims';

interface Case {
  name: string;
  objects: Obj[];
  /** The EndpointSlices the answer adds, as `name: endpoints`. */
  slices: string[];
  warnings: string[];
  summary: string;
}

const cases: Case[] = [
  {
    name: 'a headless Service and its StatefulSet: the Service’s EndpointSlice lists the 3 Pods, counted among the created',
    objects: [namespace('data'), headless('data'), statefulSet('db', 3, 'db', 'data')],
    slices: ['data/db-: 3'],
    warnings: [],
    summary: "18 object(s) after settling (5 created by controllers, 10 the cluster's own), 3 Pod(s), 0 refused.",
  },
  {
    name: 'objects in a namespace nothing creates: the summary counts the warnings and names the namespace',
    objects: [headless('data'), statefulSet('db', 3, 'db', 'data')],
    slices: ['data/db-: 3'],
    warnings: ['Service/data/db: namespaces "data" not found', 'StatefulSet/data/db: namespaces "data" not found'],
    summary:
      '17 object(s) after settling (5 created by controllers, 10 the cluster\'s own), 3 Pod(s), 0 refused, 2 warning(s): namespace "data" is not among the objects: this dry-run assumes it exists (a cluster without it would refuse 2 of the objects).',
  },
  {
    name: 'a StatefulSet whose claim stays unbound: db-0 Pending and OrderedReady stopped at ordinal 0 are warnings',
    objects: [headless('default'), claiming(statefulSet('db', 3, 'db'))],
    slices: ['default/db-: 0'],
    warnings: [
      `Pod/default/db-0: Pending: FailedScheduling: ${UNBOUND}.`,
      `StatefulSet/default/db: 1 of 3 replicas created, 0 ready: podManagementPolicy OrderedReady stopped at ordinal 0: db-1 is created only once db-0 is Running and Ready, and db-0 is Pending (${UNBOUND})`,
    ],
    summary:
      "16 object(s) after settling (4 created by controllers, 10 the cluster's own), 1 Pod(s) (1 Pending), 0 refused, 2 warning(s).",
  },
  {
    name: 'a Deployment whose Pods fit no Node: each Pod Pending, and the Deployment 0 of 2 ready',
    objects: [service('web', { selector: { app: 'web' } }), tooBig(deployment('web', 2))],
    slices: ['default/web-: 0'],
    warnings: [
      'Pod/default/web-',
      'Pod/default/web-',
      'Deployment/default/web: 2 of 2 replicas created, 0 ready: web-',
    ],
    summary:
      "16 object(s) after settling (4 created by controllers, 10 the cluster's own), 2 Pod(s) (2 Pending), 0 refused, 3 warning(s).",
  },
];

const sliceSummary = (objects: Obj[]) =>
  (objects as { kind: string; metadata: Obj; endpoints: unknown[] }[])
    .filter((o) => o.kind === 'EndpointSlice' && o.metadata.name !== 'kubernetes')
    .map((o) => `${o.metadata.namespace as string}/${(o.metadata.name as string).slice(0, -5)}: ${o.endpoints.length}`);

for (const c of cases)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects));
    expect(sliceSummary(r.objects)).toEqual(c.slices);
    expect(r.warnings).toHaveLength(c.warnings.length);
    r.warnings.forEach((w, i) => expect(w.startsWith(c.warnings[i])).toBe(true));
    expect(r.explanation.summary.en).toBe(c.summary);
  });

test('the EndpointSlices are those POST /v1/endpointslices gives for the same manifests, byte for byte', () => {
  const objects = deepFreeze([namespace('data'), headless('data'), statefulSet('db', 3, 'db', 'data')]);
  const applied = clusterApply(objects).objects.filter((o) => o.kind === 'EndpointSlice');
  const computed = endpointSlices(parseObjects(objects), {}).endpointSlices;
  expect(computed.map((s) => (s.metadata as Obj).name)).toEqual(['db-69dg8']);
  expect(applied.filter((s) => (s.metadata as Obj).namespace === 'data')).toEqual(computed);
  expect(names(applied, 'EndpointSlice')).toEqual(['db-69dg8', 'kubernetes']);
});

test('the Korean summary counts the same', () => {
  const r = clusterApply(deepFreeze([headless('data'), claiming(statefulSet('db', 3, 'db', 'data'))]));
  expect(r.explanation.summary.ko).toBe(
    '정착 후 객체 16개(컨트롤러가 만든 것 4개, 클러스터 자체 객체 10개), Pod 1개(Pending 1개), 거부 0개, 경고 4개: 네임스페이스 "data"는 객체 중에 없다. 이 dry-run은 있다고 가정한다(없는 클러스터라면 그중 2개 객체를 거부할 것이다).',
  );
  expect(r.explanation.steps.find((s) => s.rule === 'pod-pending')?.text.ko).toContain(
    'Pod data/db-0은 노드와 IP 없이 Pending으로 남는다',
  );
});
