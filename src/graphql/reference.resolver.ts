// Reference lookups, and which concepts cite a reference.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { offsetOf } from '../capabilities/paging';
import { references } from '../capabilities/references';
import { pageAt } from '../knowledge/page';
import type { ConceptView, ReferenceView, Reliability } from '../knowledge/types';
import { AFTER_ARG, firstArgOf } from './args';
import { Concept } from './concept.type';
import { connectionOf } from './connection.type';
import { given, type GraphqlContext } from './context';
import { ReliabilityEnum } from './enums';
import { globalId } from './node';
import { Reference, ReferenceConnection } from './reference.type';

@Resolver(() => Reference)
export class ReferenceResolver {
  @Query(() => Reference, { nullable: true, description: 'The reference with this key, or null when there is none.' })
  reference(
    @Arg('key', () => String, { description: 'The reference’s key, such as `k8s-service`.' }) key: string,
    @Ctx() ctx: GraphqlContext,
  ): ReferenceView | null {
    return ctx.knowledge.reference(key) ?? null;
  }

  @Query(() => ReferenceConnection, { description: 'Every reference, by key, optionally filtered by reliability.' })
  async references(
    @Arg('reliability', () => ReliabilityEnum, {
      nullable: true,
      description: 'Only references this reliable (or unreliable).',
    })
    reliability: Reliability | null,
    @Arg('first', () => Int, firstArgOf(references)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    const args = argumentsOf(given({ reliability, first, after }), references.graphql!.args);
    const { input, output } = await ctx.call(references, args);
    const nodes = output.items.map((r) => ctx.knowledge.reference(r.key)!);
    return connectionOf(pageAt(nodes, offsetOf(input.limit, input.cursor), output.total));
  }

  @FieldResolver(() => ID, { description: 'The global ID of the reference.' })
  id(@Root() r: ReferenceView): string {
    return globalId('Reference', r.key);
  }

  @FieldResolver(() => [Concept], { description: 'The concepts whose facts cite the reference.' })
  citedBy(@Root() r: ReferenceView, @Ctx() ctx: GraphqlContext): readonly ConceptView[] {
    return ctx.knowledge.citing(r.key);
  }
}
