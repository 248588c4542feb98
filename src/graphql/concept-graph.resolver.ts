// A concept's links to the rest of the graph: facts, relations, references, examples, history.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { relations } from '../capabilities/relations';
import type { ConceptView, ReferenceView, RelationType } from '../knowledge/types';
import { AFTER_ARG, FIRST_ARG, PAGE } from './args';
import { Concept } from './concept.type';
import { connectionOf } from './connection.type';
import { given, type GraphqlContext } from './context';
import { RelationDirection, RelationTypeEnum } from './enums';
import { Example } from './example.type';
import { Fact } from './fact.type';
import { Reference } from './reference.type';
import { Relation } from './relation.type';
import { RevisionConnection } from './revision.type';
import { examplesOf, factsOf, referencesOf, type ExampleSource, type FactSource, type RelationSource } from './sources';

@Resolver(() => Concept)
export class ConceptGraphResolver {
  @FieldResolver(() => [Fact], {
    description: 'Checkable statements about the concept, each with the reference that backs it.',
  })
  facts(@Root() c: ConceptView): FactSource[] {
    return factsOf(c);
  }

  @FieldResolver(() => [Relation], { description: 'Typed relations to other concepts, outgoing ones first.' })
  async relations(
    @Root() c: ConceptView,
    @Arg('direction', () => RelationDirection, {
      nullable: true,
      defaultValue: relations.graphql!.defaults!.direction,
      description:
        'Which relations to list: OUTGOING (the default: what this concept creates, requires, is…), INCOMING, or BOTH.',
    })
    direction: RelationDirection | null,
    @Arg('type', () => RelationTypeEnum, { nullable: true, description: 'Only relations of this type.' })
    type: RelationType | null,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RelationSource[]> {
    const asked = { slug: c.slug, direction: direction ?? relations.graphql!.defaults!.direction, type };
    const { output } = await ctx.call(relations, argumentsOf(given(asked)));
    return output.items.map((r) => ({
      type: r.type,
      note: r.note,
      direction: r.direction,
      source: r.direction === 'outgoing' ? c.slug : r.slug,
      target: r.direction === 'outgoing' ? r.slug : c.slug,
    }));
  }

  @FieldResolver(() => [Reference], { description: 'The references the concept’s facts cite, each once.' })
  references(@Root() c: ConceptView): ReferenceView[] {
    return referencesOf(c);
  }

  @FieldResolver(() => [Example], { description: 'Example manifests that show the concept.' })
  examples(@Root() c: ConceptView): ExampleSource[] {
    return examplesOf(c);
  }

  @FieldResolver(() => RevisionConnection, { description: 'The committed edits of the concept, newest first.' })
  async revisions(
    @Root() c: ConceptView,
    @Arg('first', () => Int, FIRST_ARG(PAGE)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    return connectionOf(await ctx.knowledge.revisions(c.slug, first ?? PAGE, after));
  }
}
