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

/** The names errors give the paging arguments: GraphQL's `first` and `after`, REST's `limit` and `cursor`. */
export interface PageArgNames {
  first: string;
  after: string;
}

export const MAX_PAGE = 100;
const GRAPHQL_NAMES: PageArgNames = { first: 'first', after: 'after' };

/** An opaque cursor: the position after which the next page starts. */
export const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

// The position a cursor of this API stands for; BAD_USER_INPUT at `path` for anything else.
function decodeCursor(cursor: string, path: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) fail('BAD_USER_INPUT', 'is not a cursor this API returned', path);
  return Number(m[1]);
}

/** The offset the page after the cursor starts at (the cursor decoded), once `first` is checked to be 1..100. */
export function pageStart(first: number, after?: string | null, names = GRAPHQL_NAMES): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    fail('BAD_USER_INPUT', `must be between 1 and ${MAX_PAGE}`, names.first);
  return after ? decodeCursor(after, names.after) + 1 : 0;
}

/** The page made of `nodes`, which stand at `start` in an ordered list of `total` items. */
export function pageAt<T>(nodes: readonly T[], start: number, total: number): Page<T> {
  const items = nodes.map((node, i) => ({ node, cursor: encodeCursor(start + i) }));
  return {
    items,
    totalCount: total,
    hasNextPage: start + items.length < total,
    hasPreviousPage: start > 0,
    startCursor: items[0]?.cursor ?? null,
    endCursor: items.at(-1)?.cursor ?? null,
  };
}

/** The page of `all` after the cursor, at most `first` long (1..100). */
export function paginate<T>(all: readonly T[], first = 20, after?: string | null, names = GRAPHQL_NAMES): Page<T> {
  const start = pageStart(first, after, names);
  return pageAt(all.slice(start, start + first), start, all.length);
}
