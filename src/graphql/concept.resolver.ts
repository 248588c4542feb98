// Concept lookups and a concept's own texts.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { concept } from '../capabilities/concept';
import { concepts } from '../capabilities/concepts';
import { offsetOf } from '../capabilities/paging';
import { KubeknowError } from '../errors';
import { computation, type Computation as ComputationView } from '../knowledge/computations';
import { pageAt } from '../knowledge/page';
import { LOCALES, textIn, type ConceptKind, type ConceptView, type Locale } from '../knowledge/types';
import { AFTER_ARG, firstArgOf, LANG_ARG, langOf } from './args';
import { Computation } from './computation.type';
import { Concept, ConceptConnection } from './concept.type';
import { connectionOf } from './connection.type';
import { given, type GraphqlContext } from './context';
import { ConceptKindEnum, Language } from './enums';
import { globalId } from './node';

@Resolver(() => Concept)
export class ConceptResolver {
  @Query(() => Concept, { nullable: true, description: 'The concept with this slug, or null when there is none.' })
  async concept(
    @Arg('slug', () => String, { description: 'The concept’s slug, such as `headless-service`.' }) slug: string,
    @Ctx() ctx: GraphqlContext,
  ): Promise<ConceptView | null> {
    try {
      const { output } = await ctx.call(concept, argumentsOf({ slug }));
      return ctx.knowledge.requireConcept(output.slug);
    } catch (err) {
      // A nullable lookup: the concept that is not there is null, as `node(id:)` is.
      if (err instanceof KubeknowError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  @Query(() => ConceptConnection, { description: 'Every concept, by slug, optionally filtered.' })
  async concepts(
    @Arg('first', () => Int, firstArgOf(concepts)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Arg('category', () => String, {
      nullable: true,
      description: 'Only concepts of this category, such as `services`.',
    })
    category: string | null,
    @Arg('kind', () => ConceptKindEnum, { nullable: true, description: 'Only concepts of this kind.' })
    kind: ConceptKind | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    const args = argumentsOf(given({ first, after, category, kind }), concepts.graphql!.args);
    const { input, output } = await ctx.call(concepts, args);
    const nodes = output.items.map((b) => ctx.knowledge.requireConcept(b.slug));
    return connectionOf(pageAt(nodes, offsetOf(input.limit, input.cursor), output.total));
  }

  @FieldResolver(() => ID, { description: 'The global ID of the concept.' })
  id(@Root() c: ConceptView): string {
    return globalId('Concept', c.slug);
  }

  @FieldResolver(() => String, { description: 'The concept’s name, such as “Headless Service” or “헤드리스 서비스”.' })
  title(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return textIn(c, langOf(lang, ctx, c)).title;
  }

  @FieldResolver(() => [String], {
    description: 'Other names people use for the concept, such as “headless svc” or `clusterIP: None`.',
  })
  aliases(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string[] {
    return textIn(c, langOf(lang, ctx, c)).aliases;
  }

  @FieldResolver(() => String, { description: 'One paragraph that says what the concept is.' })
  summary(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return textIn(c, langOf(lang, ctx, c)).summary;
  }

  @FieldResolver(() => String, { description: 'Markdown: how the concept behaves, when to use it, what goes wrong.' })
  body(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    return textIn(c, langOf(lang, ctx, c)).body;
  }

  @FieldResolver(() => [String], {
    description: 'Phrasings people type for a problem the concept explains, such as “pod stuck pending”.',
  })
  symptoms(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string[] {
    return textIn(c, langOf(lang, ctx, c)).symptoms ?? [];
  }

  @FieldResolver(() => [Computation], {
    description: 'The kubeknow computations that diagnose what the concept describes (empty for most concepts).',
  })
  diagnosedBy(@Root() c: ConceptView): ComputationView[] {
    return (c.diagnosedBy ?? []).flatMap((name) => computation(name) ?? []);
  }

  @FieldResolver(() => Language, {
    description: 'The language that `title`, `summary` and `body` are actually in, after falling back.',
  })
  language(
    @Root() c: ConceptView,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): Locale {
    return textIn(c, langOf(lang, ctx, c)).lang;
  }

  @FieldResolver(() => [Language], { description: 'The languages the concept is written in.' })
  languages(@Root() c: ConceptView): Locale[] {
    return LOCALES.filter((l) => c.texts[l]);
  }
}
