// The schema as SDL, for the committed schema.graphql that reviewers read as a diff.

export const SCHEMA_FILE = 'schema.graphql';

/** The SDL of the served schema, sorted so that reordering code never changes the file. */
export async function printKubeknowSchema(): Promise<string> {
  // Loaded when asked for: the API serves this at GET /graphql/schema.graphql, and graphql-js and the
  // schema's modules are not loaded at start (src/graphql/route.ts).
  const [{ lexicographicSortSchema, printSchema }, { buildGraphqlSchema }] = await Promise.all([
    import('graphql'),
    import('./schema'),
  ]);
  return `${printSchema(lexicographicSortSchema(await buildGraphqlSchema()))}\n`;
}
