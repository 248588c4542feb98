// What the scheduling kernel answers (src/k8s/scheduling/types.ts SchedulingResult), as an output
// schema, and its lines for a terminal or a model: the verdict, then each node's.
import { z } from 'zod';
import { named } from '../capability';
import { bilingual, explanation } from './explanation';

const names = (description: string) => z.array(z.string()).describe(description);
const perPlugin = (description: string) => z.record(z.string(), z.number()).describe(description);

const failure = named(
  z.object({
    plugin: z.string().describe('The Filter plugin, e.g. `TaintToleration`.'),
    code: z
      .enum(['Unschedulable', 'UnschedulableAndUnresolvable'])
      .describe('Unschedulable (preemption might help) or UnschedulableAndUnresolvable (it cannot).'),
    reasons: names('Its reasons, as kube-scheduler records them.'),
    text: bilingual.describe('Why, for this node.'),
  }),
  { name: 'SchedulingFilterFailure', description: 'One Filter plugin’s rejection of a node.' },
);

const node = named(
  z.object({
    name: z.string().describe('The node.'),
    feasible: z.boolean().describe('Whether every Filter plugin lets the Pod run there.'),
    reasons: names('The reasons of the first plugin that rejected it, as the FailedScheduling message counts them.'),
    scores: perPlugin('Normalized score 0–100 per Score plugin (feasible nodes only).'),
    totalScore: z.number().describe('Σ weight × score over the Score plugins; 0 when not scored.'),
    failures: z.array(failure).describe('Every Filter plugin that rejects it, in profile order.'),
    evaluated: z.boolean().describe('False when percentageOfNodesToScore stopped the search before this node.'),
  }),
  { name: 'SchedulingNode', description: 'One node’s verdict: filtered out and why, or its scores.' },
);

const victim = named(
  z.object({
    name: z.string().describe('The Pod.'),
    namespace: z.string().describe('Its namespace.'),
    priority: z.int().describe('Its priority.'),
  }),
  { name: 'PreemptionVictim', description: 'A Pod that preemption would evict.' },
);

const preemption = named(
  z.object({
    eligible: z.boolean().describe('Whether the Pod may preempt at all (not with preemptionPolicy: Never).'),
    nominatedNode: z.string().nullable().describe('The node it would be nominated to, or null.'),
    victims: z.array(victim).describe('The Pods evicted there.'),
    candidates: z
      .array(
        named(
          z.object({
            node: z.string().describe('The node.'),
            victims: z.array(victim).describe('The Pods preemption would evict there.'),
          }),
          { name: 'PreemptionCandidate', description: 'A node where preemption would make room.' },
        ),
      )
      .describe('Per node: the victims preemption would evict there.'),
    message: z.string().nullable().describe('The preemption part of the FailedScheduling message, or null.'),
  }),
  { name: 'Preemption', description: 'What preemption would do when no node fits.' },
);

export const schedulingResult = named(
  z.object({
    selectedNode: z.string().nullable().describe('The node the Pod goes to, or null when it stays Pending.'),
    message: z
      .string()
      .nullable()
      .describe('The FailedScheduling message as kube-scheduler words it (`0/3 nodes are available: …`), or null.'),
    nodes: z.array(node).describe('Every node’s verdict.'),
    preemption: preemption.optional().describe('When no node fits: what preemption would do.'),
    tiedWith: names(
      'Nodes with the winner’s total score: kube-scheduler picks among them at random, kubeknow by name.',
    ),
    weights: perPlugin('The Score plugins’ weights in the default profile, as used for totalScore.'),
    priority: z.int().describe('The Pod’s priority as the scheduler sees it.'),
    warnings: names('Objects left out (unbound Pods, Pods bound to unknown nodes).'),
    explanation: explanation.describe('Why, step by step, in English and Korean.'),
  }),
  {
    name: 'SchedulingResult',
    description: 'One scheduling cycle of kube-scheduler’s default profile for one Pod.',
  },
);

type Result = z.output<typeof schedulingResult>;

/** The verdict, then one line per node: its total score, or why it was filtered out. */
export function schedulingLines(r: Result): string[] {
  const verdict = r.selectedNode ? `selected: ${r.selectedNode}` : `FailedScheduling: ${r.message ?? ''}`;
  const p = r.preemption;
  const nominated = p?.nominatedNode
    ? [
        `nominated: ${p.nominatedNode}, once preemption evicts ${p.victims.map((v) => `${v.namespace}/${v.name}`).join(', ')}`,
      ]
    : [];
  return [
    verdict,
    ...nominated,
    ...r.nodes.map((n) =>
      !n.evaluated
        ? `${n.name}: not evaluated (percentageOfNodesToScore)`
        : n.feasible
          ? // The scheduler scores nothing when one node alone fits (schedule.ts): say so, not "score 0".
            `${n.name}: fits, ${Object.keys(n.scores).length ? `score ${n.totalScore}` : 'not scored (the only node that fits)'}`
          : `${n.name}: ${n.failures.map((f) => `${f.plugin}: ${f.reasons.join(', ')}`).join('; ')}`,
    ),
  ];
}
