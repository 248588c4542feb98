// probesTimeline: what the kubelet does with a container's probes over a scenario, second by second.
import { z } from 'zod';
import * as kernel from '../k8s';
import { DEFAULT_MANIFEST_LIMITS, isObj } from '../k8s/objects';
import { MAX_EVENTS, SCENARIO_LIMITS } from '../k8s/probes';
import { COMPUTATION, defineCapability, named } from './capability';
import { exampleWhere } from './manifests';
import type { ProblemParams } from './problems';
import { asJson } from './renderings';
import { probeTimelineOutput, timelineText } from './shapes/probes';

const MAX = SCENARIO_LIMITS.maxDurationSeconds;
const seconds = (what: string, min: number) => z.int().min(min).max(MAX).optional().describe(what);
const object = (what: string) => z.record(z.string(), z.unknown()).optional().describe(what);
const probeTypes = z.enum(['startup', 'liveness', 'readiness']);

const failure = z.strictObject({
  probes: z
    .union([probeTypes, z.array(probeTypes)])
    .optional()
    .describe('The probes that fail: "startup", "liveness", "readiness" or a list; default all of them.'),
  from: z.int().min(0).max(MAX).describe('The second the failure starts.'),
  forSeconds: seconds('How long it lasts (an outside cause); left out: a hang that only a restart ends.', 1),
  result: z.enum(['failure', 'timeout']).optional().describe('How the probes fail; default failure.'),
});

const scenario = z
  .strictObject({
    durationSeconds: seconds(`The seconds simulated, 1–${MAX}; default 300.`, 1),
    startupSeconds: seconds('After each start, the app answers its probes from this second on; default 0.', 0),
    shutdownSeconds: seconds('The app exits this long after SIGTERM (SIGKILL at the grace period); default 1.', 0),
    failures: z
      .array(failure)
      .max(SCENARIO_LIMITS.maxFailures)
      .optional()
      .describe(`Spans in which probes fail, at most ${SCENARIO_LIMITS.maxFailures}.`),
    crash: z
      .strictObject({
        afterSeconds: z.int().min(1).max(MAX).describe('Seconds after each start.'),
        exitCode: z.int().min(0).max(255).optional().describe('Its exit code; default 1.'),
      })
      .optional()
      .describe('The process exits by itself this long after each start (a crash loop).'),
  })
  .optional()
  .describe('What the app does, on a clock of whole seconds from the container’s first start.');

/**
 * The Pod comes from one of `manifests`, `pod` and `container`: more than one is the kernel's one problem
 * (src/k8s/probes/input.ts), and none of them is read, so no problem of their own values comes with it
 * (`"pod": null` beside the text was only "pod: must be an object"). Null is a value sent, as for every
 * optional field on REST and MCP (docs/errors.md); said whatever else failed, as `objects` and `manifests`.
 */
function oneSource(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (!isObj(v)) return;
  const refuse = (path: string, message: string, supersedes: string[]) =>
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message,
      params: { code: 'FIELD_INVALID', supersedes } satisfies ProblemParams,
    });
  const pod = v.pod !== undefined;
  const container = v.container !== undefined;
  if (v.manifests !== undefined && (pod || container))
    refuse('manifests', 'give manifests, a pod or a container, one of them', ['manifests', 'pod', 'container']);
  else if (pod && container) refuse('container', 'give a pod or a container, not both', ['pod', 'container']);
}

// Whether an example's manifest ends with a Pod with a probe to simulate. Others answer null.
const hasProbedPod = exampleWhere(
  (c) => !!c.pods.at(-1)?.spec.containers.some((x) => x.startupProbe ?? x.livenessProbe ?? x.readinessProbe),
);

