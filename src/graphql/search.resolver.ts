// Free-text search over concepts, in Korean or English.
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Locale } from '../knowledge/types';
import { AFTER_ARG, FIRST_ARG, SEARCH_PAGE } from './args';
import type { GraphqlContext } from './context';
import { Language } from './enums';
import { searchConnection } from './search-page';
import { SearchResultConnection } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: 'Concepts ranked for a question or keywords in Korean or English, best first.',
  })
  search(
    @Arg('query', () => String, {
      description: 'The question or keywords, such as “헤드리스 서비스 DNS” or “pod stuck pending”.',
    })
    query: string,
    @Arg('first', () => Int, FIRST_ARG(SEARCH_PAGE)) first: number | null,
    @Arg('after', () => String, AFTER_ARG) after: string | null,
    @Arg('lang', () => Language, {
      nullable: true,
      description:
        'The language to quote snippets in and to prefer; defaults to KO when the query contains Hangul, else EN.',
    })
    lang: Locale | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    return searchConnection(ctx.knowledge, query, { lang: lang ?? undefined, first: first ?? SEARCH_PAGE, after });
  }
}
