// The container environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables, pkg/kubelet/envvars/envvars.go FromServices), on settled manifests.
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { podEnvironmentFor } from './pod-environment';
import { service, statefulSet } from './testkit';

type Obj = Record<string, unknown>;
const pod = (spec: Obj, containerEnv: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'app', namespace: 'default', labels: { tier: 'web' } },
  spec: {
    containers: [{ name: 'app', image: 'x', resources: { limits: { memory: '256Mi' } }, ...containerEnv }],
    ...spec,
  },
});
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg' },
  data: { MODE: 'prod', 'bad-key': 'x' },
};
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'creds' },
  data: { PASSWORD: Buffer.from('s3cret').toString('base64') },
};
const env = (objects: Obj[], name = 'default/app') =>
  Object.fromEntries(
    podEnvironmentFor(deepFreeze(objects), name).containers[0].env.map((e) => [e.name, `${e.value} <${e.source}>`]),
  );

test('a given kubernetes Service updates the cluster’s own, so KUBERNETES_SERVICE_HOST stays 10.96.0.1', () => {
  const kubernetes = service('kubernetes', { ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
  expect(env([kubernetes, pod({})])).toMatchObject({ KUBERNETES_SERVICE_HOST: '10.96.0.1 <service link kubernetes>' });
});

test('service links for the namespace’s Services with a cluster IP, and the kubernetes Service always', () => {
  const e = env([service('redis-primary', { ports: [{ name: 'tcp', port: 6379 }] }), pod({})]);
  expect(e).toMatchObject({
    KUBERNETES_SERVICE_HOST: '10.96.0.1 <service link kubernetes>',
    KUBERNETES_SERVICE_PORT: '443 <service link kubernetes>',
    KUBERNETES_SERVICE_PORT_HTTPS: '443 <service link kubernetes>',
    REDIS_PRIMARY_SERVICE_HOST: '10.96.1.1 <service link redis-primary>',
    REDIS_PRIMARY_SERVICE_PORT_TCP: '6379 <service link redis-primary>',
    REDIS_PRIMARY_PORT: 'tcp://10.96.1.1:6379 <service link redis-primary>',
    REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp <service link redis-primary>',
    REDIS_PRIMARY_PORT_6379_TCP_ADDR: '10.96.1.1 <service link redis-primary>',
  });
});

test('enableServiceLinks: false leaves only the kubernetes Service’s links; headless Services get none', () => {
  const e = env([service('redis', {}), service('db', { clusterIP: 'None' }), pod({ enableServiceLinks: false })]);
  expect(Object.keys(e).filter((k) => k.endsWith('_SERVICE_HOST'))).toEqual(['KUBERNETES_SERVICE_HOST']);
});

test('explicit env wins over a service link and over envFrom; $(VAR) expands; valueFrom resolves', () => {
  const e = env([
    service('redis', {}),
    configMap,
    secret,
    pod(
      {},
      {
        envFrom: [{ configMapRef: { name: 'cfg' } }],
        env: [
          { name: 'REDIS_SERVICE_HOST', value: 'override' },
          { name: 'MODE', value: 'dev' },
          { name: 'URL', value: 'redis://$(REDIS_SERVICE_HOST):$(REDIS_SERVICE_PORT)/$(MISSING)' },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        ],
      },
    ),
  ]);
  expect(e).toMatchObject({
    REDIS_SERVICE_HOST: 'override <env>',
    MODE: 'dev <env>',
    URL: 'redis://override:80/$(MISSING) <env>',
    PASSWORD: 's3cret <secret creds key PASSWORD>',
    POD_NAME: 'app <fieldRef metadata.name>',
    TIER: "web <fieldRef metadata.labels['tier']>",
    MEM: '256 <resourceFieldRef limits.memory>',
  });
});

test('a missing ConfigMap is a warning that the container would not start', () => {
  const r = podEnvironmentFor(
    deepFreeze([pod({}, { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'a' } } }] })]),
    'default/app',
  );
  expect(r.warnings).toEqual([
    'Pod/default/app container app: A: configmap "nope" not found: the container would not start (CreateContainerConfigError)',
  ]);
});

test('a Pod the cluster creates can be asked for, and an unknown one suggests the right name', () => {
  const objects = [service('db', { clusterIP: 'None' }), statefulSet('db', 2, 'db')];
  expect(podEnvironmentFor(deepFreeze(objects), 'default/db-1').containers[0].name).toBe('app');
  expect(() => podEnvironmentFor(deepFreeze(objects), 'default/db-3')).toThrow(KubeknowError);
  try {
    podEnvironmentFor(objects, 'default/db-3');
  } catch (e) {
    expect((e as KubeknowError).problems[0]).toMatchObject({ code: 'NOT_FOUND', path: 'pod' });
    expect((e as KubeknowError).message).toContain('Did you mean "default/db-0"?');
  }
});

test('a Pod the API server refused is not only "not found": the answer says why it was refused', () => {
  const bad = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 99999 }] }] },
  };
  expect(() => podEnvironmentFor([bad], 'p')).toThrow(
    /^pod: no Pod default\/p after settling: it was refused: Pod "p" is invalid: spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 99999/,
  );
});
