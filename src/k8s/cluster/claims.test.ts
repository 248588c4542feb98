// A StatefulSet's volumeClaimTemplates in the dry-run, and OrderedReady's wait. Expected behaviour from
// pkg/controller/statefulset: getPersistentVolumeClaims (`<template>-<set>-<ordinal>`, the template's labels
// with the selector's matchLabels over them), updateStorage (the Pod's volumes name the claims),
// createPersistentVolumeClaims and recordClaimEvent ("create Claim %s Pod %s in StatefulSet %s success",
// "create Claim %s for Pod %s in StatefulSet %s failed error: %s"; the Pod's create then fails with
// "failed to create PVC %s: %s"), processReplica (OrderedReady waits for Running and Ready); the API
// server's SetDefaults_StatefulSet (persistentVolumeClaimRetentionPolicy Retain/Retain).
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { find, localPath, names, statefulSet } from './testkit';

type Obj = Record<string, unknown>;

const withClaims = (replicas: number, templates: Obj[], more: Obj = {}): Obj => {
  const s = statefulSet('db', replicas, 'db');
  return { ...s, spec: { ...(s.spec as Obj), volumeClaimTemplates: templates, ...more } };
};
const template = (name: string, storage: string, more: Obj = {}): Obj => ({
  metadata: { name, labels: { tier: 'storage' } },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...more },
});
const quota = (hard: Record<string, string>): Obj => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'storage', namespace: 'default' },
  spec: { hard },
});
// The Pod's volumes the StatefulSet controller wrote: the ServiceAccount admission's token volume
// (kube-api-access-…, pod-admission.ts) comes after them.
const controllerVolumes = (pod: Obj | undefined) =>
  ((pod!.spec as Obj).volumes as Obj[]).filter((v) => !String(v.name).startsWith('kube-api-access-'));
const setEvents = (r: ReturnType<typeof clusterApply>) =>
  r.events.filter((e) => e.object === 'StatefulSet/default/db').map((e) => `${e.reason}: ${e.message}`);

test('each Pod gets a claim per template, named <template>-<set>-<ordinal>, which its volumes name', () => {
  const r = clusterApply(deepFreeze([localPath, withClaims(2, [template('data', '1Gi')])]));
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-0', 'data-db-1']);
  const claim = find(r.objects, 'PersistentVolumeClaim', 'data-db-1')!;
  expect(claim.metadata).toEqual({ name: 'data-db-1', namespace: 'default', labels: { tier: 'storage', app: 'db' } });
  expect(claim.spec).toMatchObject({ volumeMode: 'Filesystem', storageClassName: 'standard' });
  expect(claim.status).toEqual({ phase: 'Pending' });
  expect(controllerVolumes(find(r.objects, 'Pod', 'db-1'))).toEqual([
    { name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } },
  ]);
  expect(setEvents(r)).toEqual([
    'SuccessfulCreate: create Claim data-db-0 Pod db-0 in StatefulSet db success',
    'SuccessfulCreate: create Pod db-0 in StatefulSet db successful',
    'SuccessfulCreate: create Claim data-db-1 Pod db-1 in StatefulSet db success',
    'SuccessfulCreate: create Pod db-1 in StatefulSet db successful',
  ]);
  expect(find(r.objects, 'StatefulSet', 'db')!.spec).toMatchObject({
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
  });
});

test('a template volume of the same name is replaced by the claim; other volumes are kept after it', () => {
  const s = withClaims(1, [template('data', '1Gi')]);
  const spec = (s.spec as Obj).template as { spec: Obj };
  spec.spec = {
    ...spec.spec,
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'cache', emptyDir: {} },
    ],
  };
  const r = clusterApply(deepFreeze([localPath, s]));
  expect(controllerVolumes(find(r.objects, 'Pod', 'db-0'))).toEqual([
    { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } },
    { name: 'cache', emptyDir: {} },
  ]);
});

