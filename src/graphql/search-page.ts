// A page of search results as a connection. The search index pages by offset, so the cursor is
// decoded to one and the index is asked once, for the page and the total; the cursors are the same
// opaque kind as every other connection's.
import { pageAt, pageStart } from '../knowledge/page';
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
  const offset = pageStart(opts.first, opts.after);
  const { total, hits } = knowledge.search(query, { lang: opts.lang, limit: opts.first, offset });
  const page = pageAt(hits, offset, total);
  const edges = page.items.map(({ node: h, cursor }) => ({
    cursor,
    node: knowledge.requireConcept(h.slug),
    score: h.score,
    matchedLanguage: h.matchedLang,
    matchedField: h.field,
    snippet: h.snippet,
    highlights: h.highlights.map(([start, end]) => ({ start, end })),
  }));
  return connectionOf({ ...page, items: edges });
}
