// A worker thread of the compute pool (pool.ts): runs one computation as `invoke` runs it on the
// event loop — the input read and checked, the cost charged to what the request had spent, `run`,
// the output charged — and answers plain data. It logs nothing: inputs may hold secrets.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { KubeknowError } from '../errors';
import { bodyArgumentsOf, bodyRefusal } from '../rest/manifest-body';
import { reportedAs, type Arguments } from './args';
import { Spending } from './budget';
import type { CapabilityContext } from './capability';
import { inputCost, kibibytes, type EstimateTask } from './estimate';
import { CAPABILITIES } from './index';
import { finish, read } from './invoke';
import type { ComputeAnswer, ComputeTask } from './pool';

const COMPUTATIONS = new Map(CAPABILITIES.filter((c) => c.computes).map((c) => [c.name, c]));
const BY_NAME = new Map(CAPABILITIES.map((c) => [c.name, c]));

// A computation reads its input and the reader's language: here there are no services, no caller and
// no logger to give it.
const contextOf = (task: ComputeTask): CapabilityContext =>
  new Proxy({ acceptLanguage: task.acceptLanguage } as CapabilityContext, {
    get(known, name) {
      if (name in known) return known[name as keyof CapabilityContext];
      throw new Error(`a computation runs in a worker thread, where its context has no ${String(name)}`);
    },
  });

/** Runs the task's computation; a refusal is answered as its problems, anything else thrown is a bug. */
export default async function compute(task: ComputeTask): Promise<ComputeAnswer> {
  const cap = COMPUTATIONS.get(task.capability);
  if (!cap) throw new Error(`no computation is named ${task.capability}`);
  // A large REST body is read here, as its route would have read it (problems under the route's names).
  let args: Arguments = { raw: task.raw as Record<string, unknown>, reportAs: new Map() };
  try {
    if (task.body) args = bodyArgumentsOf(cap, task.body);
    const ctx = contextOf(task);
    const done = await finish(cap, read(cap, args.raw), ctx, new Spending(task.limits, task.spent));
    const rendering = task.render && cap.rest?.formats[task.render.format];
    if (!task.render || !rendering) return { done };
    const body = rendering.render({ ...task.render, input: done.input, output: done.output, ctx });
    // Encoded here and moved, not copied, to the event loop, which sends the bytes as they are.
    const rendered = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
    const answer: ComputeAnswer = { done: { rendered, cost: done.cost, bytes: done.bytes } };
    return move({ [transferableSymbol]: [rendered.buffer], [valueSymbol]: answer }) as unknown as ComputeAnswer;
  } catch (err) {
    if (!(err instanceof KubeknowError)) throw err;
    const named = reportedAs(err, args.reportAs);
    return { refused: { problems: [...named.problems], details: named.details } };
  }
}

/** What the JSON body parser refuses in a large body, read here (manifest-body.ts' refuseBodyFirst). */
export const readBody = (task: { bytes: Uint8Array; maxKeys: number }) => bodyRefusal(task.bytes, task.maxKeys);

/** Prices a GraphQL field's call whose arguments are too large to read on the event loop (estimate.ts). */
export function estimate(task: EstimateTask): number {
  const cap = BY_NAME.get(task.capability);
  if (!cap) throw new Error(`no capability is named ${task.capability}`);
  return inputCost(cap, task.values) + kibibytes(task.values);
}
