// The knowledge service: reads from the in-memory snapshot, edits through transactions, and keeps
// the snapshot (and the search index built from it) current after every committed write.
import type { Database } from '../db/connect';
import { fail } from '../errors';
import { suggestions } from '../util/suggest';
import type { Author } from './edits';
import * as edits from './edits';
import * as exampleEdits from './example-edits';
import * as factEdits from './fact-edits';
import * as referenceEdits from './reference-edits';
import { pageAt, pageStart, type Page, type PageArgNames } from './page';
import { buildSearchIndex, type SearchIndex, type SearchOptions, type SearchResult } from './search';
import { nameIndex, slugNamed, type NameIndex } from './search/names';
import { loadSnapshot, type Snapshot } from './snapshot';
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

export class Knowledge {
  private current!: Current;
  private refreshing: Promise<void> | null = null;

  private constructor(readonly db: Database) {}

  /** Opens the service on a migrated database and loads its first snapshot. */
  static async open(db: Database): Promise<Knowledge> {
    const k = new Knowledge(db);
    await k.refresh();
    return k;
  }

  /** The graph as of the last committed write. */
  get snapshot(): Snapshot {
    return this.current.snapshot;
  }

  /** Rebuilds the snapshot from the store; concurrent calls share one rebuild that starts after them. */
  async refresh(): Promise<void> {
    const run = async () => {
      const snapshot = await loadSnapshot(this.db.prisma);
      const citing = citingIndex(snapshot);
      const names = nameIndex(snapshot.concepts);
      if (this.current) {
        // Reads see the new snapshot at once. Building the search index blocks for a few hundred
        // milliseconds, so requests already waiting are served first (search keeps the previous
        // index until then); the refresh, and so an edit, finishes only with the new index.
        this.current = { ...this.current, snapshot, citing, names };
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.current = { snapshot, search: buildSearchIndex(snapshot.concepts), citing, names };
    };
    const next = (this.refreshing ?? Promise.resolve()).then(run, run);
    this.refreshing = next;
    await next;
    if (this.refreshing === next) this.refreshing = null;
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

  /** Runs an edit, then rebuilds the snapshot so the next read sees it. */
  private async edit<T>(run: () => Promise<T>): Promise<T> {
    const out = await run();
    await this.refresh();
    return out;
  }

  createConcept = (author: Author, input: unknown) =>
    this.edit(() => edits.createConcept(this.db.prisma, author, input));
  updateConcept = (author: Author, input: unknown) =>
    this.edit(() => edits.updateConcept(this.db.prisma, author, input));
  addRelation = (author: Author, input: unknown) => this.edit(() => edits.addRelation(this.db.prisma, author, input));
  removeRelation = (author: Author, input: unknown) =>
    this.edit(() => edits.removeRelation(this.db.prisma, author, input));
  updateRelation = (author: Author, input: unknown) =>
    this.edit(() => edits.updateRelation(this.db.prisma, author, input));
  addFact = (author: Author, input: unknown) => this.edit(() => factEdits.addFact(this.db.prisma, author, input));
  updateFact = (author: Author, input: unknown) => this.edit(() => factEdits.updateFact(this.db.prisma, author, input));
  removeFact = (author: Author, input: unknown) => this.edit(() => factEdits.removeFact(this.db.prisma, author, input));
  addExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.addExample(this.db.prisma, author, input));
  updateExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.updateExample(this.db.prisma, author, input));
  removeExample = (author: Author, input: unknown) =>
    this.edit(() => exampleEdits.removeExample(this.db.prisma, author, input));
  addReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.addReference(this.db.prisma, author, input));
  updateReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.updateReference(this.db.prisma, author, input));
  revertReference = (author: Author, input: unknown) =>
    this.edit(() => referenceEdits.revertReference(this.db.prisma, author, input));
  revertConcept = (author: Author, input: unknown) =>
    this.edit(() => undo.revertConcept(this.db.prisma, author, input));
  deleteConcept = (author: Author, input: unknown) =>
    this.edit(() => undo.deleteConcept(this.db.prisma, author, input));
  restoreConcept = (author: Author, input: unknown) =>
    this.edit(() => undo.restoreConcept(this.db.prisma, author, input));
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
