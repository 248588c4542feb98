// Full rebuilds of the search index, off the event loop (issue 10: a rebuild blocked every request for
// as long as it took). A thread of its own (piscina; thread.ts) analyses the concepts, a few at a time,
// into plain strings and arrays, which come back by structured clone; the event loop only inserts
// them into MiniSearch, whose radix tree of Maps no thread can hand over (serialised, it costs as much
// to load as to build), in slices of a few milliseconds with other requests served between them.
// The index is served only once it is whole (service.ts), with the snapshot it was built from.
import path from 'node:path';
import { Piscina } from 'piscina';
import { ROOT } from '../../paths';
import type { ConceptView } from '../types';
import { searchableConcept, type AnalysedConcept } from './documents';
import { emptySearchIndex, type SearchIndex } from './index';

// Concepts per task: small enough that one answer is cloned in a millisecond or two, and that the
// event loop inserts one answer while the thread analyses the next.
const CHUNK = 8;
// The longest the event loop inserts before it serves what is waiting.
const SLICE_MS = 8;
// A thread idle this long stops: full rebuilds are rare (a replica's catch-up, a large change).
const IDLE_MS = 10_000;

// Built JavaScript runs thread.js; from the TypeScript sources (jest), scripts/ts-worker.js compiles
// thread.ts and what it imports as it loads them, as the compute pool's threads do (pool.ts).
const ENTRY = path.join(__dirname, `thread${path.extname(__filename)}`);
const FROM_SOURCES = path.extname(__filename) === '.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Builds search indexes with the analysis in a worker thread. */
export class IndexBuilder {
  private piscina: Piscina | undefined;
  private building = 0;

  /** Whether a build is under way. */
  get busy(): boolean {
    return this.building > 0;
  }

  /** The index of these concepts, built with the event loop free but for short slices. */
  async build(concepts: readonly ConceptView[]): Promise<SearchIndex> {
    this.building++;
    try {
      const index = emptySearchIndex();
      const answers: Promise<AnalysedConcept[]>[] = [];
      for (let i = 0; i < concepts.length; i += CHUNK) answers.push(this.analyse(concepts.slice(i, i + CHUNK)));
      // All are asked for at once (the thread takes them in order); a failure is reported once, below.
      for (const a of answers) a.catch(() => undefined);
      let slice = performance.now();
      for (const answer of answers) {
        for (const concept of await answer) {
          index.add([concept]);
          if (performance.now() - slice > SLICE_MS) {
            await nextTurn();
            slice = performance.now();
          }
        }
      }
      return index;
    } finally {
      this.building--;
    }
  }

  private analyse(concepts: readonly ConceptView[]): Promise<AnalysedConcept[]> {
    this.piscina ??= new Piscina({
      filename: FROM_SOURCES ? path.join(ROOT, 'scripts/ts-worker.js') : ENTRY,
      workerData: { entry: ENTRY },
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
    });
    return this.piscina.run(concepts.map(searchableConcept)) as Promise<AnalysedConcept[]>;
  }

  /** Stops the thread; a build under way fails. */
  async close(): Promise<void> {
    await this.piscina?.close({ force: true });
  }
}
