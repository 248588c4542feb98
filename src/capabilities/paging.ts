// A page of a list, as every list capability answers it: `limit` items after `cursor`, the total,
// and the cursor of the next page. GraphQL's `first` and `after` are the same fields, renamed.
import { paginate, pageStart } from '../knowledge/page';

const NAMES = { first: 'limit', after: 'cursor' };

/** The page of `all` that `limit` and `cursor` ask for, each item shown by `show`. */
export function pageOf<T, Item>(all: readonly T[], limit: number, cursor: string | undefined, show: (t: T) => Item) {
  const page = paginate(all, limit, cursor, NAMES);
  return {
    items: page.items.map(({ node }) => show(node)),
    total: page.totalCount,
    nextCursor: page.hasNextPage ? page.endCursor : null,
  };
}

/** Where the page after `cursor` starts in the whole list: what a GraphQL connection's cursors count from. */
export const offsetOf = (limit: number, cursor: string | undefined): number => pageStart(limit, cursor, NAMES);
