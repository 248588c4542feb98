// The GraphQL schema, built by type-graphql from the resolver classes (and the types they reach).
// type-graphql reads design-time types through reflect-metadata; it must load before any decorator runs.
import 'reflect-metadata';
import { assertValidSchema, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { buildSchema } from 'type-graphql';
import { CAPABILITIES } from '../capabilities';
import { ApiKeyResolver } from './apikey.resolver';
import { ComputationResolver } from './computation.resolver';
import { ConceptGraphResolver } from './concept-graph.resolver';
import { ConceptResolver } from './concept.resolver';
import { ExampleEditResolver } from './example-edit.resolver';
import { ExampleResolver } from './example.resolver';
import { generatedResolvers } from './generate';
import { FactCorrectionResolver, FactResolver } from './fact.resolver';
import { GroundedResolver } from './grounded.resolver';
import { MutationResolver } from './mutation.resolver';
import { NodeResolver } from './node.resolver';
import { ReferenceResolver } from './reference.resolver';
import { RelationResolver } from './relation.resolver';
import { RevisionResolver } from './revision.resolver';
import { SearchResolver } from './search.resolver';
import { UndoResolver } from './undo.resolver';

/**
 * The schema served at /graphql, made in three turns of the event loop (the generated resolvers,
 * type-graphql's build, the roots described and the schema validated), so that a server making it
 * answers other requests between them (src/graphql/route.ts).
 */
export async function buildGraphqlSchema(): Promise<GraphQLSchema> {
  const generated = generatedResolvers(CAPABILITIES);
  await nextTurn();
  const schema = await buildSchema({
    resolvers: [
      NodeResolver,
      ConceptResolver,
      ConceptGraphResolver,
      FactResolver,
      FactCorrectionResolver,
      RelationResolver,
      ExampleResolver,
      ComputationResolver,
      ReferenceResolver,
      RevisionResolver,
      SearchResolver,
      GroundedResolver,
      MutationResolver,
      ApiKeyResolver,
      UndoResolver,
      ExampleEditResolver,
      ...generated,
    ],
    // Inputs are checked once, by the services' zod schemas, so every transport rejects the same things.
    validate: false,
    // type-graphql's check runs the whole introspection query over the schema it built: two thirds of
    // the build's time. What can fail there, the schema's validation, is done below on the schema served.
    skipCheck: true,
  });
  await nextTurn();
  const described = describeRoots(schema);
  assertValidSchema(described);
  return described;
}

// type-graphql builds the root types without descriptions; GitHub's schema describes them too.
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const describe = (type: GraphQLObjectType | null | undefined, description: string) =>
    type ? new GraphQLObjectType({ ...type.toConfig(), description }) : undefined;
  const query = describe(
    config.query,
    'The query root of the kubeknow GraphQL API: reads of the Kubernetes knowledge graph.',
  );
  const mutation = describe(
    config.mutation,
    'The root of edits to the knowledge graph, which need an API key with the write scope, and of API keys, which need the admin scope.',
  );
  const roots = new Set<unknown>([config.query, config.mutation]);
  return new GraphQLSchema({ ...config, query, mutation, types: config.types.filter((t) => !roots.has(t)) });
}
