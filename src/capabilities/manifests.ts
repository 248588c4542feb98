// The input of every capability that computes from manifests: the cluster as JSON objects (a list,
// one object, or a `kind: List`) or as manifest text (YAML or JSON, as `kubectl get -o yaml|json`
// prints it), exactly one of the two, read into the kernel's Cluster. Manifest problems keep their
// paths from the objects' root (`objects[1].spec.ports[0].port`) however the manifests were sent;
// a text that cannot be read at all (bad YAML, too large) is reported alone, as nothing else about
// it can be said.
import { z } from 'zod';
import { FieldPath, KubeknowError, type Problem } from '../errors';
import { mayHavePrototypeKey, refusePrototypeKeys } from '../http/json-body';
import {
  decodeManifests,
  DEFAULT_MANIFEST_LIMITS,
  flattenObjects,
  isObj,
  NOT_A_LIST,
  NOT_AN_OBJECT,
  parseManifests,
  parseObjects,
  type Cluster,
} from '../k8s/objects';
import { CLUSTER_DEFAULTS, planned, schedulingCost } from '../k8s/cluster';
import type { ProblemParams } from './problems';

/** The two ways of sending the cluster. Both sent is one problem, and neither is read, so no problem of
 * either is reported beside it: not a text's (reported at the objects' paths), nor a value of the wrong
 * type. `null` is a value sent, as it is for every optional field on REST and MCP (`clusterDomain: null`
 * is "must be a string"); GraphQL reads a null argument as one left out, as it does every argument. */
const BOTH = ['objects', 'manifests'];

/** Whether `objects` and `manifests` were both sent: if so, the one problem that says so, at `manifests`,
 * with neither read (BOTH). Every computation that takes the two says it alike (decodeSecret too). */
export function bothSent(v: { objects?: unknown; manifests?: unknown }, ctx: z.RefinementCtx): boolean {
  if (v.objects === undefined || v.manifests === undefined) return false;
  ctx.addIssue({
    code: 'custom',
    path: ['manifests'],
    message: 'give the objects or the manifests text, not both',
    params: { supersedes: BOTH } satisfies ProblemParams,
  });
  return true;
}

/** How a computation reads the manifests, said in the description of its `objects` and `manifests`. */
export type Reading = 'settled' | 'as given';

const WHOLE_CLUSTER: Record<Reading, string> = {
  // The DNS and EndpointSlice computations run the cluster dry-run first (src/k8s/cluster observe): saying
  // only "what is not in them does not exist" suggested a StatefulSet would give no Pods and no Pod names.
  settled:
    'They describe the whole (small) cluster, which is settled first as by clusterApply (a dry-run of `kubectl apply -f`): ' +
    'a Deployment or StatefulSet becomes its Pods, a Service gets its cluster IP; nothing else exists but the cluster’s own ' +
    'objects. EndpointSlices given for a Service are used as they are; otherwise they are derived from the settled Pods ' +
    '(labels, Ready condition, podIP).',
  'as given': 'They describe the whole (small) cluster, read as given: what is not in them does not exist.',
};

function clusterOr<T>(read: () => T, ctx: z.RefinementCtx): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof KubeknowError) || !e.problems.every((p) => p.code.startsWith('FIELD_'))) throw e;
    for (const problem of e.problems)
      ctx.addIssue({ code: 'custom', message: problem.message, params: { problem } satisfies ProblemParams });
    return z.NEVER;
  }
}

/** The documents of a manifest text (YAML or JSON). A YAML key `__proto__` is kept as an own key, as
 * JSON.parse keeps it: refused at its path from the objects' root, as a JSON body's is (json-body.ts). */
function documentsOf(text: string): unknown[] {
  const values = decodeManifests(text, undefined, DEFAULT_MANIFEST_LIMITS);
  if (mayHavePrototypeKey(text)) refusePrototypeKeys(values, FieldPath.root('objects'));
  return values;
}

// The fields only check what was sent; the cluster is read from the one of them given, once it is known
// that only one was (manifestInput): a text sent beside valid objects had its problems reported at the
// objects' paths, though neither was read.
const NOT_OBJECTS = 'must be a list of Kubernetes objects, one object, or a kind: List';

const objects = (reading: Reading) =>
  z
    .unknown()
    .refine((value) => typeof value === 'object' && value !== null, { message: NOT_OBJECTS })
    .meta({ type: ['array', 'object'] })
    .describe(
      `Kubernetes objects as JSON, as \`kubectl get -o json\` prints them: a list of objects and Lists, one object, or a kind: List. Give this or \`manifests\`. ${WHOLE_CLUSTER[reading]}`,
    );

const manifests = (reading: Reading) =>
  z
    .string()
    .meta({ maxLength: DEFAULT_MANIFEST_LIMITS.maxBytes })
    .describe(
      `Manifests as text, as \`kubectl get -o yaml\` prints them: YAML (documents separated by ---) or JSON, objects or Lists, at most ${DEFAULT_MANIFEST_LIMITS.maxBytes} bytes and ${DEFAULT_MANIFEST_LIMITS.maxObjects} objects. Give this or \`objects\`. ${WHOLE_CLUSTER[reading]}`,
    );

