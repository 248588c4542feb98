// The depth rule measures each fragment once, so fragments that spread the next one twice (issue 10:
// n = 30 was an hour of CPU) are walked in time linear in the document.
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { depthCounter } from './depth';

/** Fragments F0…Fn, each spreading the next one twice, under a query `{ concept { ...F0 } }`. */
function doubling(n: number, field = ''): string {
  const fragments = Array.from({ length: n }, (_, i) =>
    i === n - 1
      ? `fragment F${i} on Concept { slug }`
      : `fragment F${i} on Concept { ${field ? `${field} { ` : ''}...F${i + 1} ...F${i + 1}${field ? ' }' : ''} }`,
  );
  return `{ concept(slug: "pod") { ...F0 } }\n${fragments.join('\n')}`;
}

const measure = (query: string) => {
  const document = parse(query);
  const counter = depthCounter(document);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { depth: counter.depthOf(op.selectionSet), visits: counter.visits() };
};

const cases = [
  { name: 'thirty fragments spreading the next one twice', query: doubling(30), depth: 2, visits: 3 + 2 * 29 },
  {
    name: 'thirty nested fragments, each a level deeper',
    query: doubling(30, 'aliases'),
    depth: 31,
    visits: 3 + 3 * 29,
  },
  {
    name: 'a cycle counts as nothing (NoFragmentCycles reports it)',
    query: '{ a { ...A } } fragment A on T { b { ...A } }',
    depth: 2,
    visits: 4,
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(measure(c.query)).toEqual({ depth: c.depth, visits: c.visits });
  });
