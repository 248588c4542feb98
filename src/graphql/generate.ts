// GraphQL fields made from capabilities (those whose binding says `generated`): each becomes a field
// of Query — and, when the binding asks, a field of Example computed from the example's manifest —
// whose arguments are the input's fields and whose type is made from the output schema. The
// classes are made once per process with type-graphql's own decorators, so the schema is built as
// for hand-written classes. Every object, enum, field and argument needs a description; a schema
// GraphQL cannot show fails the build here, not at a client.
import { JSONResolver } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { z } from 'zod';
import { argumentList, argumentsOf, type Argument } from '../capabilities/args';
import { graphqlNameOf, type Capability } from '../capabilities/capability';
import { defaultOf, descriptionOf, fieldsOf, unwrap } from '../capabilities/schema-walk';
import { given, type GraphqlContext } from './context';
import { Example } from './example.type';
import type { ExampleSource } from './sources';

type GraphqlType = object; // a class, an enum object or a scalar, as type-graphql's type functions return
type Shown = { type: GraphqlType | [GraphqlType]; nullable: boolean };

const classes = new Map<object, GraphqlType>();
const enums = new Map<object, object>();

/** A class named at run time, for type-graphql to decorate. */
function classNamed(name: string): new () => object {
  return { [name]: class {} }[name];
}

function describedOrFail(schema: z.ZodType, where: string): string {
  const description = descriptionOf(schema);
  if (!description) throw new Error(`GraphQL needs a description for ${where}`);
  return description;
}

/** A GraphQL enum of a named zod enum (or of a named pipe into one): SCREAMING_CASE names, the values as given. */
function enumOf(schema: z.ZodType): object | undefined {
  const name = graphqlNameOf(schema);
  const values =
    schema instanceof z.ZodEnum
      ? schema.options
      : schema instanceof z.ZodPipe && schema.out instanceof z.ZodEnum
        ? schema.out.options
        : undefined;
  if (!name || !values) return undefined;
  let e = enums.get(schema.def);
  if (!e) {
    const names = Object.fromEntries(
      values.map((v) => [
        String(v)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '_'),
        v,
      ]),
    );
    const valuesConfig = Object.fromEntries(
      Object.entries(names).map(([n, v]) => [n, { description: name.values?.[String(v)] ?? '' }]),
    );
    registerEnumType(names, { name: name.name, description: name.description, valuesConfig });
    enums.set(schema.def, (e = names));
  }
  return e;
}

/** The innermost schema, and whether a wrapper on the way makes the value optional or nullable. */
function bare(schema: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let s = schema;
  let nullable = false;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      nullable = true;
      s = s.def.innerType as z.ZodType;
    } else return { inner: s, nullable };
  }
}

function objectClass(schema: z.ZodObject, where: string): GraphqlType {
  const known = classes.get(schema.def);
  if (known) return known;
  const name = graphqlNameOf(schema);
  if (!name) throw new Error(`GraphQL needs a name for the object at ${where}`);
  const cls = classNamed(name.name);
  classes.set(schema.def, cls);
  ObjectType(name.name, { description: name.description })(cls);
  for (const [key, field] of Object.entries(fieldsOf(schema)!)) {
    const shown = outputOf(field, `${name.name}.${key}`);
    Field(() => shown.type, { nullable: shown.nullable, description: describedOrFail(field, `${name.name}.${key}`) })(
      cls.prototype as object,
      key,
    );
  }
  return cls;
}

/** How GraphQL shows a value of this output schema. */
function outputOf(schema: z.ZodType, where: string): Shown {
  const { inner, nullable } = bare(schema);
  if (graphqlNameOf(inner)?.json) return { type: JSONResolver, nullable };
  if (inner instanceof z.ZodArray) return { type: [outputOf(inner.element as z.ZodType, where).type], nullable };
  if (inner instanceof z.ZodObject) return { type: objectClass(inner, where), nullable };
  return { type: scalarOf(inner, where), nullable };
}

function scalarOf(inner: z.ZodType, where: string): GraphqlType {
  const e = enumOf(inner);
  if (e) return e;
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum || inner instanceof z.ZodLiteral) return String;
  if (inner instanceof z.ZodNumber) return inner.isInt ? Int : Float;
  if (inner instanceof z.ZodBoolean) return Boolean;
  if (inner instanceof z.ZodUnknown || inner instanceof z.ZodRecord) return JSONResolver;
  if (inner instanceof z.ZodPipe) return scalarOf(inner.in as z.ZodType, where);
  throw new Error(`GraphQL cannot show the ${inner.def.type} at ${where}`);
}

