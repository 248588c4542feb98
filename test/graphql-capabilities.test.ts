// GraphQL's fields of the capabilities match the capabilities' input schemas argument by argument:
// names, types, nullability, defaults and enum values. The generated fields match by construction
// (src/graphql/generate.ts); the hand-written ones (concept, concepts, search, references,
// groundedContext, Concept.relations) keep their own classes, and this test is what proves they
// agree with the capability they call. The contract test (contract.test.ts) compares their answers.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { z } from 'zod';
import { CAPABILITIES } from '../src/capabilities';
import { argumentList, type Argument } from '../src/capabilities/args';
import type { Capability } from '../src/capabilities/capability';
import { defaultOf, unwrap } from '../src/capabilities/schema-walk';
import { buildGraphqlSchema } from '../src/graphql/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphqlSchema();
});

function fieldOf(cap: Capability) {
  const [type, field] = cap.graphql!.field.includes('.')
    ? cap.graphql!.field.split('.')
    : ['Query', cap.graphql!.field];
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`no type ${type}`);
  return t.getFields()[field];
}

/** What GraphQL type an input field should take: a scalar's name, or an enum's values. */
function expectedType(a: Argument): string | string[] {
  let e: z.ZodType = a.schema;
  while (e instanceof z.ZodOptional || e instanceof z.ZodDefault) e = e.def.innerType as z.ZodType;
  if (e instanceof z.ZodPipe && e.out instanceof z.ZodEnum) return e.out.options.map(String).sort();
  const s = unwrap(a.schema);
  // A list argument is a list of its element's type (getNamedType reads through the list).
  if (s instanceof z.ZodArray) return expectedType({ ...a, schema: s.element as z.ZodType });
  if (s instanceof z.ZodEnum) return s.options.map(String).sort();
  if (s instanceof z.ZodNumber) return s.isInt ? 'Int' : 'Float';
  if (s instanceof z.ZodString) return 'String';
  if (s instanceof z.ZodBoolean) return 'Boolean';
  return 'JSON';
}

function actualType(arg: GraphQLArgument): string | string[] {
  const t = getNamedType(arg.type);
  return isEnumType(t)
    ? t
        .getValues()
        .map((v) => String(v.value))
        .sort()
    : t.name;
}

const bound = CAPABILITIES.filter((c) => c.graphql);

test('the capabilities with GraphQL fields, hand-written and generated', () => {
  expect(bound.map((c) => `${c.graphql!.field} (${c.graphql!.resolver})`)).toEqual([
    'groundedContext (handwritten)',
    'search (handwritten)',
    'concept (handwritten)',
    'concepts (handwritten)',
    'Concept.relations (handwritten)',
    'references (handwritten)',
    'revisions (handwritten)',
    'dnsQuery (generated)',
    'dnsResolve (generated)',
    'dnsRecords (generated)',
    'endpointSlices (generated)',
    'schedulingEvaluate (generated)',
    'probeTimeline (generated)',
    'secretGeneric (generated)',
    'secretTls (generated)',
    'secretDockerRegistry (generated)',
    'secretDecode (generated)',
    'podAdmission (generated)',
    'clusterApply (generated)',
    'podEnvironment (generated)',
  ]);
});

for (const cap of bound) {
  describe(`${cap.graphql!.field} matches the ${cap.name} capability`, () => {
    const expected = () => argumentList(cap.input, { renames: cap.graphql!.args, omit: cap.graphql!.omit });
    const actual = () => Object.fromEntries(fieldOf(cap).args.map((a) => [a.name, a]));

    test('the same arguments', () => {
      expect(Object.keys(actual()).sort()).toEqual(
        expected()
          .map((a) => a.name)
          .sort(),
      );
    });

    test('each of the same type, with the same enum values', () => {
      for (const a of expected())
        expect({ arg: a.name, type: actualType(actual()[a.name]) }).toEqual({ arg: a.name, type: expectedType(a) });
    });

    test('required exactly when the input requires it and has no default', () => {
      for (const a of expected()) {
        const nonNull = isNonNullType(actual()[a.name].type);
        expect({ arg: a.name, nonNull }).toEqual({ arg: a.name, nonNull: a.required });
      }
    });

    test("with the input's defaults, or the ones the binding declares for GraphQL", () => {
      for (const a of expected()) {
        const want = cap.graphql!.defaults?.[a.path] ?? defaultOf(a.schema);
        expect({ arg: a.name, default: actual()[a.name].defaultValue }).toEqual({ arg: a.name, default: want });
      }
    });

    test('described', () => {
      for (const arg of fieldOf(cap).args)
        expect({ arg: arg.name, described: Boolean(arg.description) }).toEqual({ arg: arg.name, described: true });
      expect(getNullableType(fieldOf(cap).type)).toBeDefined();
    });
  });
}
