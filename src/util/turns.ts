// Work in turns of the event loop, so that what is waiting (requests, I/O) runs between its parts:
// modules loaded one a turn, and calls that hold the loop for milliseconds taken one a turn.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs each load in a turn of the event loop of its own: what is waiting (requests, I/O) runs between them. */
export async function loadInTurns(loads: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const load of loads) {
    await nextTurn();
    await load();
  }
}

// Turns on the event loop for work that runs there for milliseconds (a search: 1–4 ms of CPU over the
// index, which lives on the event loop). Node reads every socket that is ready in one pass and runs
// each request's handler to its first wait, so twenty distinct searches arriving together ran back to
// back, and a /healthz that came with them waited for all twenty: 1.6–3.9 s on the loaded 2-core machine
// (the hostile review of round 9). Such work now waits for its turn, one call per turn of the event loop:
// the loop reads its sockets again between two of them, so other requests are answered in between, and
// the calls still run in the order they came. Alone, a call waits one pass of the loop (microseconds).
const waiting: (() => void)[] = [];
let running = false;

/** `work` in its turn; the turn is handed on when it returns or throws. */
export async function inTurn<T>(work: () => T | Promise<T>): Promise<T> {
  if (running) await new Promise<void>((resolve) => waiting.push(resolve));
  running = true;
  try {
    return await work();
  } finally {
    void handOn();
  }
}

/** Waits for a turn of the event loop of its own, after the calls that asked before: what the caller
 * does next, until it waits for something (I/O, a timer), runs in that turn. */
export const ownTurn = (): Promise<void> => inTurn(() => undefined);

// The next waiting call runs after a pass of the loop's I/O, not in the same pass as the one before.
async function handOn(): Promise<void> {
  await nextTurn();
  const next = waiting.shift();
  if (next) next();
  else running = false;
}
