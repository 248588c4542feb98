// Results of the tools whose answers are made from the snapshot alone (get_concept, related_concepts:
// the capabilities REST keeps per snapshot, `rest.cached`), kept per snapshot as REST's answers are
// (src/http/cache.ts): the snapshot changes only on a committed write or a change notification, so a
// result made from it stays right until the next one. A repeated call is answered with the result
// already made: its arguments are not read again, its text not rendered, its output not counted (the
// hostile review's 200 get_concept calls spent ~2 ms of the event loop each, no part of it large).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Capability, CapabilityContext } from '../capabilities/capability';
import { chargeAgain, isSmallInput } from '../capabilities/invoke';

/** A tool's result as made, with what its call was charged, which a request served it is charged again. */
export interface Made {
  result: CallToolResult;
  cost: number;
  bytes: number;
}

interface Kept extends Made {
  /** What it holds, roughly in characters: its key, its text and its output's bytes. */
  chars: number;
}

// Bounds a snapshot's results, as REST's answers are bounded: the knowledge is tens of concepts, but
// the arguments are open (maxChars, limit, a slug's many spellings), so the oldest make room for new ones.
export const KEPT_LIMITS = { entries: 2000, chars: 16 * 1024 * 1024 } as const;

// Arguments larger than this are not worth a key (a lookup's are a few dozen characters), and are
// never serialized whole for one.
const MAX_KEY_CHARS = 1024;

/** Results made from one snapshot, oldest first (a Map keeps insertion order). */
class SnapshotResults {
  private readonly results = new Map<string, Kept>();
  private chars = 0;

  get(key: string): Kept | undefined {
    return this.results.get(key);
  }

  set(key: string, made: Made): void {
    const text = made.result.content.reduce((n, c) => n + (c.type === 'text' ? c.text.length : 0), 0);
    const kept = { ...made, chars: key.length + text + made.bytes };
    if (kept.chars > KEPT_LIMITS.chars || this.results.has(key)) return;
    this.results.set(key, kept);
    this.chars += kept.chars;
    for (const [oldest, { chars }] of this.results) {
      if (this.results.size <= KEPT_LIMITS.entries && this.chars <= KEPT_LIMITS.chars) break;
      this.results.delete(oldest);
      this.chars -= chars;
    }
  }

  get size(): number {
    return this.results.size;
  }
}

/** Kept results by the snapshot they were made from: a new snapshot starts empty, the old one is collected. */
class KeptResults {
  private readonly bySnapshot = new WeakMap<object, SnapshotResults>();

  get(snapshot: object, key: string): Kept | undefined {
    return this.bySnapshot.get(snapshot)?.get(key);
  }

  set(snapshot: object, key: string, made: Made): void {
    let results = this.bySnapshot.get(snapshot);
    if (!results) this.bySnapshot.set(snapshot, (results = new SnapshotResults()));
    results.set(key, made);
  }

  /** How many results the snapshot holds (for tests). */
  size(snapshot: object): number {
    return this.bySnapshot.get(snapshot)?.size ?? 0;
  }
}

/** The results kept by this process, whichever app made them (each snapshot is its own app's). */
export const keptResults = new KeptResults();

/** Whether a tool's results are kept: its capability's answer is made from the snapshot and the call's
 * arguments alone, which REST's binding declares for its answers (`cached`). */
export const keepsResults = (cap: Capability): boolean => !!cap.rest?.cached;

/**
 * What a result depends on besides the snapshot: the tool, the reader's language, the base of links and
 * the arguments as sent (not as read: reading them is work a hit saves, and a client sends the same
 * ones). Null for arguments too large to be a key.
 */
function keyOf(cap: Capability, given: Record<string, unknown>, ctx: CapabilityContext): string | null {
  if (!isSmallInput(given, MAX_KEY_CHARS)) return null;
  return `${cap.name}\n${ctx.acceptLanguage ?? '-'}\n${ctx.baseUrl}\n${JSON.stringify(given)}`;
}

/** The tool's result for these arguments: the one kept for the current snapshot, else `make`'s, kept. */
export async function keptResult(
  cap: Capability,
  given: Record<string, unknown>,
  ctx: CapabilityContext,
  make: () => Promise<Made>,
): Promise<CallToolResult> {
  // Taken before the call: a result made while an edit lands is kept under the older snapshot, which is
  // no longer served, never under the newer one.
  const snapshot = ctx.knowledge.snapshot;
  const key = keyOf(cap, given, ctx);
  const hit = key === null ? undefined : keptResults.get(snapshot, key);
  if (hit) {
    // The caller's key and budget are checked as a call's are: a kept result is not a free one.
    chargeAgain(cap, hit, ctx);
    return { ...hit.result };
  }
  const made = await make();
  if (key !== null) keptResults.set(snapshot, key, made);
  return made.result;
}
