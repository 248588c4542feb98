// How GraphQL shows a capability's schemas: named zod objects become type-graphql object types and
// named enums GraphQL enums (SCREAMING_CASE names, the values as given), each made once per process;
// strings, numbers and booleans their scalars; Kubernetes objects the JSON scalar. Every object,
// enum, field and argument needs a description: a schema GraphQL cannot show fails the build here.
import { JSONResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import type { Argument } from '../capabilities/args';
import { graphqlNameOf } from '../capabilities/capability';
import { defaultOf, descriptionOf, fieldsOf, unwrap } from '../capabilities/schema-walk';

type GraphqlType = object; // a class, an enum object or a scalar, as type-graphql's type functions return
type Shown = { type: GraphqlType | [GraphqlType]; nullable: boolean };

const classes = new Map<object, GraphqlType>();
const enums = new Map<object, object>();

/** A class named at run time, for type-graphql to decorate. */
export function classNamed(name: string): new () => object {
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
export function outputOf(schema: z.ZodType, where: string): Shown {
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

// An argument that is an object (a Pod, a scenario) is taken whole as JSON, as manifests are.
const argumentScalar = (s: z.ZodType, where: string): GraphqlType =>
  s instanceof z.ZodObject ? JSONResolver : scalarOf(s, where);

/** How GraphQL takes an argument: its type, nullability and default. */
export function argumentOf(a: Argument, where: string) {
  const { inner } = bare(a.schema);
  const list = unwrap(inner);
  // A list argument is a list of its element's scalar (an object element is JSON, as objects are).
  const type =
    list instanceof z.ZodArray
      ? [enumOf(list.element as z.ZodType) ?? argumentScalar(unwrap(list.element as z.ZodType), where)]
      : (enumOf(inner) ?? argumentScalar(list, where));
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
