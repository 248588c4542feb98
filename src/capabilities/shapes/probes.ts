// What the probe timeline kernel answers (src/k8s/probes), as an output schema, and its text for a
// model: one line per event that changed something.
import { z } from 'zod';
import { named } from '../capability';
import { bilingual, explanation } from './explanation';

const int = (description: string) => z.int().describe(description);

const endpoint = named(
  z.object({
    endpointSlice: z.string().describe('The EndpointSlice holding the Pod’s endpoint.'),
    addresses: z.array(z.string()).describe('The endpoint’s addresses (the Pod’s IPs).'),
    conditions: named(
      z.object({
        ready: z.boolean().optional().describe('The endpoint’s ready condition.'),
        serving: z.boolean().optional().describe('The endpoint’s serving condition.'),
        terminating: z.boolean().optional().describe('The endpoint’s terminating condition.'),
      }),
      { name: 'ProbeEndpointConditions', description: 'The conditions of an endpoint in an EndpointSlice.' },
    ).describe('Its conditions, as the EndpointSlice controller writes them.'),
  }),
  { name: 'ProbeEndpoint', description: 'The Pod’s endpoint in its Service’s EndpointSlice at one moment.' },
);

const event = named(
  z.object({
    t: int('The second, from the container’s first start.'),
    probe: z.enum(['startup', 'liveness', 'readiness']).nullable().describe('The probe that ran, or null.'),
    result: z.enum(['success', 'failure', 'timeout']).nullable().describe('Its result, or null.'),
    effect: z
      .enum([
        'containerStarted',
        'started',
        'ready',
        'notReady',
        'killing',
        'containerExited',
        'backOff',
        'podFailed',
        'podSucceeded',
      ])
      .nullable()
      .describe(
        'What changed: containerStarted, started (the startup probe succeeded), ready, notReady, killing, containerExited, backOff, podFailed, podSucceeded; null when nothing did.',
      ),
    restartCount: int('The container’s restartCount at that moment.'),
    count: named(
      z.object({
        consecutive: int('Results of this kind in a row so far.'),
        threshold: int('The threshold that acts on them (failureThreshold or successThreshold).'),
      }),
      { name: 'ProbeCount', description: 'Consecutive probe results against their threshold.' },
    )
      .optional()
      .describe('For a probe result: how many in a row, against the threshold.'),
    endpoint: endpoint
      .nullable()
      .optional()
      .describe('At a Ready change or the Pod’s end: its endpoint in the EndpointSlice, or null when it left it.'),
    text: bilingual.describe('What happened, in the kubelet’s words where it has them.'),
  }),
  { name: 'ProbeEvent', description: 'One moment of a probe timeline.' },
);

const summary = named(
  z.object({
    durationSeconds: int('The seconds simulated.'),
    restarts: int('Container restarts.'),
    killedBy: named(
      z.object({ liveness: int('Kills by the liveness probe.'), startup: int('Kills by the startup probe.') }),
      { name: 'ProbeKills', description: 'Kills per probe.' },
    ).describe('Kills per probe.'),
    crashes: int('Exits the process made by itself.'),
    firstReadyAt: z.int().nullable().describe('The second the Pod first turned Ready, or null.'),
    readySeconds: int('Seconds the Pod was Ready.'),
    readyTransitions: int('Ready and not-Ready changes.'),
    longestBackOffSeconds: int('The longest CrashLoopBackOff wait.'),
    finalState: z
      .enum(['running', 'terminating', 'waiting', 'terminated'])
      .describe('The container’s state at the end: running, terminating, waiting or terminated.'),
    podPhase: z.enum(['Running', 'Failed', 'Succeeded']).describe('The Pod’s phase at the end.'),
    ready: z.boolean().describe('Whether the Pod is Ready at the end.'),
  }),
  { name: 'ProbeTimelineSummary', description: 'A probe timeline in figures.' },
);

const finding = named(
  z.object({
    code: z.string().describe('A stable name, e.g. `livenessKillsSlowStart`, `readinessEqualsLiveness`.'),
    severity: z.enum(['warning', 'info']).describe('warning or info.'),
    path: z.string().describe('The field it is about, e.g. `container.livenessProbe.initialDelaySeconds`.'),
    text: bilingual.describe('What is wrong and what to do.'),
  }),
  { name: 'ProbeFinding', description: 'A probe setting that is likely wrong, with the field it is about.' },
);

export const probeTimelineOutput = named(
  z.object({
    container: z.string().describe('The container simulated.'),
    events: z.array(event).describe('The moments that changed something, in order.'),
    truncated: z.boolean().describe('True when there were more events than are returned.'),
    summary: summary.describe('The whole scenario in figures.'),
    findings: z.array(finding).describe('Probe settings that are likely wrong.'),
    explanation: explanation.describe('The kubelet’s rules behind the timeline.'),
  }),
  { name: 'ProbeTimeline', description: 'What the kubelet does with a container’s probes over a scenario.' },
);

type Timeline = z.output<typeof probeTimelineOutput>;

/** For a model: the summary, the findings, then one line per event that changed something. */
export function timelineText(out: Timeline): string {
  const lines = [
    out.explanation.summary.en,
    ...out.findings.map((f) => `Finding (${f.severity}) ${f.path}: ${f.text.en}`),
    '',
    ...out.events.filter((e) => e.effect).map((e) => `${e.t} s  ${e.effect}: ${e.text.en}`),
  ];
  if (out.truncated) lines.push('… more events than are returned; the summary covers the whole scenario.');
  return lines.join('\n');
}