export const probesTimeline = defineCapability({
  name: 'probesTimeline',
  summary: 'A container’s probe timeline, as the kubelet runs it',
  description:
    'What the kubelet does with a container’s startup, liveness and readiness probes over a scenario (when the app answers, when and for how long it fails, whether it crashes): every probe result that changes something, kills and restarts with the back-off (10 s doubling to 5 min), Ready changes and the Pod’s endpoint in its Service’s EndpointSlice at each, a summary, findings about the settings (a liveness probe that kills a slow start, readiness equal to liveness, a long initialDelaySeconds where a startup probe belongs), and an explanation in English and Korean. Send the request as JSON or as YAML (the same fields). Timing is illustrative: probe ticks are aligned to the container’s first start.',
  input: z
    .strictObject({
      pod: object('The Pod, as `kubectl get pod -o json` prints it. Give this, `container` or `manifests`.'),
      container: object(
        'One container with its probes, for a Pod made around it (with `restartPolicy` and `terminationGracePeriodSeconds`). Give this or `pod`.',
      ),
      restartPolicy: named(z.enum(['Always', 'OnFailure', 'Never']), {
        name: 'RestartPolicy',
        description: 'The Pod’s restartPolicy.',
        values: {
          Always: 'Restart the container whenever it exits (the default).',
          OnFailure: 'Restart it only when it exits with a non-zero code.',
          Never: 'Never restart it: the Pod ends.',
        },
      })
        .optional()
        .describe('With `container`: the Pod’s restartPolicy; default Always.'),
      terminationGracePeriodSeconds: z
        .int()
        .min(1)
        .max(MAX)
        .optional()
        .describe('With `container`: the Pod’s terminationGracePeriodSeconds; default 30.'),
      containerName: z
        .string()
        .max(63)
        .optional()
        .describe('With `pod`: the container to simulate; default the first.'),
      manifests: z
        .string()
        .max(DEFAULT_MANIFEST_LIMITS.maxBytes)
        .optional()
        .describe(
          'Instead of `pod`: manifest text (YAML or JSON, as `kubectl get -o yaml` prints it) whose last Pod is simulated, with its first Service unless `service` is given.',
        ),
      service: object('The Service whose EndpointSlice shows the Pod; default a Service selecting it.'),
      scenario,
    })
    .superRefine(oneSource, { when: () => true }),
  output: probeTimelineOutput,
  ...COMPUTATION,
  // The simulation steps every second of the scenario, and each step runs every probe due: with three
  // probes every second, 86 400 s took 0.5-0.9 s of CPU (a dry-run costs about 10 per CPU ms; issue 10).
  // One per 20 s prices a day at 4 321, so one fits MAX_REQUEST_COST and three aliases of it do not.
  cost: ({ scenario: s }) => 1 + Math.ceil((s?.durationSeconds ?? 300) / 20),
  run: (input) => kernel.probeTimeline(input),
  rest: {
    method: 'POST',
    path: '/v1/probes/timeline',
    tag: 'probes',
    yaml: true,
    formats: { json: asJson(`The timeline (at most ${MAX_EVENTS} events), summary, findings and explanation.`) },
  },
  mcp: {
    tool: 'probe_timeline',
    title: 'Probe timeline of a container',
    description:
      'Simulates what the kubelet does with a container’s startup, liveness and readiness probes over a scenario: when it ' +
      'kills and restarts the container (with CrashLoopBackOff back-off), when the Pod turns Ready or not Ready and leaves or ' +
      'rejoins its Service’s endpoints, and which probe settings are likely wrong. Use it to answer "why does my Pod keep ' +
      'restarting?" or "how long until traffic reaches it?". Example: {"container": {"name": "web", "image": "web:1", ' +
      '"livenessProbe": {"httpGet": {"path": "/livez", "port": 8080}, "periodSeconds": 10, "failureThreshold": 3}}, ' +
      '"scenario": {"durationSeconds": 200, "startupSeconds": 45}}.',
    maxChars: 12000,
    cut: () => 'Shorten scenario.durationSeconds, or raise maxChars.',
    text: (out) => timelineText(out),
  },
  graphql: {
    field: 'probeTimeline',
    resolver: 'generated',
    example: {
      field: 'probeTimeline',
      description:
        'What the kubelet does with the probes of the example’s Pod (its last; the first container unless `containerName`) over a scenario; null when the example has no Pod with a probe.',
      args: ['containerName', 'scenario'],
      applies: hasProbedPod,
    },
  },
});
