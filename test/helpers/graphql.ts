// POST /graphql for tests, and the parts of an error reply that tests check.
import type { GraphQLFormattedError } from 'graphql';
import type { TestApp } from './app';

// Response data is whatever the query asked for; each test reads the fields it selected.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape is the query's, checked by each test
export type Data = any;
export interface Reply {
  data?: Data;
  errors?: GraphQLFormattedError[];
}
type Variables = Record<string, unknown>;
type Headers = Record<string, string>;

/** `gql` sends a query and returns the reply; `data` sends one that must succeed and returns its data. */
export function graphqlClient(app: () => TestApp) {
  const gql = async (query: string, variables: Variables = {}, headers: Headers = {}): Promise<Reply> => {
    const res = await app()
      .http.post('/graphql')
      .set({ 'content-type': 'application/json', ...headers })
      .send({ query, variables });
    return res.body as Reply;
  };
  const data = async (query: string, variables: Variables = {}, headers: Headers = {}): Promise<Data> => {
    const reply = await gql(query, variables, headers);
    expect(reply.errors).toBeUndefined();
    return reply.data;
  };
  return { gql, data };
}

/** The `extensions.code` of the first error. */
export const codeOf = (reply: Reply) => reply.errors?.[0]?.extensions?.code;

/** The field paths of the first error's problems. */
export const pathsOf = (reply: Reply) =>
  ((reply.errors?.[0]?.extensions?.problems ?? []) as { path: string }[]).map((p) => p.path);