/** How GraphQL takes an argument: its type, nullability and default. */
function argumentOf(a: Argument, where: string) {
  const { inner } = bare(a.schema);
  const type = enumOf(inner) ?? scalarOf(unwrap(inner), where);
  const fallback = defaultOf(a.schema);
  return {
    type,
    options: {
      nullable: !a.required,
      description: describedOrFail(a.schema, where),
      ...(fallback === undefined ? {} : { defaultValue: fallback }),
    },
  };
}

/** Decorates `method` of `cls` with its arguments (after `first` leading parameters) and the context. */
function decorateArgs(cls: new () => object, method: string, args: Argument[], first: number): void {
  args.forEach((a, i) => {
    const { type, options } = argumentOf(a, `${cls.name}.${method}(${a.name})`);
    Arg(a.name, () => type, options)(cls.prototype as object, method, first + i);
  });
  Ctx()(cls.prototype as object, method, first + args.length);
}

/** The output a field shows: all of it, or the part the binding picks. */
function shownOutput(cap: Capability): z.ZodType {
  const pick = cap.graphql?.pick;
  return pick ? fieldsOf(cap.output)![pick] : cap.output;
}

function queryResolver(cap: Capability): new () => object {
  const gql = cap.graphql!;
  const args = argumentList(cap.input, { renames: gql.args, omit: gql.omit });
  const cls = classNamed(`${cap.name}Resolver`);
  const pick = (out: unknown) => (gql.pick ? (out as Record<string, unknown>)[gql.pick] : out);
  Object.defineProperty(cls.prototype as object, gql.field, {
    value: async (...params: unknown[]) => {
      const ctx = params[args.length] as GraphqlContext;
      const values = given(Object.fromEntries(args.map((a, i) => [a.name, params[i]])));
      return pick((await ctx.call(cap, argumentsOf(values, gql.args))).output);
    },
  });
  const shown = outputOf(shownOutput(cap), `Query.${gql.field}`);
  Resolver()(cls);
  Query(() => shown.type, { nullable: shown.nullable, description: cap.description })(
    cls.prototype as object,
    gql.field,
    Object.getOwnPropertyDescriptor(cls.prototype as object, gql.field)!,
  );
  decorateArgs(cls, gql.field, args, 0);
  return cls;
}

function exampleResolver(cap: Capability): new () => object {
  const gql = cap.graphql!;
  const example = gql.example!;
  const args = argumentList(cap.input, { renames: gql.args }).filter((a) => example.args.includes(a.name));
  const cls = classNamed(`${cap.name}ExampleResolver`);
  const pick = (out: unknown) => (gql.pick ? (out as Record<string, unknown>)[gql.pick] : out);
  Object.defineProperty(cls.prototype as object, example.field, {
    value: async (root: ExampleSource, ...params: unknown[]) => {
      const ctx = params[args.length] as GraphqlContext;
      const values = given(Object.fromEntries(args.map((a, i) => [a.name, params[i]])));
      return pick((await ctx.call(cap, argumentsOf({ ...values, manifests: root.manifest }, gql.args))).output);
    },
  });
  const shown = outputOf(shownOutput(cap), `Example.${example.field}`);
  Resolver(() => Example)(cls);
  // Nullable, so that one example's invalid manifest is an error on its field, not on the whole concept.
  FieldResolver(() => shown.type, { nullable: true, description: example.description })(
    cls.prototype as object,
    example.field,
    Object.getOwnPropertyDescriptor(cls.prototype as object, example.field)!,
  );
  Root()(cls.prototype as object, example.field, 0);
  decorateArgs(cls, example.field, args, 1);
  return cls;
}

let made: (new () => object)[] | undefined;

/** The resolver classes of every generated capability field, made once per process. */
export function generatedResolvers(caps: readonly Capability[]): (new () => object)[] {
  made ??= caps
    .filter((c) => c.graphql?.resolver === 'generated')
    .flatMap((c) => [queryResolver(c), ...(c.graphql!.example ? [exampleResolver(c)] : [])]);
  return made;
}
