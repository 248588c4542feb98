// A StatefulSet's spec.ordinals.start (StatefulSetStartOrdinal, stable since v1.31) in the dry-run. Expected
// behaviour from pkg/controller/statefulset: getStartOrdinal and getEndOrdinal (stateful_set_utils.go: the
// Pods are <set>-<start> … <set>-<start+replicas-1>), newVersionedStatefulSetPod (pod-index is the
// ordinal), getPersistentVolumeClaims (claims named by ordinal), stateful_set_control.go (OrderedReady
// from the start ordinal up; Parallel's slowStartBatch walks replicas, not ordinals); and
// ValidateStatefulSetSpec in pkg/apis/apps/validation ("must be greater than or equal to 0" at
// spec.ordinals.start).
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { find, localPath, names, service, statefulSet } from './testkit';

type Obj = Record<string, unknown>;

const starting = (start: unknown, replicas: number, more: Obj = {}): Obj => {
  const s = statefulSet('db', replicas, 'db');
  return { ...s, spec: { ...(s.spec as Obj), ordinals: { start }, ...more } };
};
const data: Obj = {
  metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
};
const labels = (o: { metadata: Obj } | undefined) => (o?.metadata.labels ?? {}) as Record<string, string>;
const setEvents = (r: ReturnType<typeof clusterApply>) =>
  r.events.filter((e) => e.object === 'StatefulSet/default/db').map((e) => `${e.reason}: ${e.message}`);

test('start 5 with 3 replicas: Pods db-5…db-7, pod-index the ordinal, claims named by the ordinal', () => {
  const r = clusterApply(
    deepFreeze([
      localPath,
      service('db', { clusterIP: 'None', selector: { app: 'db' } }),
      starting(5, 3, { volumeClaimTemplates: [data] }),
    ]),
  );
  expect(names(r.objects, 'Pod')).toEqual(['db-5', 'db-6', 'db-7']);
  expect(names(r.objects, 'PersistentVolumeClaim')).toEqual(['data-db-5', 'data-db-6', 'data-db-7']);
  const pod = find(r.objects, 'Pod', 'db-6')!;
  expect(pod.spec).toMatchObject({ hostname: 'db-6', subdomain: 'db' });
  expect(labels(pod as never)).toMatchObject({
    'apps.kubernetes.io/pod-index': '6',
    'statefulset.kubernetes.io/pod-name': 'db-6',
  });
  expect(((pod.spec as Obj).volumes as Obj[])[0]).toEqual({
    name: 'data',
    persistentVolumeClaim: { claimName: 'data-db-6' },
  });
  // The status counts replicas, whatever their ordinals.
  expect(find(r.objects, 'StatefulSet', 'db')!.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  expect(find(r.objects, 'StatefulSet', 'db')!.spec).toMatchObject({ ordinals: { start: 5 } });
  expect(r.warnings).toEqual([]);
});

test('OrderedReady creates from the start ordinal up, each Pod’s claim just before it', () => {
  const r = clusterApply(deepFreeze([localPath, starting(5, 3, { volumeClaimTemplates: [data] })]));
  expect(setEvents(r).filter((e) => e.startsWith('SuccessfulCreate: create Pod'))).toEqual([
    'SuccessfulCreate: create Pod db-5 in StatefulSet db successful',
    'SuccessfulCreate: create Pod db-6 in StatefulSet db successful',
    'SuccessfulCreate: create Pod db-7 in StatefulSet db successful',
  ]);
  expect(setEvents(r)[0]).toBe('SuccessfulCreate: create Claim data-db-5 Pod db-5 in StatefulSet db success');
});

test('OrderedReady waits on the start ordinal’s Pod: a db-5 that never turns Ready holds back db-6 and db-7', () => {
  const s = starting(5, 3);
  const tpl = (s.spec as Obj).template as { spec: { containers: Obj[] } };
  tpl.spec.containers[0] = { ...tpl.spec.containers[0], readinessProbe: { httpGet: { port: 'admin' } } };
  const r = clusterApply(deepFreeze([s]));
  expect(names(r.objects, 'Pod')).toEqual(['db-5']);
  const wait = r.explanation.steps.find((st) => st.rule === 'statefulset-ordered-ready');
  expect(wait?.text.en).toContain(
    'waits for db-5 to be Running and Ready before it creates the next Pod, so 2 of its 3',
  );
});

test('Parallel batches count replicas from the start ordinal: a quota of one Pod refuses db-6 and db-7, db-8 is never asked', () => {
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '1' } } };
  const r = clusterApply(deepFreeze([quota, starting(5, 5, { podManagementPolicy: 'Parallel' })]));
  expect(names(r.objects, 'Pod')).toEqual(['db-5']);
  // slowStartBatch: replica 0 (db-5), then replicas 1 and 2 (db-6, db-7) in the batch that fails.
  expect(setEvents(r).map((e) => /Pod (db-\d+)/.exec(e)?.[1])).toEqual(['db-5', 'db-6', 'db-7']);
  const stop = r.explanation.steps.find((st) => st.rule === 'statefulset-stop');
  expect(stop?.text.en).toContain('so db-8, db-9 were never created');
});

test('a start of 0 is the default: ordinals {} and no ordinals both give db-0', () => {
  expect(names(clusterApply(deepFreeze([starting(0, 1)])).objects, 'Pod')).toEqual(['db-0']);
  const s = statefulSet('db', 1, 'db');
  const empty = { ...s, spec: { ...(s.spec as Obj), ordinals: {} } };
  expect(names(clusterApply(deepFreeze([empty])).objects, 'Pod')).toEqual(['db-0']);
});

test('a negative start is refused with the API server’s message', () => {
  const r = clusterApply(deepFreeze([starting(-1, 3)]));
  expect(r.rejected).toEqual([
    {
      object: 'StatefulSet/default/db',
      message:
        'StatefulSet.apps "db" is invalid: spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    },
  ]);
  expect(names(r.objects, 'Pod')).toEqual([]);
});

test('a StatefulSet with start 1 whose Service is not headless is warned about by its first Pod’s name', () => {
  const r = clusterApply(deepFreeze([service('db', { selector: { app: 'db' } }), starting(1, 2)]));
  expect(r.warnings.find((w) => w.startsWith('StatefulSet/default/db'))).toContain(
    "CoreDNS serves its Pods' names (db-1.db.default.svc.<zone>)",
  );
});
