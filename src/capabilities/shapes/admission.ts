// What podAdmission answers (src/k8s/admission/model.ts), as an output schema: the JSON REST and MCP's
// structuredContent carry, and the GraphQL types generated from it.
import { z } from 'zod';
import { named } from '../capability';
import { explanation } from './explanation';
import { str } from './fields';

const filledDefault = named(
  z.object({
    container: str('The container’s name.'),
    initContainer: z.boolean().describe('Whether it is an init container.'),
    field: z.enum(['requests', 'limits']).describe('requests (from defaultRequest) or limits (from default).'),
    resource: str('The resource: cpu, memory, ephemeral-storage, an extended resource.'),
    value: str('The quantity filled in, as the API server prints it (`500m`, `256Mi`).'),
    limitRange: str('The LimitRange it came from.'),
  }),
  { name: 'AdmissionDefault', description: 'A request or limit LimitRanger filled in from a LimitRange.' },
);

const quotaLine = named(
  z.object({
    resource: str('The quota resource: requests.cpu, limits.memory, pods, count/pods, requests.nvidia.com/gpu, …'),
    hard: str('The quota’s hard limit.'),
    usedBefore: str('Usage before this Pod.'),
    requested: str('What this Pod adds ("0" when the quota does not charge it).'),
    usedAfter: str('Usage once the Pod is created; the same as before when it is refused.'),
    exceeded: z.boolean().describe('Whether usage with this Pod passes hard.'),
  }),
  {
    name: 'AdmissionQuotaResource',
    description: 'One resource a ResourceQuota tracks for Pods, before and after the Pod.',
  },
);

const quotaUsage = named(
  z.object({
    name: str('The ResourceQuota’s name.'),
    namespace: str('Its namespace, the Pod’s.'),
    scopes: z.array(z.string()).describe('Its scopes as selectors: `BestEffort Exists`, `PriorityClass In [high]`.'),
    matches: z
      .boolean()
      .describe('Whether the Pod is charged to it: it tracks a Pod resource and every scope matches.'),
    usedFrom: z
      .enum(['status', 'pods'])
      .describe('Where usage before came from: the quota’s status.used, or the Pods given.'),
    resources: z.array(quotaLine).describe('Each Pod resource it tracks.'),
  }),
  { name: 'AdmissionQuota', description: 'A ResourceQuota of the Pod’s namespace and what the Pod does to it.' },
);

export const admissionOutput = named(
  z.object({
    allowed: z.boolean().describe('Whether the API server creates the Pod.'),
    pod: named(z.record(z.string(), z.unknown()), {
      name: 'AdmittedPod',
      description: 'A Pod as JSON.',
      json: true,
    }).describe(
      'The Pod as admitted, as `kubectl get pod -o json` shows it: LimitRanger’s defaults filled in, quantities printed canonically.',
    ),
    messages: z
      .array(z.string())
      .describe(
        'The API server’s messages: none when admitted, else the create’s error (`pods "web" is forbidden: …`).',
      ),
    defaults: z.array(filledDefault).describe('The requests and limits LimitRanger filled in.'),
    quota: z.array(quotaUsage).describe('Every ResourceQuota of the namespace, with usage before and after.'),
    explanation: explanation.describe('Why: each default, each LimitRange and each quota, in English and Korean.'),
  }),
  { name: 'PodAdmission', description: 'What LimitRange and ResourceQuota admission do to a Pod being created.' },
);
