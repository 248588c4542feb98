// Refetching any object by its global ID, as the Global Object Identification spec asks.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphqlContext } from './context';
import { nodeById, nodesByIds } from './node';
import { Node } from './node.type';
import type { NodeSource } from './sources';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The object with this global ID, or null when it does not exist.' })
  node(
    @Arg('id', () => ID, { description: 'A global ID this API returned.' }) id: string,
    @Ctx() ctx: GraphqlContext,
  ): Promise<NodeSource | null> {
    return nodeById(ctx.knowledge, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'The objects with these global IDs, in order; null for each that does not exist.',
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global IDs this API returned (at most 100).' }) ids: string[],
    @Ctx() ctx: GraphqlContext,
  ): Promise<(NodeSource | null)[]> {
    return nodesByIds(ctx.knowledge, ids);
  }
}
