// The one place every transport calls a capability: the key's scope, the input checked against its
// schema, the cost charged to the request's budget, then `run`, its output charged too. Limits that
// apply to every capability (request budgets, the computing gate, rate limits) belong here, so that
// each is written once. A computation larger than a few milliseconds does all of this in a worker
// thread (pool.ts, worker.ts), with the same steps.
import { requireScope } from '../auth/keys';
import { KubeknowError } from '../errors';
import { reportedAs, type Arguments } from './args';
import type { Spending } from './budget';
import type { Capability, CapabilityContext, Scope } from './capability';
import type { Finished, RenderAsked, Rendered } from './pool';
import { parseInput } from './problems';
import { inTurn } from '../util/turns';
import type { RawBody } from '../rest/manifest-body';

/** Arguments whose raw input a worker thread makes from a large REST body (src/rest/manifest-body.ts'
 * bodyForWorker), and reports its problems under the route's names; `raw` is empty. */
export interface BodyArguments extends Arguments {
  body: RawBody;
}

/** A finished call: the input as the capability read it (defaults filled in) and its output. */
export interface Call<In, Out> {
  input: In;
  output: Out;
}

/** A call's input as the capability read it, and what it will cost. */
export interface Read<In> {
  input: In;
  cost: number;
}

// Reading an input of this many characters (manifest text, or JSON values counted by their strings)
// takes well under a millisecond, so it is read on the event loop to learn its cost.
const SMALL_INPUT_CHARS = 8 * 1024;

function authorize(scope: Scope, ctx: CapabilityContext): void {
  if (scope === 'none' || (scope === 'read' && !ctx.requireKeyForRead)) return;
  requireScope(ctx.principal, scope);
}

/** Reads a call's raw input with the capability's schema, and counts its cost. */
export function read<In, Out>(cap: Capability<In, Out>, raw: unknown): Read<In> {
  const input = parseInput(cap, raw);
  return { input, cost: cap.cost(input) };
}

/** Charges a read call's cost, runs it, and charges its output. */
export async function finish<In, Out>(
  cap: Capability<In, Out>,
  { input, cost }: Read<In>,
  ctx: CapabilityContext,
  spending: Spending,
): Promise<Finished<In, Out>> {
  spending.charge(cap.name, cost);
  const output = await (cap.takesTurns ? inTurn(() => cap.run(input, ctx)) : cap.run(input, ctx));
  return { input, output, cost, bytes: spending.chargeOutput(cap.name, output, restRoute(cap)) };
}

/** A capability's REST route ("POST /v1/cluster/apply"), if it has one. */
export const restRoute = (cap: Capability): string | undefined => cap.rest && `${cap.rest.method} ${cap.rest.path}`;

// A YAML anchor or alias in a text: read, the text may become far more than its characters (a 7.7 KB
// manifest aliasing a 200-expression term 99 times took 30 ms to price).
export const MAY_EXPAND = /[&*][^\s,[\]{}]/;

/** Whether a raw input is at most `max` characters: each string its length and quotes, each key its
 * length, any other value one (never more than its JSON), and no long text with YAML anchors or aliases
 * (a manifest that expands when read). Stops counting past `max`. */
export function isSmallInput(raw: unknown, max = SMALL_INPUT_CHARS): boolean {
  let left = max;
  const objects: object[] = [];
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string' && v.length > 64 && MAY_EXPAND.test(v)) return false;
    left -= typeof v === 'string' ? v.length + 2 : 1;
    if (v && typeof v === 'object') objects.push(v);
    return left >= 0;
  };
  if (!visit(raw)) return false;
  for (let v = objects.pop(); v; v = objects.pop()) {
    if (Array.isArray(v)) {
      for (const x of v) if (!visit(x)) return false;
    } else
      for (const k in v) {
        left -= k.length;
        if (!visit((v as Record<string, unknown>)[k])) return false;
      }
  }
  return true;
}

// postMessage's structured clone recurses: a value nested this deep would overflow the call stack on
// its way to a thread. Such an input is read on the event loop, where the manifest reader refuses it by
// its own depth limit (413) without recursing.
const CLONE_DEPTH = 1000;

// Values already walked, with a bound on how deep they nest: a GraphQL variable is checked when the
// operation starts (variables-depth.ts) and again inside the input it becomes, and a megabyte of
// manifests is walked once, not once per check.
const heights = new WeakMap<object, number>();

