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
// Each kind of work has a line of its own: with one line for all, a hundred clients sending MCP pings
// queued every search behind their messages (a search's p99 2.2 s, the hostile review of round 10);
// now each line moves one call a turn, whatever the others hold.
class TurnLine {
  private readonly waiting: (() => void)[] = [];
  private running = false;

  /** `work` in its turn; the turn is handed on when it returns or throws. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.running) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running = true;
    try {
      return await work();
    } finally {
      void this.handOn();
    }
  }

  // The next waiting call runs after a pass of the loop's I/O, not in the same pass as the one before.
  private async handOn(): Promise<void> {
    await nextTurn();
    const next = this.waiting.shift();
    if (next) next();
    else this.running = false;
  }
}

// Search and grounded context (the capabilities that take turns), and MCP's messages.
const computations = new TurnLine();
const messages = new TurnLine();

/** `work` in its turn among the calls of capabilities that take turns (search, grounded context). */
export const inTurn = <T>(work: () => T | Promise<T>): Promise<T> => computations.run(work);

/** Waits for a turn of the event loop of its own among MCP's messages: what the caller does next, until
 * it waits for something (I/O, a timer), runs in that turn. */
export const ownTurn = (): Promise<void> => messages.run(() => undefined);
