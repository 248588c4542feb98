// Paging for REST lists: `limit` and `cursor` in; `{ items, total, nextCursor }` out, and the query
// that fetches the next page.
import { MAX_PAGE, paginate, type Page } from '../knowledge/page';

/** The query parameters of every REST list. */
export const pageParams = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 20, description: 'Items per page (1–100).' },
  cursor: { type: 'string', description: 'The nextCursor of the previous page.' },
} as const;

/** The schema of a page of items with the total and the next cursor. */
export const pageOf = (items: object) =>
  ({
    type: 'object',
    required: ['items', 'total', 'nextCursor'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer' },
      nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last.' },
    },
  }) as const;

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** The page of `all` that `limit` and `cursor` ask for; errors name those parameters. */
export function restPage<T>(all: readonly T[], query: PageQuery): Page<T> {
  return paginate(all, query.limit, query.cursor, { first: 'limit', after: 'cursor' });
}

/** The cursor of the page after this one, or null on the last. */
export const nextCursorOf = (page: Page<unknown>): string | null => (page.hasNextPage ? page.endCursor : null);

/** A page as a list's JSON body, with these items standing for the page's nodes. */
export function pageBody<T>(page: Page<unknown>, items: T[]): { items: T[]; total: number; nextCursor: string | null } {
  return { items, total: page.totalCount, nextCursor: nextCursorOf(page) };
}

/** The query of the next page: the parameters that were given, the cursor moved on. */
export function nextPageQuery(query: object, cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, cursor })) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}
