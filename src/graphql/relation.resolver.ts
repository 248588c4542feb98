// The two ends of a relation, as concepts.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConceptView } from '../knowledge/types';
import { Concept } from './concept.type';
import type { GraphqlContext } from './context';
import { Relation } from './relation.type';
import type { RelationSource } from './sources';

@Resolver(() => Relation)
export class RelationResolver {
  @FieldResolver(() => Concept, { description: 'The concept the relation goes from.' })
  source(@Root() r: RelationSource, @Ctx() ctx: GraphqlContext): ConceptView {
    return ctx.knowledge.requireConcept(r.source);
  }

  @FieldResolver(() => Concept, { description: 'The concept the relation goes to.' })
  target(@Root() r: RelationSource, @Ctx() ctx: GraphqlContext): ConceptView {
    return ctx.knowledge.requireConcept(r.target);
  }
}
