// The knowledge service: reads from the in-memory snapshot, edits through transactions, and keeps
// the snapshot (and the search index built from it) current after every committed write: from the
// few concepts the write changed when it can, by rereading everything when it must (refresh.ts).
import type { Database } from '../db/connect';
import { fail } from '../errors';
import { suggestions } from '../util/suggest';
import type { Author } from './edits';
import * as edits from './edits';
import * as exampleEdits from './example-edits';
import * as factEdits from './fact-edits';
import * as referenceEdits from './reference-edits';
import { pageAt, pageStart, type Page, type PageArgNames } from './page';
import { buildSearchIndex, emptySearchIndex, type SearchIndex, type SearchOptions, type SearchResult } from './search';
import { IndexBuilder } from './search/build';
import { searchableConcept } from './search/documents';
import { keptAnalysis, type KeptLog } from './search/kept';
import { nameIndex, slugNamed, type NameIndex } from './search/names';
import { changesOf, Coalescer, type Changes, type Rebuild, type RebuildKind } from './refresh';
import { loadSnapshot, patchSnapshot, rereadConcepts, type Snapshot } from './snapshot';
import type { ConceptKind, ConceptView, Reliability, ReferenceView } from './types';
import * as undo from './undo';

export interface RevisionView {
  id: number;
  subject: string;
  action: string;
  author: string;
  version: number;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

// The snapshot being served and what is derived from it once, when it is loaded, rather than on every read.
interface Current {
  snapshot: Snapshot;
  search: SearchIndex;
  /** Reference key → the concepts whose facts cite it, in slug order. */
  citing: Map<string, ConceptView[]>;
  /** Titles and aliases → slugs, for lookups by any name. */
  names: NameIndex;
}

// A change is applied to the last snapshot when it rereads at most this share of the graph (or a
// handful of concepts, however small the graph); beyond that, reading everything costs about as much.
const INCREMENTAL_SHARE = 1 / 4;
const INCREMENTAL_MIN = 4;

export interface KnowledgeOptions {
  /**
   * A file in which the first search index's analysis is kept between starts (search/kept.ts): a
   * start then analyses only the concepts whose text changed. `log` hears how many were reused, and of
   * a file that could not be used or written; the index is whole either way.
   */
  keptAnalysis?: { file: string; log: KeptLog };
}

export class Knowledge {
  private current!: Current;
  private readonly refreshes = new Coalescer((subjects, requests) => this.rebuild(subjects, requests));
  private readonly rebuildListeners = new Set<(rebuild: Rebuild) => void>();
  private readonly indexes = new IndexBuilder();
  /** Set when a refresh failed: what it was to apply is lost, so the next one rereads everything. */
  private behind = false;

  private constructor(
    readonly db: Database,
    private readonly opts: KnowledgeOptions,
  ) {}

  /** Opens the service on a migrated database and loads its first snapshot. */
  static async open(db: Database, opts: KnowledgeOptions = {}): Promise<Knowledge> {
    const k = new Knowledge(db, opts);
    await k.refresh();
    return k;
  }

  /** The graph as of the last committed write. */
  get snapshot(): Snapshot {
    return this.current.snapshot;
  }

  /**
   * Makes the snapshot current. `subjects` names what changed, as edits notify it (a concept's slug,
   * "reference:<key>"); without them anything may have. Calls made while a refresh runs share the
   * next one, which starts after them all.
   */
  refresh(subjects: Iterable<string> | null = null): Promise<void> {
    return this.refreshes.request(subjects);
  }

  /** Whether a full rebuild's search index is being built (in a worker thread): until it is, the previous snapshot is served. */
  get indexing(): boolean {
    return this.indexes.busy;
  }

  /** Stops the search index's worker thread (idle, it does not keep the process alive). */
  close(): Promise<void> {
    return this.indexes.close();
  }

  /** Calls the listener after every refresh (metrics); returns what stops it. */
  onRebuild(listener: (rebuild: Rebuild) => void): () => void {
    this.rebuildListeners.add(listener);
    return () => this.rebuildListeners.delete(listener);
  }

  private async rebuild(subjects: ReadonlySet<string> | null, requests: number): Promise<void> {
    const started = performance.now();
    const changes = subjects && this.current && !this.behind ? changesOf(subjects) : null;
    let kind: RebuildKind;
    try {
      kind = changes && (await this.patch(changes)) ? 'incremental' : (await this.reload(), 'full');
      this.behind = false;
    } catch (err) {
      this.behind = true;
      throw err;
    }
    const rebuild = { kind, seconds: (performance.now() - started) / 1000, requests };
    for (const listener of this.rebuildListeners) listener(rebuild);
  }

