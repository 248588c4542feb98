// The dry-run's admission seam: a Deployment's third Pod past a `pods: 2` quota is refused with the
// message its ReplicaSet's FailedCreate event carries (`Error creating: pods "web-7d4b9c8f6-" is
// forbidden: …`, the generateName, as in events from real clusters), and defaults reach created Pods.
import { admitInDryRun } from '.';
import { clusterOf, container, limitRange, podManifest, podOf, resourceQuota } from './testkit';

const owned = (name: string) =>
  podOf({
    ...podManifest(name, [container('web')]),
    metadata: {
      name,
      generateName: 'web-7d4b9c8f6-',
      namespace: 'shop',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: 'u1', controller: true },
      ],
    },
  });

test('a ReplicaSet’s Pod past the quota is refused under its generateName', () => {
  const namespace = clusterOf(resourceQuota('pods', { pods: '2' })).others;
  const [a, b, c] = ['web-7d4b9c8f6-abcde', 'web-7d4b9c8f6-fghij', 'web-7d4b9c8f6-klmno'].map(owned);
  expect(admitInDryRun({ pod: a, namespace, admitted: [] })).toEqual({
    pod: expect.objectContaining({ metadata: a.metadata }),
  });
  expect(admitInDryRun({ pod: c, namespace, admitted: [a, b] })).toEqual({
    rejected:
      'pods "web-7d4b9c8f6-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2',
  });
});

test('a given Pod that was admitted again is counted once', () => {
  const given = podOf(podManifest('db-0', [container('db')]));
  const namespace = [...clusterOf(resourceQuota('pods', { pods: '2' })).others, given];
  const r = admitInDryRun({ pod: owned('web-7d4b9c8f6-abcde'), namespace, admitted: [given] });
  expect('pod' in r).toBe(true);
});

test('a created Pod gets the LimitRange’s defaults', () => {
  const namespace = clusterOf(limitRange('cpu', { type: 'Container', default: { cpu: '500m' } })).others;
  const r = admitInDryRun({ pod: owned('web-7d4b9c8f6-abcde'), namespace, admitted: [] });
  expect('pod' in r && r.pod.spec.containers[0].resources).toEqual({
    requests: { cpu: '500m' },
    limits: { cpu: '500m' },
  });
});
