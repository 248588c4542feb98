// schedulingEvaluate: whether and why a Pod fits each Node, as kube-scheduler's default profile decides.
import { z } from 'zod';
import { KubeknowError, type Problem } from '../errors';
import * as kernel from '../k8s';
import { parseObjects, SYSTEM_PRIORITY_CLASSES, type Cluster, type Pod } from '../k8s/objects';
import { COMPUTATION, defineCapability, named } from './capability';
import { languageOf } from './language';
import { clusterCost, exampleWhere, manifestInput } from './manifests';
import { asJson, TEXT } from './renderings';
import { schedulingLines, schedulingResult } from './shapes/scheduling';

// Whether an example's manifest is a scheduling question: Nodes, and a Pod to place. Others answer null.
const isSchedulingQuestion = exampleWhere((c) => c.nodes.length > 0 && c.pods.length > 0);

/** The Pod given as `pod`, read as the kernel reads it (its problems at `pod.…`); undefined when it has problems. */
function givenPod(value: unknown, problems: Problem[]): Pod | undefined {
  // Not an object: the schema's own check of `pod` says so.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  try {
    const pods = parseObjects([value], 'pod').pods;
    if (!pods.length)
      problems.push({ code: 'FIELD_INVALID', path: 'pod.kind', message: 'must be Pod', value: (value as Pod).kind });
    return pods[0];
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    // parseObjects names the one object pod[0]; the request calls it `pod`.
    for (const p of e.problems) problems.push({ ...p, path: `pod${p.path.slice('pod[0]'.length)}` });
    return undefined;
  }
}

/**
 * The problems scheduleIn (src/k8s/scheduling/request.ts) would find at run time, found here with the
 * fields' own so that one answer lists them all: a bad scoringStrategy used to hide an invalid `pod`, a
 * missing Pod or a missing PriorityClass until the client had fixed it. The kernel checks them again.
 */
function wholeProblems(given: Record<string, unknown>, cluster: Cluster | undefined): Problem[] {
  const problems: Problem[] = [];
  const podGiven = given.pod !== undefined;
  const pod = podGiven ? givenPod(given.pod, problems) : cluster?.pods.at(-1);
  if (!podGiven && cluster && !pod)
    problems.push({
      code: 'FIELD_REQUIRED',
      path: 'pod',
      message: 'Required value: the Pod to schedule: give "pod", or put the Pod last among the objects',
    });
  // The schema checks each point of the shape; their order, kube-scheduler's rule, only the run did.
  const shape = Array.isArray(given.shape) ? (given.shape as { utilization?: unknown }[]) : [];
  shape.forEach((p, i) => {
    const [before, at] = [shape[i - 1]?.utilization, p?.utilization];
    if (i && typeof before === 'number' && typeof at === 'number' && at <= before)
      problems.push({
        code: 'FIELD_INVALID',
        path: `shape[${i}].utilization`,
        message: 'utilizations must increase',
        value: at,
      });
  });
  const name = pod?.spec.priorityClassName;
  // The Priority admission plugin refuses a Pod whose class exists nowhere (framework/priority.ts's missingClass).
  if (pod && cluster && name && pod.spec.priority === undefined && SYSTEM_PRIORITY_CLASSES[name] === undefined)
    if (!cluster.priorityClasses.some((c) => c.metadata.name === name))
      problems.push({
        code: 'FIELD_INVALID',
        path: podGiven ? 'pod.spec.priorityClassName' : 'pod',
        message: `pods "${pod.metadata.name}" is forbidden: no PriorityClass with name ${name} was found`,
        value: name,
      });
  return problems;
}

