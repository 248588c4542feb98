// A fact's ID, its statement in a language, its reference and its concept.
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import {
  inLocale,
  statementIn,
  type ConceptView,
  type FactCorrection as Correction,
  type Locale,
  type ReferenceView,
} from '../knowledge/types';
import { LANG_ARG, langOf } from './args';
import { Concept } from './concept.type';
import type { GraphqlContext } from './context';
import { Language } from './enums';
import { Fact, FactCorrection } from './fact.type';
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

  @FieldResolver(() => FactCorrection, {
    nullable: true,
    description: 'The common belief this fact corrects; null when it corrects none.',
  })
  corrects(@Root() f: FactSource): Correction | null {
    return f.corrects;
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

@Resolver(() => FactCorrection)
export class FactCorrectionResolver {
  @FieldResolver(() => String, {
    description:
      'The belief, stated neutrally: in English a clause that reads after “A common belief is that …”, in Korean a sentence quoted in 흔히 “…”라고 알려져 있지만.',
  })
  belief(
    @Root() c: Correction,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return inLocale(c.belief, langOf(lang, ctx));
  }
}
