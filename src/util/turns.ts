// Loading modules without holding the event loop for all of them at once.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs each load in a turn of the event loop of its own: what is waiting (requests, I/O) runs between them. */
export async function loadInTurns(loads: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const load of loads) {
    await nextTurn();
    await load();
  }
}
