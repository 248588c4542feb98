// An example's ID, title, concept, and the objects its manifest describes as the kernel reads them.
// What the kernel computes from the manifest (dnsRecords, endpointSlices…) are fields generated from
// the capabilities (src/graphql/generate.ts).
import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { parseManifests, toPlainJson } from '../k8s/objects';
import type { ConceptView, Locale } from '../knowledge/types';
import { LANG_ARG, langOf } from './args';
import { Concept } from './concept.type';
import type { GraphqlContext } from './context';
import { Language } from './enums';
import { Example } from './example.type';
import { globalId } from './node';
import type { ExampleSource } from './sources';

@Resolver(() => Example)
export class ExampleResolver {
  @FieldResolver(() => ID, { description: 'The global ID of the example.' })
  id(@Root() e: ExampleSource): string {
    return globalId('Example', `${e.slug}/${e.key}`);
  }

  @FieldResolver(() => String, { description: 'What the example shows.' })
  title(
    @Root() e: ExampleSource,
    @Arg('lang', () => Language, LANG_ARG) lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ): string {
    const l = langOf(lang, ctx);
    return e.title[l] || e.title[l === 'ko' ? 'en' : 'ko'];
  }

  @FieldResolver(() => JSONResolver, {
    nullable: true,
    description:
      'The manifest’s objects as the API server would show them (`kubectl get -o json`), with defaults filled in: ' +
      'the kinds the kernel models first, then any others, each group in manifest order. Null, with an error, when the manifest is invalid.',
  })
  objects(@Root() e: ExampleSource): Record<string, unknown>[] {
    const cluster = parseManifests(e.manifest);
    return [...cluster.objects, ...cluster.others].map(toPlainJson);
  }

  @FieldResolver(() => Concept, { description: 'The concept the example shows.' })
  concept(@Root() e: ExampleSource, @Ctx() ctx: GraphqlContext): ConceptView {
    return ctx.knowledge.requireConcept(e.slug);
  }
}