/** Whether a raw input nests objects or arrays more than `max` deep (counted without recursion). */
export function nestsDeeperThan(raw: unknown, max: number): boolean {
  const values: unknown[] = [];
  const depths: number[] = [];
  const push = (child: unknown, depth: number) => {
    if (typeof child !== 'object' || child === null) return;
    values.push(child);
    depths.push(depth);
  };
  push(raw, 0);
  while (values.length) {
    const v = values.pop() as object;
    const depth = depths.pop()!;
    if (depth >= max) return true;
    const height = heights.get(v);
    if (height !== undefined && depth + height < max) continue;
    if (Array.isArray(v)) for (const x of v) push(x, depth + 1);
    else for (const k in v) push((v as Record<string, unknown>)[k], depth + 1);
  }
  if (typeof raw === 'object' && raw !== null) heights.set(raw, max - 1);
  return false;
}

// A computation runs on the event loop when it is small (its input a few KiB, its cost with the
// request's other computations there at most COMPUTE_INLINE_COST: a few milliseconds) or too deep to
// send, else in a worker thread, which reads the input there. A small input over the budget is
// refused here, before any work.
// A large REST body (BodyArguments) is read in a worker thread too, from its bytes: the event loop
// neither parses it nor walks it.
async function compute<In, Out>(
  cap: Capability<In, Out>,
  args: Arguments | BodyArguments,
  ctx: CapabilityContext,
  render?: RenderAsked,
): Promise<Finished<In, Out> | Rendered> {
  const { budget } = ctx;
  const { raw } = args;
  const body = 'body' in args ? args.body : undefined;
  if (!budget.pool) return finish(cap, read(cap, raw), ctx, budget);
  const deep = !body && nestsDeeperThan(raw, CLONE_DEPTH);
  if (!body && (deep || isSmallInput(raw))) {
    const small = read(cap, raw);
    if (deep || !budget.fits(small.cost) || budget.runsInline(small.cost)) return finish(cap, small, ctx, budget);
  }
  const { spendingLimits: limits, total } = budget;
  const task = { capability: cap.name, raw, body, limits, spent: total, acceptLanguage: ctx.acceptLanguage, render };
  const done = (await budget.pool.run(task, budget.signal)) as Finished<In, Out> | Rendered;
  // Checked there against what the request had spent; other calls of the request may have spent since.
  budget.charge(cap.name, done.cost);
  budget.chargeBytes(cap.name, done.bytes, restRoute(cap));
  return done;
}

/** Runs a capability on the arguments a transport received; problems come back under the caller's names. */
export async function invoke<In, Out>(cap: Capability<In, Out>, args: Arguments, ctx: CapabilityContext) {
  return (await call(cap, args, ctx)) as Call<In, Out>;
}

/** As `invoke`, with what the call was charged (its cost and its output's bytes), for a transport that
 * keeps the answer and charges them again when it serves it (MCP's kept results, src/mcp/kept.ts). */
export async function invokeCharged<In, Out>(cap: Capability<In, Out>, args: Arguments, ctx: CapabilityContext) {
  return (await call(cap, args, ctx)) as Finished<In, Out>;
}

/** A call answered from what an earlier one made, without reading or running it: the key's scope is
 * checked and the earlier call's cost and bytes are charged to this request, as `invoke` would. */
export function chargeAgain(
  cap: Capability,
  { cost, bytes }: Pick<Finished, 'cost' | 'bytes'>,
  ctx: CapabilityContext,
) {
  try {
    authorize(cap.scope, ctx);
    ctx.budget.charge(cap.name, cost);
    ctx.budget.chargeBytes(cap.name, bytes, restRoute(cap));
  } catch (err) {
    ctx.budget.refused(err);
    throw err;
  }
}

/** As `invoke`, but a computation that runs in a worker thread comes back as its REST answer, written
 * there in the format asked for (REST's large answers: a dry-run of thousands of Pods). */
export function invokeRendered<In, Out>(
  cap: Capability<In, Out>,
  args: Arguments,
  ctx: CapabilityContext,
  render: RenderAsked,
): Promise<Call<In, Out> | Pick<Rendered, 'rendered'>> {
  return call(cap, args, ctx, render);
}

async function call<In, Out>(
  cap: Capability<In, Out>,
  args: Arguments,
  ctx: CapabilityContext,
  render?: RenderAsked,
): Promise<Finished<In, Out> | Pick<Rendered, 'rendered'>> {
  const started = performance.now();
  try {
    authorize(cap.scope, ctx);
    // A computation waits for its turn before reading its input: reading manifests is work too.
    const done = cap.computes
      ? await ctx.budget.computing(() => compute(cap, args, ctx, render))
      : await finish(cap, read(cap, args.raw), ctx, ctx.budget);
    ctx.log.debug({ capability: cap.name, cost: done.cost, ms: Math.round(performance.now() - started) }, 'capability');
    if ('rendered' in done) return { rendered: done.rendered };
    const { input, output, cost, bytes } = done;
    return { input, output, cost, bytes };
  } catch (err) {
    ctx.budget.refused(err);
    throw err instanceof KubeknowError ? reportedAs(err, args.reportAs) : err;
  }
}
