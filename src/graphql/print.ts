// The schema as SDL, for the committed schema.graphql that reviewers read as a diff.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGraphqlSchema } from './schema';

export const SCHEMA_FILE = 'schema.graphql';

/** The SDL of the served schema, sorted so that reordering code never changes the file. */
export async function printKubeknowSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphqlSchema()))}\n`;
}
