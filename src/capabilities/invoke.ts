// The one place every transport calls a capability: the key's scope, the input checked against its
// schema, the cost counted, then `run`. Limits that apply to every capability (request budgets,
// worker pools for large computations, rate limits) belong here, so that each is written once.
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
    const input = parseInput(cap, args.raw);
    const cost = cap.cost(input);
    const output = await cap.run(input, ctx);
    ctx.log.debug({ capability: cap.name, cost, ms: Math.round(performance.now() - started) }, 'capability');
    return { input, output };
  } catch (err) {
    throw err instanceof KubeknowError ? reportedAs(err, args.reportAs) : err;
  }
}
