// The shapes of a grounded context: what contextFor returns and what it reads.
import type { Direction } from '../present';
import type { SearchMatch, SearchResult } from '../search';
import type { Snapshot } from '../snapshot';
import type { ConceptView, Locale, Reliability, RelationType } from '../types';
import type { BudgetUnit, ContextBudget } from './budget';

export interface ContextRequest {
  q: string;
  lang?: Locale;
  /** Either chars or tokens (default: 4000 chars). */
  budget?: ContextBudget;
  /** The link of a concept; default `/v1/concepts/<slug>?lang=<lang>`. */
  linkFor?: (slug: string, lang: Locale) => string;
  /**
   * Which renderings must fit the budget: both (default), or only the markdown, for a caller that
   * sends nothing else (the JSON is the larger of the two, so this keeps more).
   */
  fit?: 'both' | 'markdown';
}

export interface ContextConcept {
  slug: string;
  title: string;
  summary: string;
  link: string;
  /** Search score, for ranking: 1 for the best concept, the others their fraction of it. */
  score: number;
  /** Absolute relevance, 0–1 and comparable across questions: how much of the question the concept covers. */
  relevance: number;
}
export interface ContextFact {
  /** The concept the fact belongs to. */
  concept: string;
  key: string;
  statement: string;
  /** Present when the fact corrects a common belief: the belief, in the context's language. */
  corrects?: { belief: string };
  reliability: Reliability;
  source: { key: string; title: string; url: string | null };
  /** Present unless the source is authoritative: how far the statement may be trusted. */
  caution?: string;
}
export interface ContextRelation {
  /** The included concept the relation is seen from. */
  from: string;
  direction: Direction;
  type: RelationType;
  slug: string;
  title: string;
}
export interface GroundedContext {
  /** The question, cut to 80 characters. */
  query: string;
  lang: Locale;
  /**
   * Whether a concept answers the question: `strong` grounds the answer on concepts and facts;
   * `weak` lists the nearest concepts without facts, as none clearly covers the question; `none`
   * has nothing to ground on.
   */
  match: SearchMatch;
  budget: { unit: BudgetUnit; limit: number; used: { json: number; markdown: number } };
  concepts: ContextConcept[];
  /** Statements backed by an authoritative, community or unverified source (flagged by reliability and caution). */
  facts: ContextFact[];
  /** Statements whose only source is DISPUTED: never to be presented as fact. */
  caveats: ContextFact[];
  related: ContextRelation[];
  /** Whether anything was dropped (or the top summary cut) to fit the budget. */
  truncated: boolean;
  omitted: { concepts: number; facts: number; caveats: number; related: number };
}

/** What contextFor reads from the knowledge service. */
export interface ContextSource {
  readonly snapshot: Snapshot;
  search(query: string, opts: { lang?: Locale; limit?: number }): SearchResult;
  concept(slug: string): ConceptView | undefined;
}
