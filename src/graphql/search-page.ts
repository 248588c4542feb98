// A page of search results as a connection. The search index pages by offset; the offsets and cursors
// come from paginate(), so search cursors are the same opaque kind as every other connection's.
import { paginate } from '../knowledge/page';
import type { Knowledge } from '../knowledge/service';
import type { ConceptView, Locale } from '../knowledge/types';
import { connectionOf, type ConnectionSource } from './connection.type';
import type { SearchResultEdge } from './search.type';

type Edge = Omit<SearchResultEdge, 'node'> & { node: ConceptView };

/** The search results after the cursor, at most `first`, with their scores, snippets and highlights. */
export function searchConnection(
  knowledge: Knowledge,
  query: string,
  opts: { lang?: Locale; first: number; after?: string | null },
): ConnectionSource<ConceptView, Edge> {
  // Both searches run synchronously on the same index, so they agree on the ranking.
  const { total } = knowledge.search(query, { lang: opts.lang, limit: 1 });
  const page = paginate(
    Array.from({ length: total }, (_, i) => i),
    opts.first,
    opts.after,
  );
  const offset = page.items[0]?.node ?? total;
  const { hits } = page.items.length
    ? knowledge.search(query, { lang: opts.lang, limit: opts.first, offset })
    : { hits: [] };
  const edges = hits.map((h, i) => ({
    cursor: page.items[i].cursor,
    node: knowledge.requireConcept(h.slug),
    score: h.score,
    matchedLanguage: h.matchedLang,
    matchedField: h.field,
    snippet: h.snippet,
    highlights: h.highlights.map(([start, end]) => ({ start, end })),
  }));
  return connectionOf({ ...page, items: edges });
}