  // Rereads the whole graph. While serving, its search index is built with the event loop free
  // (search/build.ts) and the previous snapshot and index are served until it is whole: a snapshot
  // is never served with an index of another version. The first is built here at once: nothing is
  // served yet, and a thread would only add its start-up (docs/operations.md has the figures).
  private async reload(): Promise<void> {
    const snapshot = await loadSnapshot(this.db.prisma);
    const search = this.current ? await this.indexes.build(snapshot.concepts) : this.firstIndex(snapshot.concepts);
    this.current = derived(snapshot, search);
  }

  // The first index, from the analysis kept by the last start where the concepts' text is unchanged.
  private firstIndex(concepts: readonly ConceptView[]): SearchIndex {
    const kept = this.opts.keptAnalysis;
    if (!kept) return buildSearchIndex(concepts);
    const index = emptySearchIndex();
    index.addDeferred(keptAnalysis(kept.file, concepts.map(searchableConcept), kept.log));
    return index;
  }

  /** Finishes what the first index deferred (search/index.ts's addDeferred); a search would do it first anyway. */
  finishIndex(): Promise<void> {
    return this.current.search.insertDeferredInTurns();
  }

  // Applies the change to the current snapshot and, in place, to the search index; false when it
  // names too many concepts for that to pay.
  private async patch(changes: Changes): Promise<boolean> {
    const old = this.current.snapshot;
    const most = Math.max(INCREMENTAL_MIN, old.concepts.length * INCREMENTAL_SHARE);
    if (changes.concepts.size > most) return false;
    const slugs = [...changes.concepts];
    const reread = await rereadConcepts(this.db.prisma, old, slugs, [...changes.references]);
    if (reread.concepts.size > most) return false;
    const snapshot = patchSnapshot(old, reread, new Date());
    // Only the concepts named changed their own text; the others reread changed relations or citations.
    const live = slugs.flatMap((s) => reread.concepts.get(s) ?? []);
    this.current.search.update(
      live.map((c) => snapshot.bySlug.get(c.slug)!),
      slugs.filter((s) => !reread.concepts.get(s)),
    );
    this.current = derived(snapshot, this.current.search);
    return true;
  }

  /** The concept with this slug (any case), if there is one; a property, so it can be passed as a lookup. */
  readonly concept = (slug: string): ConceptView | undefined => this.snapshot.bySlug.get(slug.toLowerCase());

  /** The concept, or NOT_FOUND suggesting the nearest slugs. */
  requireConcept(slug: string): ConceptView {
    const c = this.concept(slug);
    if (c) return c;
    // A concept's titles and aliases stand for its slug: "headless svc" suggests headless-service.
    const candidates = this.snapshot.concepts.map((x) => ({
      value: x.slug,
      aliases: Object.values(x.texts).flatMap((t) => (t ? [t.title, ...t.aliases] : [])),
    }));
    const near = suggestions(slug, candidates);
    return fail(
      'NOT_FOUND',
      `no concept "${slug}"${near.length ? `; did you mean ${near.map((s) => `"${s}"`).join(', ')}?` : ''}`,
      'slug',
      { suggestions: near },
    );
  }

  /**
   * The concept a slug or any of its names stands for (a title or alias in either language, such as
   * "svc", "sts" or "파드"), or NOT_FOUND suggesting the nearest. For reads: edits take slugs only.
   */
  requireConceptNamed(name: string): ConceptView {
    return this.requireConcept(this.concept(name) ? name : (slugNamed(this.current.names, name) ?? name));
  }

  /** Every concept, by slug, optionally of one category or kind. */
  concepts(filter: { category?: string | null; kind?: ConceptKind | null } = {}): ConceptView[] {
    return this.snapshot.concepts.filter(
      (c) => (!filter.category || c.category === filter.category) && (!filter.kind || c.kind === filter.kind),
    );
  }

  /** Every reference, by key, optionally of one reliability. */
  references(filter: { reliability?: Reliability | null } = {}): ReferenceView[] {
    return this.snapshot.references.filter((r) => !filter.reliability || r.reliability === filter.reliability);
  }

  /** The reference with this key, if there is one. */
  reference(key: string): ReferenceView | undefined {
    return this.snapshot.references.find((r) => r.key === key);
  }

  /** Concepts whose facts cite the reference. */
  citing(key: string): readonly ConceptView[] {
    return this.current.citing.get(key) ?? [];
  }

  /** Ranked concepts for a free-text question in Korean or English. */
  search(query: string, opts: SearchOptions = {}): SearchResult {
    return this.current.search.search(query, opts);
  }

