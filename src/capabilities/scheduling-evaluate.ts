// schedulingEvaluate: whether and why a Pod fits each Node, as kube-scheduler's default profile decides.
import { z } from 'zod';
import * as kernel from '../k8s';
import type { Locale } from '../knowledge/types';
import { COMPUTATION, defineCapability, named } from './capability';
import { languageOf } from './language';
import { clusterCost, exampleWhere, manifestInput } from './manifests';
import { asJson, TEXT } from './renderings';
import { schedulingLines, schedulingResult } from './shapes/scheduling';

// Whether an example's manifest is a scheduling question: Nodes, and a Pod to place. Others answer null.
const isSchedulingQuestion = exampleWhere((c) => c.nodes.length > 0 && c.pods.length > 0);

/**
 * The answer as lines of text: kube-scheduler's own English lines, after the summary in the reader's
 * language. A Korean reader always gets the Korean summary first; the English summary only repeats the
 * lines, so REST's terminal text leaves it out and MCP keeps it for the model (`englishSummary`).
 */
function schedulingText(out: z.output<typeof schedulingResult>, lang: Locale, englishSummary: boolean): string[] {
  const lines = schedulingLines(out);
  if (lang === 'ko') return [out.explanation.summary.ko, '', ...lines];
  return englishSummary ? [out.explanation.summary.en, '', ...lines] : lines;
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
        .max(kernel.MAX_SHAPE_POINTS)
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
    // What the run alone would find (no Pod, its PriorityClass missing…), listed with the fields' problems.
    (given, cluster) => kernel.schedulingProblems(given, cluster),
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
        render: (v) => `${schedulingText(v.output, languageOf(undefined, v.ctx), false).join('\n')}\n`,
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
    text: (out, _input, _extras, ctx) => schedulingText(out, languageOf(undefined, ctx), true).join('\n'),
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
