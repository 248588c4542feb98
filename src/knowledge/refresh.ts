// When and how the served snapshot is made again. Edits and change notifications ask for a refresh
// naming what changed (a concept's slug, or "reference:<key>", as edits.ts notifies); requests that
// arrive while a refresh runs wait for one more, which serves them all. That one rereads only the
// concepts named when they are few, else the whole graph.

/** What changed: concepts by slug and references by key; null when it is not known (reread everything). */
export interface Changes {
  concepts: ReadonlySet<string>;
  references: ReadonlySet<string>;
}

/** The subject of a change as edits.ts notifies it: a concept's slug or "reference:<key>". */
const SUBJECT = /^(?:reference:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The changes these subjects name; null when one of them is not a subject (an unknown change). */
export function changesOf(subjects: Iterable<string>): Changes | null {
  const concepts = new Set<string>();
  const references = new Set<string>();
  for (const s of subjects) {
    if (!SUBJECT.test(s)) return null;
    if (s.startsWith('reference:')) references.add(s.slice('reference:'.length));
    else concepts.add(s);
  }
  return { concepts, references };
}

/** How a refresh was made: the whole graph reread, or the last snapshot with a few concepts reread. */
export type RebuildKind = 'full' | 'incremental';

/** One refresh, for metrics. */
export interface Rebuild {
  kind: RebuildKind;
  seconds: number;
  /** The refresh requests it served. */
  requests: number;
}

/**
 * Runs `run` for the subjects asked for, one run at a time: a request waits for the next run that
 * starts after it (so that run sees what was committed before the request), and every request
 * waiting for it is served by it, with their subjects merged. No subjects (null): the whole graph.
 */
export class Coalescer {
  private subjects: Set<string> | null = new Set();
  private requests = 0;
  private next: Promise<void> | null = null;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly run: (subjects: ReadonlySet<string> | null, requests: number) => Promise<void>) {}

  /** Resolves once a run that started after this call has finished. */
  request(subjects: Iterable<string> | null): Promise<void> {
    if (subjects === null) this.subjects = null;
    else if (this.subjects) for (const s of subjects) this.subjects.add(s);
    this.requests++;
    if (!this.next) {
      const next = this.last.then(() => {
        const taken = this.subjects;
        const requests = this.requests;
        this.subjects = new Set();
        this.requests = 0;
        this.next = null;
        return this.run(taken, requests);
      });
      this.next = next;
      // A failed run fails its requests; the runs after it go on.
      this.last = next.catch(() => undefined);
    }
    return this.next;
  }
}