  /** Every committed edit of a concept (or "reference:<key>"), newest first. */
  async revisions(
    subject: string,
    first = 20,
    after?: string | null,
    names?: PageArgNames,
  ): Promise<Page<RevisionView>> {
    // History grows without bound (unlike the snapshot), so the page is read from the database.
    const start = pageStart(first, after, names);
    const where = { subject };
    const [rows, total] = await Promise.all([
      this.db.prisma.revision.findMany({ where, orderBy: { id: 'desc' }, skip: start, take: first }),
      this.db.prisma.revision.count({ where }),
    ]);
    return pageAt(rows, start, total);
  }

  /** The committed edits with these numbers, in that order. */
  async revisionsById(ids: readonly number[]): Promise<RevisionView[]> {
    const rows = new Map(
      (await this.db.prisma.revision.findMany({ where: { id: { in: [...ids] } } })).map((r) => [r.id, r]),
    );
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  /** One committed edit, by its number. */
  async revision(id: number): Promise<RevisionView | null> {
    return this.db.prisma.revision.findUnique({ where: { id } });
  }

  /** Runs an edit, then refreshes the snapshot with the subject it changed (null: unknown) so the next read sees it. */
  private async edit<T>(run: () => Promise<T>, subject: (out: T) => string | null): Promise<T> {
    const out = await run();
    const changed = subject(out);
    await this.refresh(changed === null ? null : [changed]);
    return out;
  }

  createConcept = (author: Author, input: unknown) =>
    this.edit(() => edits.createConcept(this.db.prisma, author, input), itself);
  updateConcept = (author: Author, input: unknown) =>
    this.edit(() => edits.updateConcept(this.db.prisma, author, input), itself);
  addRelation = (author: Author, input: unknown) =>
    this.edit(() => edits.addRelation(this.db.prisma, author, input), itself);
  removeRelation = (author: Author, input: unknown) =>
    this.edit(() => edits.removeRelation(this.db.prisma, author, input), itself);
  updateRelation = (author: Author, input: unknown) =>
    this.edit(() => edits.updateRelation(this.db.prisma, author, input), itself);
  addFact = (author: Author, input: unknown) =>
    this.edit(
      () => factEdits.addFact(this.db.prisma, author, input),
      (out) => out.slug,
    );
  updateFact = (author: Author, input: unknown) =>
    this.edit(
      () => factEdits.updateFact(this.db.prisma, author, input),
      (out) => out.slug,
    );
  removeFact = (author: Author, input: unknown) =>
    this.edit(() => factEdits.removeFact(this.db.prisma, author, input), itself);
  addReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.addReference(this.db.prisma, author, input), referenceEdits.referenceSubject);
  updateReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.updateReference(this.db.prisma, author, input), referenceEdits.referenceSubject);
  revertReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.revertReference(this.db.prisma, author, input), referenceEdits.referenceSubject);
  removeReference = (author: Author, input: unknown) =>
    this.edit(
      () => referenceEdits.removeReference(this.db.prisma, author, input),
      () => {
        const key = nameIn(input, 'key');
        return key === null ? null : referenceEdits.referenceSubject(key);
      },
    );
  addExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.addExample(this.db.prisma, author, input), itself);
  updateExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.updateExample(this.db.prisma, author, input), itself);
  removeExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.removeExample(this.db.prisma, author, input), itself);
  revertConcept = (author: Author, input: unknown) =>
    this.edit(() => undo.revertConcept(this.db.prisma, author, input), itself);
  deleteConcept = (author: Author, input: unknown) =>
    this.edit(
      () => undo.deleteConcept(this.db.prisma, author, input),
      () => nameIn(input, 'slug'),
    );
  restoreConcept = (author: Author, input: unknown) =>
    this.edit(() => undo.restoreConcept(this.db.prisma, author, input), itself);
}

/** The subject of an edit that returns the slug (or key) it changed. */
const itself = (subject: string) => subject;

// The slug (or key) of an edit's input, once the edit has accepted it: the slug rule transforms nothing,
// so the input's is the one the edit changed (deleteConcept and removeReference return a version).
const nameIn = (input: unknown, field: 'slug' | 'key'): string | null => {
  const name = (input as Record<string, unknown> | null)?.[field];
  return typeof name === 'string' ? name : null;
};

/** The snapshot served with this search index, and what is derived from the snapshot when it is made. */
function derived(snapshot: Snapshot, search: SearchIndex): Current {
  return { snapshot, search, citing: citingIndex(snapshot), names: nameIndex(snapshot.concepts) };
}

function citingIndex(snapshot: Snapshot): Map<string, ConceptView[]> {
  const out = new Map<string, ConceptView[]>();
  for (const c of snapshot.concepts) {
    for (const key of new Set(c.facts.map((f) => f.reference.key))) {
      const list = out.get(key);
      if (list) list.push(c);
      else out.set(key, [c]);
    }
  }
  return out;
}
