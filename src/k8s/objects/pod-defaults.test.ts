// The Pod spec defaults `kubectl get -o yaml` shows, for a Pod and for a workload's Pod template: each row
// names the field, the value the API server fills and where in the Kubernetes source it comes from
// (pkg/apis/core/v1/defaults.go unless said otherwise).
import { deepFreeze } from '../testing/builders';
import { parseObjects, toPlainJson } from './index';

type Obj = Record<string, unknown>;

interface DefaultCase {
  /** The field, under the Pod's spec (or the template's spec). */
  field: string;
  want: unknown;
  source: string;
  /** The container (or spec fields) the case needs; the container is `app`, image `nginx:1.25`. */
  container?: Obj;
  spec?: Obj;
  /** SetDefaults_Pod's fields are the Pod's only: a Pod template does not get them. */
  podOnly?: boolean;
}

const httpGet = { httpGet: { port: 80 } };

const cases: DefaultCase[] = [
  { field: 'dnsPolicy', want: 'ClusterFirst', source: 'SetDefaults_PodSpec' },
  { field: 'restartPolicy', want: 'Always', source: 'SetDefaults_PodSpec' },
  { field: 'schedulerName', want: 'default-scheduler', source: 'SetDefaults_PodSpec (v1.DefaultSchedulerName)' },
  { field: 'securityContext', want: {}, source: 'SetDefaults_PodSpec' },
  {
    field: 'terminationGracePeriodSeconds',
    want: 30,
    source: 'SetDefaults_PodSpec (v1.DefaultTerminationGracePeriodSeconds)',
  },
  { field: 'enableServiceLinks', want: true, source: 'SetDefaults_Pod (v1.DefaultEnableServiceLinks)', podOnly: true },
  {
    field: 'serviceAccount',
    want: 'web',
    source: 'Convert_core_PodSpec_To_v1_PodSpec (DeprecatedServiceAccount = ServiceAccountName)',
    spec: { serviceAccountName: 'web' },
  },
  {
    field: 'containers.0.imagePullPolicy',
    want: 'IfNotPresent',
    source: 'SetDefaults_Container (a tag other than latest)',
  },
  {
    field: 'containers.0.imagePullPolicy',
    want: 'Always',
    source: 'SetDefaults_Container (no tag: parsers.ParseImageName reads latest)',
    container: { image: 'registry.local:5000/team/nginx' },
  },
  {
    field: 'containers.0.imagePullPolicy',
    want: 'Always',
    source: 'SetDefaults_Container (tag latest)',
    container: { image: 'nginx:latest' },
  },
  {
    field: 'containers.0.imagePullPolicy',
    want: 'IfNotPresent',
    source: 'SetDefaults_Container (a digest, no tag)',
    container: { image: `nginx@sha256:${'a'.repeat(64)}` },
  },
  {
    field: 'containers.0.terminationMessagePath',
    want: '/dev/termination-log',
    source: 'SetDefaults_Container (v1.TerminationMessagePathDefault)',
  },
  { field: 'containers.0.terminationMessagePolicy', want: 'File', source: 'SetDefaults_Container' },
  { field: 'containers.0.resources', want: {}, source: 'ResourceRequirements is not omitempty' },
  {
    field: 'containers.0.ports.0.protocol',
    want: 'TCP',
    source: 'SetDefaults_ContainerPort',
    container: { ports: [{ containerPort: 80 }] },
  },
  {
    field: 'containers.0.readinessProbe',
    want: {
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    },
    source: 'SetDefaults_Probe, SetDefaults_HTTPGetAction (initialDelaySeconds 0 is omitempty)',
    container: { readinessProbe: httpGet },
  },
  {
    field: 'containers.0.lifecycle.preStop.httpGet',
    want: { port: 80, path: '/', scheme: 'HTTP' },
    source: 'SetDefaults_HTTPGetAction',
    container: { lifecycle: { preStop: httpGet } },
  },
  {
    field: 'containers.0.env.0.valueFrom.fieldRef.apiVersion',
    want: 'v1',
    source: 'SetDefaults_ObjectFieldSelector',
    container: { env: [{ name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }] },
  },
  {
    field: 'initContainers.0.imagePullPolicy',
    want: 'Always',
    source: 'SetDefaults_Container (init containers too)',
    spec: { initContainers: [{ name: 'init', image: 'busybox' }] },
  },
  {
    field: 'volumes.0',
    want: { name: 'v', emptyDir: {} },
    source: 'SetDefaults_Volume',
    spec: { volumes: [{ name: 'v' }] },
  },
  {
    field: 'volumes.0.secret.defaultMode',
    want: 420,
    source: 'SetDefaults_SecretVolumeSource (0644)',
    spec: { volumes: [{ name: 'v', secret: { secretName: 's' } }] },
  },
  {
    field: 'volumes.0.configMap.defaultMode',
    want: 420,
    source: 'SetDefaults_ConfigMapVolumeSource (0644)',
    spec: { volumes: [{ name: 'v', configMap: { name: 'c' } }] },
  },
  {
    field: 'volumes.0.downwardAPI',
    want: {
      items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace', apiVersion: 'v1' } }],
      defaultMode: 420,
    },
    source: 'SetDefaults_DownwardAPIVolumeSource, SetDefaults_ObjectFieldSelector',
    spec: {
      volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }],
    },
  },
  {
    field: 'volumes.0.projected',
    want: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }], defaultMode: 420 },
    source: 'SetDefaults_ProjectedVolumeSource, SetDefaults_ServiceAccountTokenProjection',
    spec: { volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] },
  },
];

