// The container environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables, pkg/kubelet/envvars/envvars.go FromServices), on settled manifests.
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { envLine, MAX_EXPANDED_ENV_BYTES } from './environment';
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

// Each value repeats the one before `times` times: from a few KB, exponential growth (the review's bomb).
const bomb = (levels: number, times: number, first = 'x'.repeat(4000)): Obj[] => [
  { name: 'A0', value: first },
  ...Array.from({ length: levels }, (_, i) => ({ name: `A${i + 1}`, value: `$(A${i})`.repeat(times) })),
];
const refusal = (objects: Obj[], name = 'default/app') => {
  try {
    podEnvironmentFor(deepFreeze(objects), name);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems;
    throw e;
  }
  return 'answered';
};
// A workload whose Pod template's container has this env.
const withEnv = (workload: Obj, envs: Obj[]): Obj => {
  const spec = workload.spec as { template: { spec: { containers: Obj[] } } };
  return {
    ...workload,
    spec: { ...spec, template: { ...spec.template, spec: { containers: [{ name: 'c', image: 'x', env: envs }] } } },
  };
};
const GROWS = `expansion grows past ${MAX_EXPANDED_ENV_BYTES} bytes`;

const expansionCases: { name: string; objects: Obj[]; pod?: string; want: unknown }[] = [
  {
    name: 'values expanding to exactly the bound are answered',
    objects: [
      pod(
        {},
        {
          env: [
            { name: 'A', value: 'x'.repeat(1024) },
            { name: 'B', value: '$(A)'.repeat(1023) },
          ],
        },
      ),
    ],
    want: 'answered',
  },
  {
    name: 'one byte past the bound is refused at the value that passed it',
    objects: [
      pod(
        {},
        {
          env: [
            { name: 'A', value: 'x'.repeat(1024) },
            { name: 'B', value: `$(A)`.repeat(1023) + 'y' },
          ],
        },
      ),
    ],
    want: [expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', path: 'objects[0].spec.containers[0].env[1].value' })],
  },
  {
    name: 'the review’s bomb (30 repeats over three levels of 4000 bytes, then five more) is refused, not a RangeError',
    objects: [
      pod({}, { env: [...bomb(3, 30), ...[0, 1, 2, 3, 4].map((j) => ({ name: `B${j}`, value: '$(A3)'.repeat(3) }))] }),
    ],
    want: [
      {
        code: 'PAYLOAD_TOO_LARGE',
        path: 'objects[0].spec.containers[0].env[2].value',
        message: `Pod/default/app container app: env A2: $(VAR) ${GROWS}, the most a Pod's expanded env values may hold together: each value repeats the ones before it`,
      },
    ],
  },
  {
    name: 'eleven levels of 1000 bytes, which overran the longest string JavaScript has, are refused',
    objects: [pod({}, { env: bomb(11, 30, 'x'.repeat(1000)) })],
    want: [expect.objectContaining({ path: 'objects[0].spec.containers[0].env[3].value' })],
  },
  {
    name: 'the bound is the Pod’s: two containers of 600 KiB each pass it in the second',
    objects: [
      pod({
        containers: ['a', 'b'].map((name) => ({
          name,
          image: 'x',
          env: [
            { name: 'A', value: 'x'.repeat(1024) },
            { name: 'B', value: '$(A)'.repeat(600) },
          ],
        })),
      }),
    ],
    want: [expect.objectContaining({ path: 'objects[0].spec.containers[1].env[1].value' })],
  },
  {
    name: 'a Pod a controller made has no place among the objects: the failure is the pod asked for',
    objects: [withEnv(statefulSet('db', 1, 'db'), bomb(3, 30))],
    pod: 'default/db-0',
    want: [
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', path: 'pod', message: expect.stringContaining(GROWS) }),
    ],
  },
];

for (const c of expansionCases) test(c.name, () => expect(refusal(c.objects, c.pod)).toEqual(c.want));

// ?format=env: every line is one variable, whatever the values hold (a multi-line PEM from a Secret,
// a value written to look like a second variable).
const lineCases: { name: string; value: string; want: string }[] = [
  { name: 'a plain value is printed as it is', value: 'a b=c "d"', want: 'V=a b=c "d"' },
  { name: 'an empty value', value: '', want: 'V=' },
  {
    name: 'a newline cannot start a variable of its own',
    value: 'x\nLD_PRELOAD=/tmp/evil.so',
    want: 'V="x\\nLD_PRELOAD=/tmp/evil.so"',
  },
  { name: 'a carriage return, a tab and ESC are escaped', value: 'a\rb\tc\u001b[0m', want: 'V="a\\rb\\tc\\u001b[0m"' },
  { name: 'a leading quote is quoted, so a quoted value is never ambiguous', value: '"x"', want: 'V="\\"x\\""' },
  { name: 'a Unicode line separator and DEL are escaped', value: 'a\u2028b\u007f', want: 'V="a\\u2028b\\u007f"' },
];

for (const c of lineCases)
  test(`format=env: ${c.name}`, () => {
    const line = envLine({ name: 'V', value: c.value });
    expect(line).toBe(c.want);
    expect(line.split(/\r\n|\r|\n|\u2028|\u2029/)).toHaveLength(1);
    // A quoted value reads back as JSON to exactly the value.
    const v = line.slice(2);
    expect(v.startsWith('"') ? JSON.parse(v) : v).toBe(c.value);
  });

test('format=env: a ConfigMap value with newlines stays on its variable’s line', () => {
  const cfg = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pem' }, data: { CERT: 'a\nEVIL=1\n' } };
  const out = podEnvironmentFor(deepFreeze([cfg, pod({}, { envFrom: [{ configMapRef: { name: 'pem' } }] })]), 'app');
  const lines = out.containers[0].env.map(envLine);
  expect(lines).toContain('CERT="a\\nEVIL=1\\n"');
  expect(lines.join('\n').split('\n')).toHaveLength(out.containers[0].env.length);
});
