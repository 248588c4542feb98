// The one place every transport calls a capability: the key's scope, the input checked against its
// schema, the cost charged to the request's budget, then `run`, its output charged too. Limits that
// apply to every capability (request budgets, the computing gate, rate limits) belong here, so that
// each is written once.
import { requireScope } from '../auth/keys';
import { KubeknowError } from '../errors';
import { reportedAs, type Arguments } from './args';
import type { Capability, CapabilityContext, Scope } from './capability';
import { parseInput } from './problems';

/** A finished call: the input as the capability read it (defaults filled in) and its output. */
export interface Call<In, Out> {
  input: In;
  output: Out;
}

function authorize(scope: Scope, ctx: CapabilityContext): void {
  if (scope === 'none' || (scope === 'read' && !ctx.requireKeyForRead)) return;
  requireScope(ctx.principal, scope);
}

/** Runs a capability on the arguments a transport received; problems come back under the caller's names. */
export async function invoke<In, Out>(
  cap: Capability<In, Out>,
  args: Arguments,
  ctx: CapabilityContext,
): Promise<Call<In, Out>> {
  const started = performance.now();
  try {
    authorize(cap.scope, ctx);
    // A computation waits for its turn before reading its input: reading manifests is work too.
    const call = async () => {
      const input = parseInput(cap, args.raw);
      const cost = cap.cost(input);
      ctx.budget.charge(cap.name, cost);
      const output = await cap.run(input, ctx);
      ctx.budget.chargeOutput(cap.name, output);
      ctx.log.debug({ capability: cap.name, cost, ms: Math.round(performance.now() - started) }, 'capability');
      return { input, output };
    };
    return await (cap.computes ? ctx.budget.computing(call) : call());
  } catch (err) {
    throw err instanceof KubeknowError ? reportedAs(err, args.reportAs) : err;
  }
}