test('a claim past the storage quota fails the Pod’s create, and OrderedReady stops there', () => {
  const r = clusterApply(
    deepFreeze([localPath, quota({ 'requests.storage': '12Gi' }), withClaims(4, [template('data', '5Gi')])]),
  );
  expect(names(r.objects, 'Pod')).toEqual(['db-0', 'db-1']);
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-0', 'data-db-1']);
  const refusal =
    'persistentvolumeclaims "data-db-2" is forbidden: exceeded quota: storage, requested: requests.storage=5Gi, used: requests.storage=10Gi, limited: requests.storage=12Gi';
  expect(setEvents(r).slice(4)).toEqual([
    `FailedCreate: create Claim data-db-2 for Pod db-2 in StatefulSet db failed error: ${refusal}`,
    `FailedCreate: create Pod db-2 in StatefulSet db failed error: failed to create PVC data-db-2: ${refusal}`,
  ]);
});

test('a claim a PersistentVolumeClaim LimitRange refuses is the claim’s FailedCreate with LimitRanger’s message', () => {
  const lr = {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'storage', namespace: 'default' },
    spec: { limits: [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' } }] },
  };
  const r = clusterApply(deepFreeze([localPath, lr, withClaims(1, [template('data', '5Gi')])]));
  expect(names(r.objects, 'Pod')).toEqual([]);
  expect(setEvents(r)).toEqual([
    'FailedCreate: create Claim data-db-0 for Pod db-0 in StatefulSet db failed error: persistentvolumeclaims "data-db-0" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    'FailedCreate: create Pod db-0 in StatefulSet db failed error: failed to create PVC data-db-0: persistentvolumeclaims "data-db-0" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
  ]);
});

test('a claim the API server finds invalid fails with its validation message', () => {
  const bad = { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } };
  const r = clusterApply(deepFreeze([localPath, withClaims(1, [bad])]));
  expect(setEvents(r)[0]).toBe(
    'FailedCreate: create Claim data-db-0 for Pod db-0 in StatefulSet db failed error: PersistentVolumeClaim "data-db-0" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
  );
});

test('without a StorageClass the first Pod cannot be scheduled, and OrderedReady creates no later Pod', () => {
  const r = clusterApply(deepFreeze([withClaims(3, [template('data', '1Gi')])]));
  expect(names(r.objects, 'Pod')).toEqual(['db-0']);
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-0']);
  expect(r.events.find((e) => e.reason === 'FailedScheduling')?.message).toContain(
    'pod has unbound immediate PersistentVolumeClaims',
  );
  const wait = r.explanation.steps.find((s) => s.rule === 'statefulset-ordered-ready');
  expect(wait?.text.en).toContain('waits for db-0 to be Running and Ready');
});

test('with Parallel every Pod and claim is created, each Pending', () => {
  const r = clusterApply(deepFreeze([withClaims(3, [template('data', '1Gi')], { podManagementPolicy: 'Parallel' })]));
  expect(names(r.objects, 'Pod')).toEqual(['db-0', 'db-1', 'db-2']);
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
});

test('a Pod whose readiness probe can never pass holds back the later ordinals', () => {
  const s = statefulSet('db', 3, 'db');
  const tpl = (s.spec as Obj).template as { spec: { containers: Obj[] } };
  tpl.spec.containers[0] = { ...tpl.spec.containers[0], readinessProbe: { httpGet: { port: 'admin' } } };
  const r = clusterApply(deepFreeze([s]));
  expect(names(r.objects, 'Pod')).toEqual(['db-0']);
});

test('a claim given already is used, not created again', () => {
  const given = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-db-0', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const r = clusterApply(deepFreeze([localPath, given, withClaims(1, [template('data', '1Gi')])]));
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-0']);
  expect(setEvents(r)).toEqual(['SuccessfulCreate: create Pod db-0 in StatefulSet db successful']);
});