/** The cluster of the one of `objects` and `manifests` given, if it was sent as its field wants and could be
 * read; its problems are added to ctx, at their paths from the objects' root. */
function clusterOf(given: { objects?: unknown; manifests?: unknown }, ctx: z.RefinementCtx): Cluster | undefined {
  const { objects, manifests } = given;
  let cluster: Cluster | undefined;
  if (typeof objects === 'object' && objects !== null)
    cluster = clusterOr(() => parseObjects(Array.isArray(objects) ? objects : [objects]), ctx);
  else if (typeof manifests === 'string') cluster = clusterOr(() => parseObjects(documentsOf(manifests)), ctx);
  return cluster === z.NEVER ? undefined : cluster;
}

/** A computation's own options, as its input schema reads them. */
type Options<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

/** Problems of the input as a whole that only the cluster and the options together show (scheduling's
 * "no Pod to place"): `cluster` is undefined when the manifests themselves could not be read. */
export type WholeCheck = (given: Record<string, unknown>, cluster: Cluster | undefined) => Problem[];

/** The input of a computation: the manifests plus its own options, read into `{ cluster, …options }`;
 * `reading` says whether the computation settles them first or reads them as given. `check` adds the
 * problems the computation would find in the input as a whole, so that they are reported with those of
 * the fields rather than after the client has fixed them (a bad scoringStrategy hid that no Pod was given).
 * Both `objects` and `manifests` sent is that one problem: neither is read, and `check` is told no cluster
 * was read (scheduling added "pod: Required value" from the objects alone). */
export function manifestInput<S extends z.ZodRawShape>(options: S, reading: Reading, check?: WholeCheck) {
  // The cluster each parsed input was read into, by the superRefine, for the transform after it.
  const read = new WeakMap<object, Cluster>();
  return z
    .strictObject({ objects: objects(reading).optional(), manifests: manifests(reading).optional(), ...options })
    .superRefine(
      (v: { objects?: unknown; manifests?: unknown }, ctx) => {
        // Run whatever else failed (below): an input that is not an object is only that problem.
        if (!isObj(v)) return;
        let cluster: Cluster | undefined;
        const neither = v.objects === undefined && v.manifests === undefined;
        if (neither)
          ctx.addIssue({
            code: 'custom',
            path: ['objects'],
            message:
              'required: the Kubernetes objects of the cluster, as `objects` or as `manifests` text (an empty list is an empty cluster)',
            params: { code: 'FIELD_REQUIRED' } satisfies ProblemParams,
          });
        else if (!bothSent(v, ctx)) cluster = clusterOf(v, ctx);
        if (cluster) read.set(v, cluster);
        for (const problem of check?.(v, cluster) ?? [])
          ctx.addIssue({ code: 'custom', message: problem.message, params: { problem } satisfies ProblemParams });
      },
      // Whether the cluster was given at all is worth saying alongside any other problem.
      { when: () => true },
    )
    .transform((v): Options<S> & { cluster: Cluster } => {
      const { objects: _objects, manifests: _manifests, ...rest } = v as { objects?: unknown; manifests?: unknown };
      return { ...(rest as Options<S>), cluster: read.get(v)! };
    });
}

/**
 * The work of a computation over a cluster, counted before it runs: its objects, plus what their
 * answers multiply — every endpoint address of an EndpointSlice or Endpoints once per port (a headless
 * Service's A and SRV records), and a Service with a selector once per port for every Pod of its
 * namespace (the endpoints it derives from Pods). An upper bound, cheap to count, so that a request
 * whose answer would multiply (issue 10: 1 MB in, 43 MB out) is refused before the work.
 */
export function clusterCost(cluster: Cluster): number {
  const podsIn = new Map<string, number>();
  for (const pod of cluster.pods) podsIn.set(pod.metadata.namespace, (podsIn.get(pod.metadata.namespace) ?? 0) + 1);
  let cost = 1 + cluster.objects.length + cluster.others.length;
  // The routes settle manifests first (src/k8s/cluster): the Pods and claims workloads would make count too.
  const nodes = cluster.nodes.length || CLUSTER_DEFAULTS.nodes;
  // Workloads are kept as given (others), but a StatefulSet is a read object: its raw spec counts as
  // the same manifest would in the dry-run (a StatefulSet's aliased selectors ran seconds costed at 20).
  // PriorityClasses are read as they are: their value and policy say which Pods may preempt which.
  const made = planned(
    [...cluster.others.map((o) => o.raw), ...cluster.statefulSets.map((o) => o.raw), ...cluster.priorityClasses],
    nodes,
  );
  cost += made.copies + made.claims + schedulingCost(made, nodes);
  for (const slice of cluster.endpointSlices)
    cost += slice.endpoints.reduce((n, e) => n + e.addresses.length, 0) * (1 + slice.ports.length);
  for (const endpoints of cluster.endpoints)
    for (const subset of endpoints.subsets)
      cost += (subset.addresses.length + subset.notReadyAddresses.length) * (1 + subset.ports.length);
  for (const service of cluster.services)
    if (Object.keys(service.spec.selector ?? {}).length)
      cost += (1 + service.spec.ports.length) * (podsIn.get(service.metadata.namespace) ?? 0);
  return cost;
}

