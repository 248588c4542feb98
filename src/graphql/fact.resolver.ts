// A fact's ID, its statement in a language, its reference and its concept.
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { statementIn, type ConceptView, type Locale, type ReferenceView } from '../knowledge/types';
import { LANG_ARG, langOf } from './args';
import { Concept } from './concept.type';
import type { GraphqlContext } from './context';
import { Language } from './enums';
import { Fact } from './fact.type';
import { globalId } from './node';
import { Reference } from './reference.type';
import type { FactSource } from './sources';

@Resolver(() => Fact)
export class FactResolver {
  @FieldResolver(() => ID, { description: 'The global ID of the fact.' })
  id(@Root() f: FactSource): string {
    return globalId('Fact', `${f.slug}/${f.key}`);
  }

  @FieldResolver(() => String, { description: 'The statement, one sentence a reader can check against the reference.' })
  statement(
    @Root() f: FactSource,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return statementIn(f, langOf(lang, ctx));
  }

  @FieldResolver(() => Reference, { description: 'The source that backs the statement.' })
  reference(@Root() f: FactSource): ReferenceView {
    return f.reference;
  }

  @FieldResolver(() => Concept, { description: 'The concept the fact is about.' })
  concept(@Root() f: FactSource, @Ctx() ctx: GraphqlContext): ConceptView {
    return ctx.knowledge.requireConcept(f.slug);
  }
}
