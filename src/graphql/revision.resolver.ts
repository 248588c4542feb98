// The edit history.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RevisionView } from '../knowledge/service';
import { AFTER_ARG, FIRST_ARG, PAGE } from './args';
import { connectionOf } from './connection.type';
import type { GraphqlContext } from './context';
import { globalId } from './node';
import { Revision, RevisionConnection } from './revision.type';

@Resolver(() => Revision)
export class RevisionResolver {
  @Query(() => RevisionConnection, { description: 'The committed edits of a concept, newest first.' })
  async revisions(
    @Arg('slug', () => String, { description: 'The concept’s slug, or `reference:<key>` for a reference’s history.' })
    slug: string,
    @Arg('first', () => Int, FIRST_ARG(PAGE)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    return connectionOf(await ctx.knowledge.revisions(slug, first ?? PAGE, after));
  }

  @FieldResolver(() => ID, { description: 'The global ID of the revision.' })
  id(@Root() r: RevisionView): string {
    return globalId('Revision', String(r.id));
  }
}
