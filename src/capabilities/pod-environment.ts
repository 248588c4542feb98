// podEnvironment: what a container's process sees in its environment — env with valueFrom resolved,
// envFrom, the service links and KUBERNETES_SERVICE_* — for a Pod given or created by the dry-run.
import { z } from 'zod';
import { dryRunCost, envLine, podEnvironmentFor } from '../k8s/cluster';
import { isDNS1123Label, isDNS1123Subdomain } from '../k8s/objects';
import { COMPUTATION, defineCapability } from './capability';
import { CLUSTER_ARGS, clusterOptions } from './cluster-fields';
import { eachObjectInput } from './manifests';
import type { ProblemParams } from './problems';
import { asJson } from './renderings';
import { podEnvironmentResult } from './shapes/cluster';

const podRef = z
  .string()
  .min(1)
  .max(317)
  .superRefine((v, ctx) => {
    const parts = v.split('/');
    const [ns, name] = parts.length === 1 ? ['default', v] : parts;
    if (parts.length > 2 || isDNS1123Label(ns).length || isDNS1123Subdomain(name ?? '').length)
      ctx.addIssue({
        code: 'custom',
        message: 'must be "<namespace>/<name>" of a Pod, e.g. "default/web-0"',
        params: { code: 'FIELD_INVALID' } satisfies ProblemParams,
      });
  })
  .describe(
    'The Pod: "<namespace>/<name>" (a name alone is in default). It may be one the cluster creates, e.g. "default/web-0".',
  );

export const podEnvironment = defineCapability({
  name: 'podEnvironment',
  summary: 'The environment a Pod’s containers see',
  description:
    'Settles the objects as kubectl apply would, then builds the named Pod’s container environment as the kubelet does: envFrom, then env with valueFrom resolved (ConfigMaps, Secrets, fieldRef, resourceFieldRef) and $(VAR) expanded, then the service links ({SVC}_SERVICE_HOST, {SVC}_PORT_…) of the namespace’s Services and KUBERNETES_SERVICE_HOST/PORT, unless enableServiceLinks is false.',
  input: eachObjectInput({
    pod: podRef,
    cluster: clusterOptions.optional().describe('The simulated cluster; kubeadm’s defaults unless given.'),
  }),
  output: podEnvironmentResult,
  ...COMPUTATION,
  // Values may come from Secrets: problems never repeat them.
  sensitive: true,
  // The controllers multiply objects: replicas, parallelism and DaemonSets × Nodes are Pods to place.
  cost: ({ values, cluster }) => dryRunCost(values, cluster?.nodes),
  run: ({ values, pod, cluster }) => podEnvironmentFor(values, pod, cluster ?? {}),
  rest: {
    method: 'POST',
    path: '/v1/pods/environment',
    params: CLUSTER_ARGS,
    tag: 'cluster',
    manifests: true,
    formats: {
      json: asJson('Each container’s environment, with where each value comes from.'),
      env: {
        type: 'text/plain; charset=utf-8',
        describe:
          'What `env` prints inside each container: NAME=value lines, one a variable; a value with a control character (a newline) or a leading " as a JSON string.',
        render: (v) =>
          v.output.containers.map((c) => `# container ${c.name}\n${c.env.map(envLine).join('\n')}`).join('\n\n') + '\n',
      },
    },
  },
  mcp: {
    tool: 'pod_environment',
    title: 'Environment of a Pod’s containers',
    description:
      'Computes the environment variables a container process sees, as the kubelet builds them from the manifests: env (valueFrom ConfigMap, Secret, ' +
      'fieldRef, resourceFieldRef; $(VAR) expansion), envFrom, and the Docker-style service links ({SVC}_SERVICE_HOST, {SVC}_SERVICE_PORT, {SVC}_PORT_<port>_TCP…) ' +
      'plus KUBERNETES_SERVICE_HOST/PORT; explicit env wins over service links; enableServiceLinks: false turns them off. The Pod may be one the cluster creates ' +
      '(a StatefulSet’s default/web-0). Example: {"manifests": "…", "pod": "default/web-0"}.',
    maxChars: 12000,
    text: (out) =>
      [
        ...out.containers.map(
          (c) => `# container ${c.name}\n${c.env.map((e) => `${envLine(e)}  # ${e.source}`).join('\n')}`,
        ),
        ...out.warnings.map((w) => `Warning: ${w}`),
      ].join('\n\n'),
  },
  graphql: {
    field: 'podEnvironment',
    resolver: 'generated',
    args: CLUSTER_ARGS,
  },
});
