// Admission of a PersistentVolumeClaim. Expected messages: LimitRanger's PersistentVolumeClaimValidateLimitFunc
// (plugin/pkg/admission/limitranger/admission.go: minConstraint "minimum %s usage per %s is %s, but request is
// %s", maxRequestConstraint "maximum … but request is …", "….  No request is specified"), ResourceQuota's
// CheckRequest ("exceeded quota: %s, requested: %s, used: %s, limited: %s") with the resources and usage of
// pkg/quota/v1/evaluator/core/persistent_volume_claims.go, and admission.NewForbidden's
// `persistentvolumeclaims "<name>" is forbidden: …`.
import fc from 'fast-check';
import { parseObjects } from '../objects';
import { admitClaim } from './claim';
import { clusterOf, limitRange, resourceQuota } from './testkit';

type Fields = Record<string, unknown>;

const claimManifest = (name: string, storage?: string, spec: Fields = {}): Fields => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'shop' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: storage === undefined ? {} : { storage } },
    ...spec,
  },
});
const claimOf = (m: Fields) => parseObjects([m]).persistentVolumeClaims[0];
const defaultClass = (name: string): Fields => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'example.com/disk',
});

interface Case {
  name: string;
  objects: Fields[];
  claim: Fields;
  created?: Fields[];
  want: string | { storageClassName?: string };
}

const cases: Case[] = [
  {
    name: 'a claim above the LimitRange’s maximum is refused with its request',
    objects: [limitRange('storage', { type: 'PersistentVolumeClaim', max: { storage: '2Gi' } })],
    claim: claimManifest('data-db-0', '5Gi'),
    want: 'persistentvolumeclaims "data-db-0" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
  },
  {
    name: 'a claim below the minimum is refused',
    objects: [
      limitRange('storage', { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '2Gi' } }),
    ],
    claim: claimManifest('data-db-0', '500Mi'),
    want: 'persistentvolumeclaims "data-db-0" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
  },
  {
    name: 'a Container LimitRange item does not apply to claims',
    objects: [limitRange('cpu', { type: 'Container', max: { cpu: '1' } })],
    claim: claimManifest('data-db-0', '5Gi'),
    want: {},
  },
  {
    name: 'requests.storage past the quota: requested, used by the claims given, limited',
    objects: [resourceQuota('storage', { 'requests.storage': '8Gi' }), claimManifest('old', '5Gi')],
    claim: claimManifest('data-db-0', '5Gi'),
    want: 'persistentvolumeclaims "data-db-0" is forbidden: exceeded quota: storage, requested: requests.storage=5Gi, used: requests.storage=5Gi, limited: requests.storage=8Gi',
  },
  {
    name: 'the claim count counts claims created earlier in the run',
    objects: [resourceQuota('claims', { persistentvolumeclaims: '1' })],
    claim: claimManifest('data-db-1', '1Gi'),
    created: [claimManifest('data-db-0', '1Gi')],
    want: 'persistentvolumeclaims "data-db-1" is forbidden: exceeded quota: claims, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1',
  },
  {
    name: 'a storage-class quota counts the default class the DefaultStorageClass plugin fills in',
    objects: [
      defaultClass('fast'),
      resourceQuota('fast', { 'fast.storageclass.storage.k8s.io/requests.storage': '1Gi' }),
    ],
    claim: claimManifest('data-db-0', '2Gi'),
    want: 'persistentvolumeclaims "data-db-0" is forbidden: exceeded quota: fast, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=0, limited: fast.storageclass.storage.k8s.io/requests.storage=1Gi',
  },
  {
    name: 'a claim of another class is not charged to a class quota, and keeps its class',
    objects: [
      defaultClass('fast'),
      resourceQuota('fast', { 'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '0' }),
    ],
    claim: claimManifest('data-db-0', '2Gi', { storageClassName: 'slow' }),
    want: { storageClassName: 'slow' },
  },
  {
    name: 'the default class is filled in when the claim names none',
    objects: [defaultClass('fast')],
    claim: claimManifest('data-db-0', '2Gi'),
    want: { storageClassName: 'fast' },
  },
  {
    name: 'a scoped quota never matches a claim (MatchesNoScopeFunc)',
    objects: [
      resourceQuota('scoped', { persistentvolumeclaims: '0', pods: '5' }, { spec: { scopes: ['NotTerminating'] } }),
    ],
    claim: claimManifest('data-db-0', '1Gi'),
    want: {},
  },
  {
    name: 'status.used given on the quota is the usage before the claim',
    objects: [
      resourceQuota('claims', { persistentvolumeclaims: '3' }, { status: { used: { persistentvolumeclaims: '3' } } }),
    ],
    claim: claimManifest('data-db-0', '1Gi'),
    want: 'persistentvolumeclaims "data-db-0" is forbidden: exceeded quota: claims, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=3, limited: persistentvolumeclaims=3',
  },
];

for (const c of cases)
  test(c.name, () => {
    const got = admitClaim(claimOf(c.claim), clusterOf(...c.objects), (c.created ?? []).map(claimOf));
    if (typeof c.want === 'string') expect(got).toEqual({ message: c.want });
    else {
      expect('claim' in got).toBe(true);
      if ('claim' in got && c.want.storageClassName)
        expect(got.claim.spec.storageClassName).toBe(c.want.storageClassName);
    }
  });

test('for any request and maximum, a claim is refused exactly when its request passes the maximum', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }), (request, max) => {
      const lr = limitRange('storage', { type: 'PersistentVolumeClaim', max: { storage: `${max}Mi` } });
      const got = admitClaim(claimOf(claimManifest('c', `${request}Mi`)), clusterOf(lr));
      expect('message' in got).toBe(request > max);
    }),
    { numRuns: 50 },
  );
});
