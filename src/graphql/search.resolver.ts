// Free-text search over concepts, in Korean or English: the search capability as a connection.
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { languageOf } from '../capabilities/language';
import { offsetOf } from '../capabilities/paging';
import { search } from '../capabilities/search';
import { pageAt } from '../knowledge/page';
import type { Locale } from '../knowledge/types';
import { AFTER_ARG, firstArgOf } from './args';
import { connectionOf } from './connection.type';
import { given, type GraphqlContext } from './context';
import { Language } from './enums';
import { SearchResultConnection } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      'Concepts for a question or keywords in Korean or English, ranked by score, highest first (`relevance` is a separate measure: a later result may show a higher one).',
  })
  async search(
    @Arg('query', () => String, {
      description: 'The question or keywords, such as “헤드리스 서비스 DNS” or “pod stuck pending”.',
    })
    query: string,
    @Arg('first', () => Int, firstArgOf(search)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Arg('lang', () => Language, {
      nullable: true,
      description:
        'The language to quote snippets in and to prefer; defaults to the request’s Accept-Language, then KO when the query contains Hangul, else EN.',
    })
    lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    const args = argumentsOf(given({ query, first, after, lang }), search.graphql!.args);
    const { input, output } = await ctx.call(search, args);
    // The nodes read in the language the search answered in, as REST's and MCP's items do.
    const answered = languageOf(input.lang, ctx, query);
    const nodeOf = (slug: string) => {
      const node = ctx.knowledge.requireConcept(slug);
      if (answered !== ctx.lang) ctx.foundIn.set(node, answered);
      return node;
    };
    const edges = output.items.map((h) => ({
      node: nodeOf(h.slug),
      score: h.score,
      relevance: h.relevance,
      matchedLanguage: h.matchedLang,
      matchedField: h.matchedField,
      snippet: h.snippet,
      highlights: h.highlights.map(([start, end]) => ({ start, end })),
    }));
    const page = pageAt(edges, offsetOf(input.limit, input.cursor), output.total);
    const connection = connectionOf({ ...page, items: page.items.map(({ node, cursor }) => ({ ...node, cursor })) });
    return { ...connection, match: output.match };
  }
}
