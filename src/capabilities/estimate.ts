// What a GraphQL field's call of a capability costs before it runs (src/graphql/cost.ts), given its
// arguments: the capability's own `cost` of the input they make, plus one per KiB of them (reading
// them is work too). Arguments of a few KiB are costed on the event loop; larger ones (a manifest in a
// variable) in a worker thread (worker.ts), which runs this same code, so the event loop never reads
// a large input only to price it.
import { argumentsOf } from './args';
import type { Capability } from './capability';
import { parseInput } from './problems';

/** The capability's cost of the input these arguments (null ones left out) make with the field's
 * defaults; 0 for input it refuses, which is refused before any work when the field runs. */
export function inputCost(cap: Capability, values: Record<string, unknown>): number {
  const gql = cap.graphql!;
  try {
    return cap.cost(parseInput(cap, argumentsOf({ ...gql.defaults, ...values }, gql.args).raw));
  } catch {
    return 0;
  }
}

/** The KiB the arguments take as JSON, rounded up. */
export const kibibytes = (values: Record<string, unknown>): number =>
  Math.ceil(Buffer.byteLength(JSON.stringify(values)) / 1024);

/** A field's call as a worker thread prices it: the capability's name and the call's arguments. */
export interface EstimateTask {
  capability: string;
  values: Record<string, unknown>;
}