const podSpecOf = (c: DefaultCase): Obj => ({
  containers: [{ name: 'app', image: 'nginx:1.25', ...c.container }],
  ...c.spec,
});

const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], o);

function renderedPodSpec(spec: Obj): Obj {
  const { pods } = parseObjects([deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec })]);
  return toPlainJson(pods[0]).spec as Obj;
}

const deployment = (spec: Obj): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } },
});

function renderedTemplateSpec(spec: Obj): Obj {
  const { others } = parseObjects([deepFreeze(deployment(spec))]);
  return at(toPlainJson(others[0]), 'spec.template.spec') as Obj;
}

describe.each(cases)('$field → $want ($source)', (c) => {
  test('a Pod', () => {
    expect(at(renderedPodSpec(podSpecOf(c)), c.field)).toEqual(c.want);
  });
  test(c.podOnly ? 'a Pod template does not get it' : 'a Pod template', () => {
    expect(at(renderedTemplateSpec(podSpecOf(c)), c.field)).toEqual(c.podOnly ? undefined : c.want);
  });
});

test('a Pod given with every default already set (to other values) shows them as given', () => {
  const spec: Obj = {
    containers: [
      {
        name: 'app',
        image: 'nginx',
        imagePullPolicy: 'Never',
        terminationMessagePath: '/tmp/log',
        terminationMessagePolicy: 'FallbackToLogsOnError',
        resources: { limits: { cpu: '1' }, requests: { cpu: '1' } },
        ports: [{ containerPort: 53, protocol: 'UDP' }],
        livenessProbe: {
          httpGet: { port: 80, path: '/healthz', scheme: 'HTTPS' },
          initialDelaySeconds: 0,
          timeoutSeconds: 5,
          periodSeconds: 20,
          successThreshold: 1,
          failureThreshold: 9,
        },
      },
    ],
    volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 256 } }],
    dnsPolicy: 'Default',
    restartPolicy: 'Never',
    schedulerName: 'other',
    securityContext: { runAsUser: 1000 },
    terminationGracePeriodSeconds: 5,
    enableServiceLinks: false,
    serviceAccountName: 'web',
    serviceAccount: 'web',
  };
  expect(renderedPodSpec(spec)).toEqual(spec);
});

test.each([
  ['apps/v1', 'ReplicaSet', 'spec.template.spec'],
  ['apps/v1', 'DaemonSet', 'spec.template.spec'],
  ['apps/v1', 'StatefulSet', 'spec.template.spec'],
  ['batch/v1', 'Job', 'spec.template.spec'],
  ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template.spec'],
  ['v1', 'ReplicationController', 'spec.template.spec'],
  ['v1', 'PodTemplate', 'template.spec'],
])('a %s %s’s Pod template is defaulted', (apiVersion, kind, path) => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
  const spec: Obj = {
    selector: kind === 'ReplicationController' ? { app: 'web' } : { matchLabels: { app: 'web' } },
    // A StatefulSet's own field: another kind's strict field validation refuses it.
    ...(kind === 'StatefulSet' ? { serviceName: 'web' } : {}),
    template,
  };
  const value =
    kind === 'PodTemplate'
      ? { apiVersion, kind, metadata: { name: 'web' }, template }
      : kind === 'CronJob'
        ? {
            apiVersion,
            kind,
            metadata: { name: 'web' },
            spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
          }
        : { apiVersion, kind, metadata: { name: 'web' }, spec };
  const c = parseObjects([deepFreeze(value)]);
  expect(at(toPlainJson([...c.objects, ...c.others][0]), path)).toMatchObject({
    containers: [{ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' }],
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  });
});
