// Argument options shared by many fields, so the same argument reads the same everywhere.
import type { Capability } from '../capabilities/capability';
import { defaultOf, schemaAtPath } from '../capabilities/schema-walk';
import type { Locale } from '../knowledge/types';
import type { GraphqlContext } from './context';

export const LANG_ARG = {
  nullable: true,
  description:
    'The language to read. Defaults to the request’s Accept-Language, then EN; text missing in it falls back to the other language.',
} as const;

/** Items per page of a list that is not a capability's (revisions) when `first` is left out or null. */
export const PAGE = 20;

/** The options of a `first` argument whose default is this page size. */
export const FIRST_ARG = (defaultValue: number) =>
  ({
    nullable: true,
    defaultValue,
    description: `Returns the first n items (1 to 100; ${defaultValue} when left out or null).`,
  }) as const;

/** The `first` argument of a capability's list: its `limit`, with the capability's default. */
export const firstArgOf = (cap: Capability) => FIRST_ARG(defaultOf(schemaAtPath(cap.input, 'limit')!) as number);

export const AFTER_ARG = {
  nullable: true,
  description: 'Returns the items after this cursor (an `endCursor` or edge `cursor` from an earlier page).',
} as const;

/** The options of a mutation's `input` argument. */
export const MUTATION_INPUT = { description: 'Parameters for the mutation.' } as const;

export const MUTATION_ID = {
  nullable: true,
  description: 'A unique identifier for the client performing the mutation, returned unchanged in the payload.',
} as const;

/** The language a field is read in: its own argument, else the one its node was found in, else the request's. */
export const langOf = (lang: Locale | null | undefined, ctx: GraphqlContext, node?: object): Locale =>
  lang ?? (node && ctx.foundIn.get(node)) ?? ctx.lang;
