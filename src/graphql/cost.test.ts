// How a GraphQL operation is costed before it runs (cost.ts): each field and alias, lists by `first`
// or their known size, capability fields by their capability's cost of their arguments.
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { CAPABILITIES } from '../capabilities';
import { COMPUTED_FIELD_COST, MUTATION_COST, capabilityFields, operationCost, type KnownBounds } from './cost';
import { buildGraphqlSchema } from './schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphqlSchema();
});

const bounds: KnownBounds = {
  lists: new Map([
    ['Concept.relations', 5],
    ['Concept.examples', 2],
  ]),
  totals: new Map([['ConceptConnection', 30]]),
  exampleCost: 4,
};

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(
    { schema, capabilities: capabilityFields(CAPABILITIES), bounds, listSize: 10 },
    document,
    op,
    variables,
  );
};

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } };

const cases: { name: string; query: string; variables?: Record<string, unknown>; want: number | null }[] = [
  { name: 'a field costs 1', query: '{ __typename }', want: 1 },
  {
    name: "a capability's field adds its cost (1) and a KiB of arguments; its fields cost 1 each",
    query: '{ concept(slug: "pod") { slug title } }',
    want: 1 + 1 + 1 + 2,
  },
  {
    name: 'each alias counts on its own',
    query: '{ a: concept(slug: "pod") { slug } b: concept(slug: "pod") { slug } }',
    want: 2 * (1 + 1 + 1 + 1),
  },
  {
    name: "a list multiplies its selection by its known size: relations, 5 a concept (its capability's input needs the concept's slug, so only its arguments count)",
    query: '{ concept(slug: "pod") { relations { target { slug } } } }',
    want: 3 + (1 + 1 + 5 * (1 + 1)),
  },
  {
    name: 'a connection multiplies its selection by first, at most the items there are (30); its capability costs its page',
    query: '{ concepts(first: 100) { nodes { slug } } }',
    want: 1 + 100 + 1 + 30 * (1 + 1),
  },
  {
    name: 'a computed field of Example costs the examples’ average, and its records do not multiply again',
    query: '{ concept(slug: "pod") { examples { dnsRecords { name type } } } }',
    want: 3 + 1 + 2 * (1 + COMPUTED_FIELD_COST + 4 + 1 + 2),
  },
  {
    name: 'a computation costs its cluster from the variables it is sent',
    query: 'query($o: JSON!) { dnsRecords(objects: $o) { name } }',
    variables: { o: [service] },
    want: 1 + COMPUTED_FIELD_COST + (1 + 1 + 1) + 1,
  },
  {
    name: 'a fragment spread twice in one selection counts once, as it is executed once',
    query: '{ concept(slug: "pod") { ...F ...F } } fragment F on Concept { slug }',
    want: 3 + 1,
  },
  {
    name: 'each mutation adds the cost of an edit (a transaction and a rebuilt snapshot)',
    query:
      'mutation { a: removeRelation(input: { source: "a", type: IS_A, target: "b" }) { clientMutationId } b: removeRelation(input: { source: "a", type: IS_A, target: "c" }) { clientMutationId } }',
    want: 2 * (1 + MUTATION_COST + 1),
  },
  {
    name: 'variables that do not fit leave it to execution, which refuses them before any work',
    query: 'query($s: String!) { concept(slug: $s) { slug } }',
    want: null,
  },
];

for (const c of cases)
  test(c.name, async () => {
    expect(await costOf(c.query, c.variables)).toBe(c.want);
  });