/** The input of a computation that reads each object on its own (the API server refuses an invalid one
 * and goes on, as `kubectl apply -f` does): the objects as sent, plus its own options, read into
 * `{ values, …options }`. Only what cannot be read at all (bad YAML, over a limit) is a problem. */
export function eachObjectInput<S extends z.ZodRawShape>(options: S) {
  const each = z
    .unknown()
    .refine((v) => typeof v === 'object' && v !== null, NOT_OBJECTS)
    .meta({ type: ['array', 'object'] })
    .describe(
      'Kubernetes objects as JSON, as people write them or `kubectl get -o json` prints them: a list of objects and Lists, one object, or a kind: List. Give this or `manifests`.',
    );
  // Read in the transform below, once it is known that only the text was sent.
  const text = z
    .string()
    .meta({ maxLength: DEFAULT_MANIFEST_LIMITS.maxBytes })
    .describe(
      `Manifests as text: YAML (documents separated by ---) or JSON, at most ${DEFAULT_MANIFEST_LIMITS.maxBytes} bytes. Give this or \`objects\`.`,
    );
  return z
    .strictObject({ objects: each.optional(), manifests: text.optional(), ...options })
    .superRefine(
      (v: { objects?: unknown; manifests?: unknown }, ctx) => {
        if (!isObj(v)) return;
        const both = v.objects !== undefined;
        if (both !== (v.manifests !== undefined)) return;
        ctx.addIssue({
          code: 'custom',
          path: [both ? 'manifests' : 'objects'],
          message: 'give the objects or the manifests text, exactly one of the two',
          params: both ? { code: 'FIELD_INVALID', supersedes: BOTH } : { code: 'FIELD_REQUIRED' },
        });
      },
      // Both sent is said whatever else is wrong with them, as manifestInput says it.
      { when: () => true },
    )
    .transform((v, ctx): Options<S> & { values: unknown[] } => {
      const { objects, manifests, ...rest } = v as unknown as { objects?: unknown; manifests?: string };
      const documents = manifests === undefined ? undefined : clusterOr(() => documentsOf(manifests), ctx);
      if (documents === z.NEVER) return z.NEVER;
      const values = documents ?? (Array.isArray(objects) ? objects : [objects]);
      // flattenObjects checks each value's nesting and keys first: over a limit is 413 before any value is
      // refused (and shown) for what it is, as a value 5000 lists deep shown in a 422 overflowed the stack
      // of the answer's serializer. Then a list where an object is expected is refused at its path in the
      // objects (Lists' items flattened), as every route that reads the cluster at once refuses it: the
      // request is malformed, not one object.
      const flat = flattenObjects(values, DEFAULT_MANIFEST_LIMITS);
      const lists = flat.flatMap((v, i) => (Array.isArray(v) ? [i] : []));
      for (const i of lists) {
        const problem: Problem = { code: 'FIELD_INVALID', path: `objects[${i}]`, message: NOT_A_LIST };
        ctx.addIssue({ code: 'custom', message: NOT_A_LIST, params: { problem } satisfies ProblemParams });
      }
      if (lists.length) return z.NEVER;
      // Nothing to apply is a mistake (an empty file, a List without items), refused as kubectl refuses it,
      // rather than answered with the simulated cluster's own objects.
      if (!flat.length) {
        // At `objects`, as every other problem of the documents is, YAML text or JSON.
        const path = 'objects';
        const message = 'no objects passed to apply (as kubectl says): give at least one Kubernetes object';
        const problem: Problem = { code: 'FIELD_REQUIRED', path, message };
        ctx.addIssue({ code: 'custom', message, params: { problem } satisfies ProblemParams });
        return z.NEVER;
      }
      // Values that are not objects are refused one by one among the others (the API server never sees
      // them); when none is an object there is nothing to apply, and the input is refused as a whole,
      // 422 at each value's objects[i] path, as every route that reads the cluster at once refuses it.
      if (values.length && !values.some(isObj)) {
        values.forEach((value, i) => {
          const problem: Problem = { code: 'FIELD_INVALID', path: `objects[${i}]`, message: NOT_AN_OBJECT, value };
          ctx.addIssue({ code: 'custom', message: NOT_AN_OBJECT, params: { problem } satisfies ProblemParams });
        });
        return z.NEVER;
      }
      return { ...(rest as Options<S>), values };
    });
}

/** Whether a content example is a question for a computation, by what its manifest holds; an unreadable
 * manifest is one (it answers with its problems), so the example's author sees them. */
export const exampleWhere =
  (holds: (cluster: Cluster) => boolean) =>
  (manifest: string): boolean => {
    try {
      return holds(parseManifests(manifest));
    } catch {
      return true;
    }
  };
