// A worker thread of the compute pool (pool.ts): runs one computation as `invoke` runs it on the
// event loop — the input read and checked, the cost charged to what the request had spent, `run`,
// the output charged — and answers plain data. It logs nothing: inputs may hold secrets.
import { KubeknowError } from '../errors';
import { Spending } from './budget';
import type { CapabilityContext } from './capability';
import { inputCost, kibibytes, type EstimateTask } from './estimate';
import { CAPABILITIES } from './index';
import { finish, read } from './invoke';
import type { ComputeAnswer, ComputeTask } from './pool';

const COMPUTATIONS = new Map(CAPABILITIES.filter((c) => c.computes).map((c) => [c.name, c]));
const BY_NAME = new Map(CAPABILITIES.map((c) => [c.name, c]));

// A computation reads only its input: here there are no services, no caller and no logger to give it.
const NO_CONTEXT = new Proxy({} as CapabilityContext, {
  get(_target, name) {
    throw new Error(`a computation runs in a worker thread, where its context has no ${String(name)}`);
  },
});

/** Runs the task's computation; a refusal is answered as its problems, anything else thrown is a bug. */
export default async function compute(task: ComputeTask): Promise<ComputeAnswer> {
  const cap = COMPUTATIONS.get(task.capability);
  if (!cap) throw new Error(`no computation is named ${task.capability}`);
  try {
    const done = await finish(cap, read(cap, task.raw), NO_CONTEXT, new Spending(task.limits, task.spent));
    return { done };
  } catch (err) {
    if (!(err instanceof KubeknowError)) throw err;
    return { refused: { problems: [...err.problems], details: err.details } };
  }
}

/** Prices a GraphQL field's call whose arguments are too large to read on the event loop (estimate.ts). */
export function estimate(task: EstimateTask): number {
  const cap = BY_NAME.get(task.capability);
  if (!cap) throw new Error(`no capability is named ${task.capability}`);
  return inputCost(cap, task.values) + kibibytes(task.values);
}
