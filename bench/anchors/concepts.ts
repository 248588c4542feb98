// The schema shape and data both GraphQL anchors serve: kubeknow's concept query with relations
// (`concept(slug)` → facts with their references, outgoing relations with their target concepts),
// over the concept documents kubeknow itself answered, read from a JSON file the bench writes.
import { readFileSync } from 'node:fs';

/** One concept as kubeknow answered the bench's query, with each relation's target as a slug. */
export interface ConceptDocument {
  id: string;
  slug: string;
  title: string;
  summary: string;
  facts: { statement: string; reference: { url: string; reliability: string } }[];
  relations: { type: string; target: string }[];
}

export const typeDefs = `
  type Query { concept(slug: String!): Concept }
  type Concept {
    id: ID!
    slug: String!
    title: String!
    summary: String!
    facts: [Fact!]!
    relations: [Relation!]!
  }
  type Fact { statement: String! reference: Reference! }
  type Reference { url: String! reliability: String! }
  type Relation { type: String! target: Concept! }
`;

/** The documents of the file, by slug. */
export function readConcepts(file: string): Map<string, ConceptDocument> {
  const docs = JSON.parse(readFileSync(file, 'utf8')) as ConceptDocument[];
  return new Map(docs.map((d) => [d.slug, d]));
}

/** Resolvers over the documents: a lookup by slug, and a relation's target looked up the same way. */
export function resolvers(concepts: Map<string, ConceptDocument>) {
  return {
    Query: { concept: (_: unknown, args: { slug: string }) => concepts.get(args.slug) ?? null },
    Relation: { target: (r: { target: string }) => concepts.get(r.target) },
  };
}

/** The port a bench server listens on: BENCH_PORT when the bench that started it picks one (to keep
 * to a range on a shared machine), else any free one. */
export const benchPort = (): number => Number(process.env.BENCH_PORT ?? 0);

/** Says where the server listens, for the bench that started it (one line of JSON on stdout). */
export function announce(base: string): void {
  process.stdout.write(`${JSON.stringify({ base })}\n`);
}
