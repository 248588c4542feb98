// clusterApply: what a cluster holds a few seconds after `kubectl apply -f` of the objects — the
// API server's defaults, validation and allocation, the controllers' objects, scheduling and the
// kubelet — with the refusals, the events and what is illustrative (src/k8s/cluster).
import { z } from 'zod';
import { stringify } from 'yaml';
import { clusterApply as apply, dryRunCost } from '../k8s/cluster';
import { COMPUTATION, defineCapability } from './capability';
import { CLUSTER_ARGS, clusterOptions } from './cluster-fields';
import { eachObjectInput } from './manifests';
import { asJson } from './renderings';
import { clusterApplyResult } from './shapes/cluster';

type Result = z.output<typeof clusterApplyResult>;

// What kubectl apply prints on stderr: the refusals, the warnings, and the Warning events.
function stderrLines(r: Result): string[] {
  return [
    ...r.rejected.map((x) => `Error from server (Invalid): ${x.message}`),
    ...r.warnings.map((w) => `Warning: ${w}`),
    ...r.events.filter((e) => e.type === 'Warning').map((e) => `${e.object}: ${e.reason}: ${e.message}`),
  ];
}

interface Addressed {
  spec?: { nodeName?: string; clusterIP?: string; ports?: { port?: number; nodePort?: number; protocol?: string }[] };
  status?: { podIP?: string; phase?: string };
}

// What a reader asks of an object first: a Pod's IP and Node (or its phase while it has none), a
// Service's cluster IP and ports, as `kubectl get -o wide` shows them.
function addresses(kind: string, o: Addressed): string {
  if (kind === 'Pod')
    return o.status?.podIP ? ` ${o.status.podIP} on ${o.spec?.nodeName}` : ` ${o.status?.phase ?? 'Pending'}`;
  if (kind !== 'Service' || !o.spec) return '';
  const ports = (o.spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`);
  return `${o.spec.clusterIP ? ` ${o.spec.clusterIP}` : ''}${ports.length ? ` ${ports.join(',')}` : ''}`;
}

// The summary (its counts of refusals, Pending Pods and warnings), then the refusals as kubectl prints
// them, then each object with its addresses.
function applyText(r: Result): string {
  const made = r.objects.map((o) => {
    const m = o.metadata as { name: string; namespace?: string };
    const kind = String(o.kind);
    return `${kind.toLowerCase()}/${m.name}${m.namespace ? ` (${m.namespace})` : ''}${addresses(kind, o)}`;
  });
  return [`# ${r.explanation.summary.en}`, ...stderrLines(r), ...made].join('\n');
}

// The same lines as YAML comments above the objects: a YAML answer must not hide that an object was
// refused or a workload is stuck (YAML readers pass over comments).
const yamlComments = (r: Result): string =>
  stderrLines(r)
    .map((l) => `# ${l.replace(/\n/g, '\n# ')}\n`)
    .join('');

export const clusterApply = defineCapability({
  name: 'clusterApply',
  summary: 'Dry-run kubectl apply: the cluster the objects settle into',
  description:
    'Applies the objects to a simulated kubeadm cluster (service CIDR 10.96.0.0/12, pod CIDR 10.244.0.0/16, three Ready worker Nodes unless given) and returns every object as it would be a few seconds later: Services defaulted with cluster IPs and node ports, Deployments with their ReplicaSets and Pods, StatefulSet Pods with their ordinal names, Pods scheduled with IPs and Ready conditions, the Services’ EndpointSlices. Objects the API server would refuse are listed with its exact message; the rest go on, as kubectl apply does.',
  input: eachObjectInput({
    cluster: clusterOptions.optional().describe('The simulated cluster; kubeadm’s defaults unless given.'),
  }),
  output: clusterApplyResult,
  ...COMPUTATION,
  // The controllers multiply objects: replicas, parallelism and DaemonSets × Nodes are Pods to place.
  cost: ({ values, cluster }) => dryRunCost(values, cluster?.nodes),
  run: ({ values, cluster }) => apply(values, cluster ?? {}),
  rest: {
    method: 'POST',
    path: '/v1/cluster/apply',
    params: CLUSTER_ARGS,
    tag: 'cluster',
    manifests: true,
    formats: {
      json: asJson('The settled objects, refusals, events, warnings and explanation.'),
      yaml: {
        type: 'application/yaml; charset=utf-8',
        describe:
          'The settled objects as YAML documents, as `kubectl get -o yaml` prints them one by one, after comment lines with the refusals, warnings and Warning events (what kubectl prints on stderr).',
        render: (v) =>
          `${yamlComments(v.output)}${v.output.objects.map((o) => stringify(o).trimEnd()).join('\n---\n')}\n`,
      },
    },
  },
  mcp: {
    tool: 'cluster_apply',
    title: 'Dry-run kubectl apply',
    description:
      'Settles Kubernetes manifests as a real cluster would a few seconds after `kubectl apply -f`: the API server defaults and validates each object ' +
      '(refusing invalid ones with its exact message) and allocates Service cluster IPs and node ports; the controllers create ReplicaSets and Pods ' +
      '(StatefulSet Pods get <name>-<i>, hostname and subdomain); the scheduler places Pods (FailedScheduling when none fits); the kubelet gives Pod IPs; ' +
      "the EndpointSlice controller writes the Services' EndpointSlices. Warnings name Pods left Pending and workloads short of their replicas. " +
      'Use it to show what objects a manifest creates, why an apply fails, or which IPs and names result. ' +
      'Example: {"manifests": "apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata: {name: db}\\nspec: {serviceName: db, replicas: 2, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres}]}}}"}.',
    maxChars: 12000,
    cut: () => 'Ask about fewer objects, or use the REST route for the whole answer.',
    text: (out) => applyText(out),
  },
  graphql: {
    field: 'clusterApply',
    resolver: 'generated',
    example: {
      field: 'clusterApply',
      description:
        'What the cluster holds a few seconds after `kubectl apply -f` of the example: its objects settled, the Pods its controllers create (a StatefulSet’s db-0…), refusals and warnings.',
      args: ['nodes'],
    },
    args: CLUSTER_ARGS,
  },
});
