// The edit history: the revisions capability's page, each revision with both documents and its changes.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { offsetOf } from '../capabilities/paging';
import { revisions } from '../capabilities/revisions';
import { documentChanges, type FieldChange } from '../knowledge/document';
import type { RevisionView } from '../knowledge/service';
import { AFTER_ARG, firstArgOf } from './args';
import { connectionOf } from './connection.type';
import { given, type GraphqlContext } from './context';
import { globalId } from './node';
import { pageAt } from '../knowledge/page';
import { Revision, RevisionChange, RevisionConnection } from './revision.type';

@Resolver(() => Revision)
export class RevisionResolver {
  @Query(() => RevisionConnection, { description: 'The committed edits of a concept, newest first.' })
  async revisions(
    @Arg('slug', () => String, { description: 'The concept’s slug, or `reference:<key>` for a reference’s history.' })
    slug: string,
    @Arg('first', () => Int, firstArgOf(revisions)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    const { input, output } = await ctx.call(
      revisions,
      argumentsOf(given({ slug, first, after }), revisions.graphql!.args),
    );
    const nodes = await ctx.knowledge.revisionsById(output.items.map((r) => r.id));
    return connectionOf(pageAt(nodes, offsetOf(input.limit, input.cursor), output.total));
  }

  @FieldResolver(() => ID, { description: 'The global ID of the revision.' })
  id(@Root() r: RevisionView): string {
    return globalId('Revision', String(r.id));
  }

  @FieldResolver(() => [RevisionChange], {
    description: 'What the edit changed, field by field, in document order.',
  })
  changes(@Root() r: RevisionView): FieldChange[] {
    return documentChanges(r.before, r.after);
  }
}
