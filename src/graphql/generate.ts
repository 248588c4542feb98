// GraphQL fields made from capabilities (those whose binding says `generated`): each becomes a field
// of Query — and, when the binding asks, a field of Example computed from the example's manifest —
// whose arguments are the input's fields and whose type is made from the output schema. The
// classes are made once per process with type-graphql's own decorators, so the schema is built as
// for hand-written classes; shown.ts says how each schema is shown.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { z } from 'zod';
import { argumentList, argumentsOf, type Argument } from '../capabilities/args';
import type { Capability } from '../capabilities/capability';
import { fieldsOf } from '../capabilities/schema-walk';
import { given, type GraphqlContext } from './context';
import { Example } from './example.type';
import { argumentOf, classNamed, outputOf } from './shown';
import type { ExampleSource } from './sources';

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
      if (example.applies && !example.applies(root.manifest)) return null;
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