export const schedulingEvaluate = defineCapability({
  name: 'schedulingEvaluate',
  summary: 'Where a Pod is scheduled, and why',
  description:
    'One scheduling cycle of kube-scheduler’s default profile (v1.35) for one Pod over the objects given (Nodes, bound Pods, PersistentVolumes and claims, StorageClasses, PriorityClasses, Namespaces, Services, StatefulSets, ReplicaSets): every node’s verdict from every Filter plugin, the scores of the nodes that pass, the chosen node (ties broken by name), or the FailedScheduling message word for word with what preemption would do, and an explanation in English and Korean. The Pod is `pod`, or else the last Pod of the objects (in YAML: the last document).',
  input: manifestInput(
    {
      pod: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('The Pod to place, as `kubectl get pod -o json` prints it; default the last Pod of the objects.'),
      scoringStrategy: named(z.enum(['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']), {
        name: 'ScoringStrategy',
        description: 'NodeResourcesFit’s scoring strategy (NodeResourcesFitArgs.scoringStrategy.type).',
        values: {
          LeastAllocated: 'Prefer the nodes with the most free resources: spread (the default).',
          MostAllocated: 'Prefer the fullest nodes: bin packing.',
          RequestedToCapacityRatio: 'Score by the `shape` of utilization to score.',
        },
      })
        .optional()
        .describe('NodeResourcesFit’s scoring strategy; default LeastAllocated.'),
      shape: z
        .array(
          z.strictObject({
            utilization: z.int().min(0).max(100).describe('Utilization, 0–100, increasing along the shape.'),
            score: z.int().min(0).max(10).describe('Its score, 0–10.'),
          }),
        )
        .min(1)
        .max(100)
        .optional()
        .describe('RequestedToCapacityRatio’s shape: [{ utilization, score }]; default [{0, 0}, {100, 10}].'),
      percentageOfNodesToScore: z
        .int()
        .min(0)
        .max(100)
        .optional()
        .describe(
          'kube-scheduler’s percentageOfNodesToScore (0: its adaptive default); left out, every node is evaluated.',
        ),
    },
    'as given',
    wholeProblems,
  ),
  output: schedulingResult,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, ...ask }) => kernel.scheduleIn(cluster, ask),
  rest: {
    method: 'POST',
    path: '/v1/scheduling/evaluate',
    tag: 'scheduling',
    manifests: true,
    formats: {
      json: asJson('Every node’s verdict, the chosen node or the FailedScheduling message, and the explanation.'),
      text: {
        type: TEXT,
        describe:
          'For a terminal: the chosen node or the FailedScheduling message, then a line per node (kube-scheduler’s words); in Korean (`?lang=ko`, Accept-Language), the explanation’s Korean summary first.',
        // The lines are kube-scheduler's own English, which the English summary only repeats; a Korean
        // reader gets the summary in Korean before them.
        render: (v) => {
          const lines = schedulingLines(v.output);
          const korean = languageOf(undefined, v.ctx) === 'ko';
          return `${(korean ? [v.output.explanation.summary.ko, '', ...lines] : lines).join('\n')}\n`;
        },
      },
    },
  },
  mcp: {
    tool: 'scheduling_evaluate',
    title: 'Where a Pod is scheduled, and why',
    description:
      'Runs kube-scheduler’s default profile for one Pod over the given Nodes and existing Pods (and PVs, PVCs, ' +
      'StorageClasses, PriorityClasses): which nodes pass every filter (taints and tolerations, node affinity and ' +
      'nodeSelector, pod affinity and anti-affinity, topology spread, resources, ports, volumes), how the others fail in ' +
      'kube-scheduler’s words, the scores, the chosen node, or the exact FailedScheduling message ("0/3 nodes are ' +
      'available: …") and what preemption would do. Use it to answer "will this Pod land on that node, and if not, why?" ' +
      'Example: {"manifests": "<Nodes>\\n---\\n<the Pod, last>"}.',
    maxChars: 12000,
    cut: () => 'Raise maxChars, or give fewer Nodes.',
    text: (out) => [out.explanation.summary.en, '', ...schedulingLines(out)].join('\n'),
  },
  graphql: {
    field: 'schedulingEvaluate',
    resolver: 'generated',
    example: {
      field: 'scheduling',
      description:
        'Where kube-scheduler would place the example’s Pod (its last) among its Nodes, and why; null when the example has no Node or no Pod.',
      args: ['scoringStrategy'],
      applies: isSchedulingQuestion,
    },
  },
});
