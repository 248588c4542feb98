// The volume plugins: VolumeRestrictions (disk conflicts, ReadWriteOncePod), VolumeBinding (claims that
// are missing, lost, Immediate and unbound, bound to a volume pinned elsewhere, WaitForFirstConsumer with
// static volumes or a provisioner) and VolumeZone — the behaviours their plugin tests check, with the
// reasons kube-scheduler 1.35 gives.
import type { SchedulingState } from '../../types';
import { filterWith, node, objects, pod, state } from '../../testkit';
import { volumeBinding } from './volume-binding';
import { volumeRestrictions } from './volume-restrictions';
import { volumeZone } from './volume-zone';

const claimVolume = (claimName: string) => ({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });
const pvc = (name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', ...meta },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, ...spec },
});
const pv = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, labels },
  spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});
const sc = (name: string, o: Record<string, unknown> = {}) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'ebs.csi.aws.com',
  ...o,
});
const pinned = (host: string) => ({
  nodeAffinity: {
    required: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }],
    },
  },
});

function withObjects(...manifests: Record<string, unknown>[]): Partial<SchedulingState> {
  const c = objects(...manifests);
  return {
    persistentVolumes: c.persistentVolumes,
    persistentVolumeClaims: c.persistentVolumeClaims,
    storageClasses: c.storageClasses,
  };
}
const twoNodes = (more: Partial<SchedulingState>, pods = [] as ReturnType<typeof pod>[]) =>
  state([node('n1', { zone: 'a' }), node('n2', { zone: 'b' })], pods, more);

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'VolumeBinding: a Pod without claims skips',
    run: () => filterWith(volumeBinding, pod('p'), twoNodes({})),
    want: 'skip',
  },
  {
    name: 'VolumeBinding: a missing claim ends PreFilter with the API NotFound message',
    run: () => filterWith(volumeBinding, pod('p', { spec: claimVolume('data') }), twoNodes({})),
    want: { preFilter: ['persistentvolumeclaim "data" not found'] },
  },
  {
    name: 'VolumeBinding: an unbound claim of an Immediate class must be bound first',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(withObjects(pvc('data', { storageClassName: 'std' }), sc('std'))),
      ),
    want: { preFilter: ['pod has unbound immediate PersistentVolumeClaims'] },
  },
  {
    name: 'VolumeBinding: a claim bound to a volume pinned to n1 fits n1 only',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(withObjects(pvc('data', { volumeName: 'pv1' }), pv('pv1', pinned('n1')))),
      ),
    want: { n1: [], n2: ['node(s) had volume node affinity conflict'] },
  },
  {
    name: 'VolumeBinding: a claim bound to a volume that does not exist',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(withObjects(pvc('data', { volumeName: 'gone' }))),
      ),
    want: {
      n1: ['node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'],
      n2: ['node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'],
    },
  },
  {
    name: 'VolumeBinding: WaitForFirstConsumer with only a local volume on n2 and no provisioner',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(
          withObjects(
            pvc('data', { storageClassName: 'local' }),
            pv('local-n2', { storageClassName: 'local', ...pinned('n2') }),
            sc('local', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' }),
          ),
        ),
      ),
    want: { n1: ["node(s) didn't find available persistent volumes to bind"], n2: [] },
  },
  {
    name: 'VolumeBinding: WaitForFirstConsumer with a provisioner limited to zone b by allowedTopologies',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(
          withObjects(
            pvc('data', { storageClassName: 'zonal' }),
            sc('zonal', {
              volumeBindingMode: 'WaitForFirstConsumer',
              allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['b'] }] }],
            }),
          ),
        ),
      ),
    want: { n1: ["node(s) didn't find available persistent volumes to bind"], n2: [] },
  },
  {
    name: 'VolumeBinding: a claim without a class gets the default class (DefaultStorageClass admission)',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(
          withObjects(pvc('data'), {
            ...sc('gp3', { volumeBindingMode: 'WaitForFirstConsumer' }),
            metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
          }),
        ),
      ),
    want: { n1: [], n2: [] },
  },
  {
    name: 'VolumeBinding: a generic ephemeral volume waits for its claim',
    run: () =>
      filterWith(
        volumeBinding,
        pod('p', { spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } }),
        twoNodes({}),
      ),
    want: { preFilter: ['waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"'] },
  },
  {
    name: 'VolumeZone: a bound volume in zone a admits nodes of zone a only',
    run: () =>
      filterWith(
        volumeZone,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(
          withObjects(pvc('data', { volumeName: 'pv1' }), pv('pv1', {}, { 'topology.kubernetes.io/zone': 'a' })),
        ),
      ),
    want: { n1: [], n2: ['node(s) had no available volume zone'] },
  },
  {
    name: 'VolumeZone: a node with no zone or region label passes (a single-zone cluster)',
    run: () =>
      filterWith(
        volumeZone,
        pod('p', { spec: claimVolume('data') }),
        state(
          [node('plain')],
          [],
          withObjects(pvc('data', { volumeName: 'pv1' }), pv('pv1', {}, { 'topology.kubernetes.io/zone': 'a' })),
        ),
      ),
    want: { plain: [] },
  },
  {
    name: 'VolumeZone: a beta zone label on the volume matches the GA label of the node; "__" lists zones',
    run: () =>
      filterWith(
        volumeZone,
        pod('p', { spec: claimVolume('data') }),
        twoNodes(
          withObjects(
            pvc('data', { volumeName: 'pv1' }),
            pv('pv1', {}, { 'failure-domain.beta.kubernetes.io/zone': 'x__b' }),
          ),
        ),
      ),
    want: { n1: ['node(s) had no available volume zone'], n2: [] },
  },
  {
    name: 'VolumeRestrictions: the same EBS volume on a node conflicts, even read-only',
    run: () => {
      const ebs = (readOnly: boolean) => ({
        volumes: [{ name: 'v', awsElasticBlockStore: { volumeID: 'vol-1', readOnly } }],
      });
      return filterWith(
        volumeRestrictions,
        pod('p', { spec: ebs(true) }),
        twoNodes({}, [pod('old', { on: 'n1', spec: ebs(true) })]),
      );
    },
    want: { n1: ['node(s) had no available disk'], n2: [] },
  },
  {
    name: 'VolumeRestrictions: a GCE PD read-only on both sides does not conflict',
    run: () => {
      const gce = { volumes: [{ name: 'v', gcePersistentDisk: { pdName: 'disk', readOnly: true } }] };
      return filterWith(
        volumeRestrictions,
        pod('p', { spec: gce }),
        twoNodes({}, [pod('old', { on: 'n1', spec: gce })]),
      );
    },
    want: { n1: [], n2: [] },
  },
  {
    name: 'VolumeRestrictions: a ReadWriteOncePod claim in use by another Pod makes every node unsuitable',
    run: () =>
      filterWith(
        volumeRestrictions,
        pod('p', { spec: claimVolume('solo') }),
        twoNodes(withObjects(pvc('solo', { accessModes: ['ReadWriteOncePod'], volumeName: 'pv1' })), [
          pod('holder', { on: 'n1', spec: claimVolume('solo') }),
        ]),
      ),
    want: {
      n1: ['node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'],
      n2: ['node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'],
    },
  },
];
for (const c of cases) test(c.name, () => expect(c.run()).toEqual(c.want));
