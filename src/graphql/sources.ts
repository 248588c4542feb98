// What the GraphQL object types resolve from: the services' views, plus what a view alone lacks
// (a fact's or an example's concept, a relation's direction as seen from the concept it was read from).
import { fail } from '../errors';
import type { Knowledge, RevisionView } from '../knowledge/service';
import type { ConceptView, ExampleView, FactView, ReferenceView, RelationType, RelationView } from '../knowledge/types';

/** A fact as GraphQL serves it: it knows its concept, which its ID needs. */
export type FactSource = FactView & { slug: string };
/** An example as GraphQL serves it, with its concept's slug. */
export type ExampleSource = ExampleView & { slug: string };
/** A relation seen from one of its ends. */
export type RelationSource = RelationView & { direction: 'outgoing' | 'incoming' };
/** Anything `node(id:)` can return. */
export type NodeSource = ConceptView | ReferenceView | FactSource | ExampleSource | RevisionView;

/** The concept's facts, each knowing its concept. */
export const factsOf = (c: ConceptView): FactSource[] => c.facts.map((f) => ({ ...f, slug: c.slug }));

/** The concept's examples, each knowing its concept. */
export const examplesOf = (c: ConceptView): ExampleSource[] => c.examples.map((e) => ({ ...e, slug: c.slug }));

/** The references the concept's facts cite, each once, in the order first cited. */
export const referencesOf = (c: ConceptView): ReferenceView[] => [
  ...new Map(c.facts.map((f) => [f.reference.key, f.reference])).values(),
];

/** The concept's outgoing relation of this type to this target (just added by a mutation). */
export function outgoingRelation(c: ConceptView, type: RelationType, target: string): RelationSource {
  return (
    c.outgoing
      .filter((r) => r.type === type && r.target === target)
      .map((r) => ({ ...r, direction: 'outgoing' as const }))[0] ??
    fail('NOT_FOUND', `"${c.slug}" has no ${type} relation to "${target}"`, 'target')
  );
}

/** The concept's fact with this key (just added by a mutation). */
export function factOf(c: ConceptView, key: string): FactSource {
  return factsOf(c).find((f) => f.key === key) ?? fail('NOT_FOUND', `concept "${c.slug}" has no fact "${key}"`, 'key');
}

/** The reference with this key (just added by a mutation). */
export function referenceOf(knowledge: Knowledge, key: string): ReferenceView {
  return knowledge.reference(key) ?? fail('NOT_FOUND', `no reference "${key}"`, 'key');
}
