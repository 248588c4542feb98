// podAdmission: what the API server's LimitRanger and ResourceQuota admission do to a Pod being created
// in a namespace: the Pod as admitted (defaults filled in), or the API server's refusal, with each
// quota's usage before and after.
import { z } from 'zod';
import { stringify } from 'yaml';
import { KubeknowError } from '../errors';
import * as kernel from '../k8s';
import { parseObjects, type Cluster, type Pod } from '../k8s/objects';
import { COMPUTATION, defineCapability } from './capability';
import { clusterCost, exampleWhere, manifestInput } from './manifests';
import type { ProblemParams } from './problems';
import { asJson } from './renderings';
import { admissionOutput } from './shapes/admission';

// The Pod read as a one-object manifest; its problems are reported from `pod` (`pod.spec.containers[0]…`).
const pod = z
  .unknown()
  .transform((value, ctx): Pod => {
    try {
      const [one] = parseObjects([value], 'pod').pods;
      if (one) return one;
      ctx.addIssue({
        code: 'custom',
        message: 'must be a Pod (kind: Pod, apiVersion: v1)',
        params: { code: 'FIELD_INVALID' } satisfies ProblemParams,
      });
    } catch (e) {
      if (!(e instanceof KubeknowError) || !e.problems.every((p) => p.code.startsWith('FIELD_'))) throw e;
      for (const p of e.problems) {
        const problem = { ...p, path: p.path.replace(/^pod\[0\]/, 'pod') };
        ctx.addIssue({ code: 'custom', message: p.message, params: { problem } satisfies ProblemParams });
      }
    }
    return z.NEVER;
  })
  .meta({ type: 'object' })
  .describe(
    'The Pod to create, as a manifest (JSON). Leave it out to admit the last Pod of the objects or manifests; the other objects are the namespace as it is (LimitRanges, ResourceQuotas, Pods already running).',
  );

type Output = z.output<typeof admissionOutput>;

// For a model: the verdict and the API server's message first, then the defaults and each quota's sums.
function admissionText(out: Output, name: string): string {
  const lines = [out.allowed ? `Pod ${name}: admitted.` : `Pod ${name}: refused.`, ...out.messages];
  if (out.defaults.length) lines.push('', 'Filled in by LimitRanger:');
  for (const d of out.defaults)
    lines.push(
      `- ${d.initContainer ? 'init container' : 'container'} ${d.container}: ${d.field}.${d.resource} = ${d.value} (LimitRange ${d.limitRange})`,
    );
  for (const q of out.quota) {
    lines.push(
      '',
      `ResourceQuota ${q.name}${q.scopes.length ? ` (${q.scopes.join('; ')})` : ''}: ${q.matches ? 'charges this Pod' : 'does not charge this Pod'}`,
    );
    for (const r of q.resources)
      lines.push(
        `  ${r.resource}: used ${r.usedBefore} + ${r.requested} of hard ${r.hard}${r.exceeded ? ' — exceeded' : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** The Pod given, or the last Pod of the manifests; the rest of the manifests are what the namespace holds. */
function podAndCluster(v: { cluster: Cluster; pod?: Pod }, ctx: z.RefinementCtx): { cluster: Cluster; pod: Pod } {
  const chosen = v.pod ?? v.cluster.pods.at(-1);
  if (!chosen) {
    ctx.addIssue({
      code: 'custom',
      path: ['pod'],
      message: 'required: the Pod to admit, as `pod` or as the last Pod of the objects or manifests',
      params: { code: 'FIELD_REQUIRED' } satisfies ProblemParams,
    });
    return z.NEVER;
  }
  return { cluster: v.cluster, pod: chosen };
}

// Whether an example's manifest is an admission question: a Pod, and a LimitRange or ResourceQuota. Others answer null.
const isAdmissionQuestion = exampleWhere(
  (c) => c.pods.length > 0 && c.others.some((o) => o.kind === 'LimitRange' || o.kind === 'ResourceQuota'),
);

export const podAdmission = defineCapability({
  name: 'podAdmission',
  summary: 'What LimitRange and ResourceQuota admission do to a Pod',
  description:
    'Creates a Pod in its namespace the way the API server admits it: LimitRanger fills in default requests and limits and checks min, max and maxLimitRequestRatio per Container and per Pod; ResourceQuota charges the Pod to every quota whose scopes match it. Answers the Pod as admitted, or the API server’s exact refusal (`pods "web" is forbidden: exceeded quota: …`), each quota’s usage before and after, and why.',
  input: manifestInput({ pod: pod.optional() }, 'as given').transform(podAndCluster),
  output: admissionOutput,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster) + 1,
  run: ({ cluster, pod: p }) => kernel.podAdmission(cluster, p),
  rest: {
    method: 'POST',
    path: '/v1/admission/pod',
    tag: 'admission',
    manifests: true,
    formats: {
      json: asJson('Whether the Pod is admitted, the Pod as admitted, the API server’s messages, quota usage and why.'),
      yaml: {
        type: 'application/yaml; charset=utf-8',
        describe: 'The Pod as admitted, as `kubectl get pod -o yaml` shows it (refused: the Pod as defaulted).',
        render: (v) => stringify(v.output.pod),
      },
    },
  },
  mcp: {
    tool: 'pod_admission',
    title: 'LimitRange and ResourceQuota admission of a Pod',
    description:
      'Computes what the API server does when a Pod is created in a namespace with LimitRanges and ResourceQuotas: the ' +
      'default requests and limits LimitRanger fills in, its min/max/maxLimitRequestRatio checks, and ResourceQuota’s ' +
      'charge (requests/limits of cpu, memory, ephemeral-storage, extended resources, pods, count/pods; scopes BestEffort, ' +
      'NotBestEffort, Terminating, NotTerminating, PriorityClass). Returns whether it is admitted, the exact refusal message ' +
      '(e.g. `pods "web" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1800m, ' +
      'limited: requests.cpu=2`), the filled defaults and each quota’s usage. Use it for "why was my Pod forbidden", ' +
      '"why does my Deployment have 2 of 3 Pods" or "what limits will my container get". Give the namespace’s ' +
      'LimitRanges, ResourceQuotas and running Pods, with the new Pod last. Example: {"manifests": "apiVersion: v1\\nkind: ' +
      'ResourceQuota\\nmetadata: {name: q, namespace: shop}\\nspec: {hard: {pods: \\"1\\"}}\\n---\\napiVersion: v1\\nkind: ' +
      'Pod\\nmetadata: {name: web, namespace: shop}\\nspec: {containers: [{name: c, image: nginx}]}"}.',
    maxChars: 12000,
    text: (out, input) => admissionText(out, input.pod.metadata.name),
  },
  graphql: {
    field: 'podAdmission',
    resolver: 'generated',
    example: {
      field: 'podAdmission',
      description:
        'What LimitRange and ResourceQuota admission do to the example’s Pod (its last): the defaults filled in, or the API server’s refusal; null when the example has no Pod, or no LimitRange or ResourceQuota.',
      args: [],
      applies: isAdmissionQuestion,
    },
  },
});
