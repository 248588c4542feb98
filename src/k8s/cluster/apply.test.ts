// The apply stage's reading of each object: a namespace the cluster lacks at that point of the
// input is the API server's `namespaces "…" not found`, and refused objects are named as accepted ones are.
import fc from 'fast-check';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { service } from './testkit';

type Obj = Record<string, unknown>;
const namespace = (name: string): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const web = (ns: string) => service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }, ns);
const notFound = (ns: string) => `Service/${ns}/web: namespaces "${ns}" not found`;

const cases: { name: string; objects: Obj[]; want: string[] }[] = [
  {
    name: 'an object in a namespace nothing creates is warned about, worded as the API server refuses it',
    objects: [web('data')],
    want: [
      `${notFound('data')}: a cluster without that namespace refuses it; add a Namespace manifest (apiVersion: v1, kind: Namespace, metadata.name: data) before it`,
    ],
  },
  { name: 'a Namespace given before the object creates it', objects: [namespace('data'), web('data')], want: [] },
  {
    name: 'a Namespace given after the object is too late, as kubectl apply sends objects in order',
    objects: [web('data'), namespace('data')],
    want: [
      `${notFound('data')}: a cluster without that namespace refuses it; move the Namespace data manifest before it, as kubectl apply creates objects in the order given`,
    ],
  },
  {
    // Labels are validated on a Namespace as on any object: this one is refused, and creates nothing.
    name: 'a Namespace the API server refuses creates nothing, and the warning says it was refused',
    objects: [{ ...namespace('data'), metadata: { name: 'data', labels: { 'bad key!': 'x' } } }, web('data')],
    want: [
      `${notFound('data')}: a cluster without that namespace refuses it; the Namespace data manifest was refused (Namespace/data under rejected), so it creates nothing: fix it`,
    ],
  },
  ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((ns) => ({
    name: `the cluster's own namespace ${ns} needs no manifest`,
    objects: [web(ns)],
    want: [],
  })),
];

for (const c of cases)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects));
    expect(r.warnings.filter((w) => w.includes('not found'))).toEqual(c.want);
    // The object is settled all the same: the user's cluster may have the namespace.
    expect(r.objects.some((o) => o.kind === 'Service' && (o.metadata as Obj).name === 'web')).toBe(true);
  });

const badPort = (o: Obj): Obj => ({ ...o, spec: { ports: [{ port: 70000 }] } });

test('a refused namespaced object without a namespace is named in default, as accepted ones are', () => {
  const r = clusterApply(deepFreeze([badPort({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } })]));
  expect(r.rejected.map((x) => x.object)).toEqual(['Service/default/web']);
});

test('a refused cluster-scoped object is named without a namespace, even if it wrongly gives one', () => {
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv', namespace: 'data' }, spec: {} };
  const r = clusterApply(deepFreeze([pv]));
  expect(r.rejected.map((x) => x.object)).toEqual(['PersistentVolume/pv']);
});

test('every refused Service is named Service/<namespace>/<name>, whatever its namespace field holds', () => {
  const nsField = fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    fc.constantFrom('data', 'kube-system'),
    fc.integer(),
  );
  fc.assert(
    fc.property(nsField, (ns) => {
      const metadata = ns === undefined ? { name: 'web' } : { name: 'web', namespace: ns };
      const r = clusterApply(deepFreeze([badPort({ apiVersion: 'v1', kind: 'Service', metadata })]));
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0].object).toBe(`Service/${typeof ns === 'string' && ns ? ns : 'default'}/web`);
    }),
    { numRuns: 30 },
  );
});

test('a value that is not an object is refused at its place among the objects, the others applied', () => {
  const r = clusterApply(deepFreeze([1, null, 'hello', web('default')]));
  expect(r.rejected).toEqual([
    {
      object: 'objects[0]',
      message: 'objects[0]: Invalid value: 1: must be a Kubernetes object: a map with apiVersion, kind and metadata',
    },
    {
      object: 'objects[2]',
      message:
        'objects[2]: Invalid value: "hello": must be a Kubernetes object: a map with apiVersion, kind and metadata',
    },
  ]);
  expect(r.objects.some((o) => (o.metadata as { name?: string }).name === 'web')).toBe(true);
});

test('an object with unknown fields is refused with the strict decoding error, each field with its did-you-mean', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'db' },
    spec: {
      replica: 3,
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'db', image: 'postgres', imagePullPolicies: 'Always' }] },
      },
    },
  };
  const r = clusterApply(deepFreeze([deployment, web('default')]));
  expect(r.rejected).toEqual([
    {
      object: 'Deployment/default/db',
      message:
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica" (did you mean "replicas"?), unknown field "spec.template.spec.containers[0].imagePullPolicies" (did you mean "imagePullPolicy"?)',
    },
  ]);
  expect(r.objects.some((o) => o.kind === 'Pod')).toBe(false);
});
