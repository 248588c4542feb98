// Cursor pagination over an ordered list, shared by GraphQL connections and REST pages.
import { fail } from '../errors';

export interface Page<T> {
  items: { node: T; cursor: string }[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export const MAX_PAGE = 100;

/** An opaque cursor: the position after which the next page starts. */
export const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeCursor(cursor: string, path: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) fail('BAD_USER_INPUT', 'is not a cursor this API returned', path);
  return Number(m[1]);
}

/** The page of `all` after the cursor, at most `first` long (1..100). */
export function paginate<T>(all: readonly T[], first = 20, after?: string | null, names = { first: 'first', after: 'after' }): Page<T> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) fail('BAD_USER_INPUT', `must be between 1 and ${MAX_PAGE}`, names.first);
  const start = after ? decodeCursor(after, names.after) + 1 : 0;
  const items = all.slice(start, start + first).map((node, i) => ({ node, cursor: encodeCursor(start + i) }));
  return {
    items,
    totalCount: all.length,
    hasNextPage: start + items.length < all.length,
    hasPreviousPage: start > 0,
    startCursor: items[0]?.cursor ?? null,
    endCursor: items.at(-1)?.cursor ?? null,
  };
}
