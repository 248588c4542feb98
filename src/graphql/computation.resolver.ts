// What a computation shows, in the asked language.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Computation as ComputationView } from '../knowledge/computations';
import type { Locale } from '../knowledge/types';
import { LANG_ARG, langOf } from './args';
import { Computation } from './computation.type';
import type { GraphqlContext } from './context';
import { Language } from './enums';

@Resolver(() => Computation)
export class ComputationResolver {
  @FieldResolver(() => String, { description: 'What the computation shows, in one sentence.' })
  does(
    @Root() c: ComputationView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return c.does[langOf(lang, ctx)];
  }
}
