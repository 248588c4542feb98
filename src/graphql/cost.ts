// What a GraphQL operation would cost, estimated before it runs (issue 10: five levels of relations
// ran 30 s; 300 aliases of dnsRecords over one large variable answered 128 MB). Each field costs 1,
// each alias on its own; a list multiplies what it selects by its `first` (a connection) or, with
// no bound, by the assumed list size; a capability's field adds the capability's own `cost` of its
// arguments (variables included) and of their size, the same cost `invoke` charges when it runs.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getArgumentValues,
  getNullableType,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { costLimitExceeded, type Limits } from '../capabilities/budget';
import type { Capability } from '../capabilities/capability';
import { inputCost, kibibytes } from '../capabilities/estimate';
import { isSmallInput } from '../capabilities/invoke';
import { KubeknowError } from '../errors';
import type { Snapshot } from '../knowledge/snapshot';
import { given, type GraphqlContext } from './context';
import { FASTIFY_REQUEST, type WithRequest } from './request';

/** What a computed field costs besides its capability's cost: every one runs on its own (its input
 * checked and read, the cluster settled, its answer built), 2-5 ms of CPU even on one object. 250
 * aliases of a one-object dnsQuery cost 1 000 and took 0.57-1.28 s (issue 10); at 20 more each, 200
 * fit MAX_REQUEST_COST. */
export const COMPUTED_FIELD_COST = 20;

/** What a mutation costs besides its fields: a transaction, a revision and a rebuilt snapshot, so
 * that one request of aliased edits (a few tokens each) is a few dozen edits, not a thousand. */
export const MUTATION_COST = 100;

/** How many variable sets of one document keep their estimate, and how long their key may be (a
 * lookup's variables are a few dozen characters; a manifest's are estimated each time). */
const MAX_ESTIMATES = 64;
const MAX_ESTIMATE_KEY = 4096;

/**
 * Estimates already made. An estimate is a function of the document (Apollo keeps one parsed object
 * per query text), the snapshot's bounds, the operation chosen and the variables, so it is made once
 * for each; a new snapshot, or a document Apollo no longer keeps, lets its estimates be collected.
 */
class Estimates {
  private readonly byDocument = new WeakMap<DocumentNode, WeakMap<Snapshot, Map<string, number | null>>>();

  async of(
    document: DocumentNode,
    snapshot: Snapshot,
    key: string,
    estimate: () => Promise<number | null>,
  ): Promise<number | null> {
    let bySnapshot = this.byDocument.get(document);
    if (!bySnapshot) this.byDocument.set(document, (bySnapshot = new WeakMap()));
    let known = bySnapshot.get(snapshot);
    if (!known) bySnapshot.set(snapshot, (known = new Map<string, number | null>()));
    if (known.has(key)) return known.get(key)!;
    const cost = await estimate();
    // Variables are the client's: the oldest estimate makes room.
    if (known.size >= MAX_ESTIMATES) known.delete(known.keys().next().value!);
    known.set(key, cost);
    return cost;
  }
}

/** What the knowledge being served says about the sizes of its lists, for the estimate. */
export interface KnownBounds {
  /** `Type.field` → the length its list has on average (examples, facts, relations of a concept). */
  lists: ReadonlyMap<string, number>;
  /** A connection type → how many items it can have at most (a page is no larger than all there is). */
  totals: ReadonlyMap<string, number>;
  /** What a field computed from a content example costs on average: one plus its objects. */
  exampleCost: number;
}

const averageOf = (values: number[]): number =>
  Math.max(1, Math.ceil(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)));

const boundsBySnapshot = new WeakMap<Snapshot, KnownBounds>();

/**
 * The bounds of a snapshot, counted once per snapshot. Averages, not maxima: an operation reads
 * pages of many concepts, and maxima multiplied level by level would refuse a page of every example
 * (which computes in well under a second); what a request really computes is charged as it runs
 * (invoke.ts), so an estimate low for one concept is still bounded.
 */
export function knownBounds(snapshot: Snapshot): KnownBounds {
  const known = boundsBySnapshot.get(snapshot);
  if (known) return known;
  const concepts = snapshot.concepts;
  const examples = concepts.flatMap((c) => c.examples);
  const bounds: KnownBounds = {
    lists: new Map([
      ['Concept.examples', averageOf(concepts.map((c) => c.examples.length))],
      ['Concept.facts', averageOf(concepts.map((c) => c.facts.length))],
      ['Concept.relations', averageOf(concepts.map((c) => c.outgoing.length + c.incoming.length))],
    ]),
    totals: new Map([
      ['ConceptConnection', concepts.length],
      ['SearchResultConnection', concepts.length],
      ['ReferenceConnection', snapshot.references.length],
    ]),
    // Documents are counted, not parsed: one object per YAML document is near enough for an estimate.
    exampleCost: averageOf(examples.map((e) => 1 + e.manifest.split(/^---/m).filter((d) => d.trim()).length)),
  };
  boundsBySnapshot.set(snapshot, bounds);
  return bounds;
}

// What an example's arguments are priced on: one object, the least every computation takes (cluster
// apply refuses no objects at all, and an input refused is priced at nothing).
const ONE_OBJECT = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'priced' } }];

/** Capabilities by the field that calls them: `Query.dnsRecords`, `Example.dnsRecords`, `Concept.relations`. */
export function capabilityFields(caps: readonly Capability[]): Map<string, Capability> {
  const fields = new Map<string, Capability>();
  for (const cap of caps) {
    const gql = cap.graphql;
    if (!gql) continue;
    fields.set(gql.field.includes('.') ? gql.field : `Query.${gql.field}`, cap);
    if (gql.example) fields.set(`Example.${gql.example.field}`, cap);
  }
  return fields;
}

/** Prices a call's (given) arguments off the event loop: for arguments too large to read there. */
export type CostElsewhere = (cap: Capability, values: Record<string, unknown>) => Promise<number>;

interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  capabilities: Map<string, Capability>;
  bounds: KnownBounds;
  /** The size assumed for a list of no known bound. */
  listSize: number;
  /** Where calls with large arguments are priced; without it, they are priced on the event loop. */
  elsewhere?: CostElsewhere;
}

/** A call with large arguments, to be priced elsewhere before the operation is costed. */
interface Large {
  cap: Capability;
  values: Record<string, unknown>;
}

/**
 * The operation's estimated cost; null when its variables do not fit (it will then not run at all).
 * Calls whose arguments are large are priced `elsewhere` (a worker thread), each once, and the
 * operation is then walked again with their prices: the walk itself only reads the document.
 */
export async function operationCost(
  walk: Omit<Walk, 'variables' | 'fragments'>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): Promise<number | null> {
  const coerced = getVariableValues(walk.schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const root = walk.schema.getRootType(operation.operation);
  if (!root) return null;
  const full: Walk = { ...walk, variables: coerced.coerced, fragments };
  const large = new Map<string, Large>();
  const cost = new CostWalk(full, new Map(), large).selections(operation.selectionSet, root);
  if (!large.size || !walk.elsewhere) return cost;
  const priced = await Promise.all(
    [...large].map(async ([key, { cap, values }]) => [key, await walk.elsewhere!(cap, values)] as const),
  );
  return new CostWalk(full, new Map(priced)).selections(operation.selectionSet, root);
}

class CostWalk {
  // A fragment costs the same wherever it is spread (arguments read request-wide variables), so it is
  // measured once; a field with the same arguments (300 aliases of one call) is costed once.
  private readonly fragmentCosts = new Map<string, number>();
  private readonly measuring = new Set<string>();
  // Calls are priced by their key; those with large arguments are priced elsewhere first (`large`).
  constructor(
    private readonly w: Walk,
    private readonly callCosts: Map<string, number>,
    private readonly large?: Map<string, Large>,
  ) {}

  /** The cost of a selection set. A fragment spread again in the same set is collected once, as
   * graphql-js's execution collects it (collectFields), so spreading the next fragment twice adds nothing. */
  selections(set: SelectionSetNode | undefined, parent: GraphQLNamedType, spread = new Set<string>()): number {
    if (!set) return 0;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) cost += this.field(sel, parent);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition && this.w.schema.getType(sel.typeCondition.name.value);
        cost += this.selections(sel.selectionSet, type ?? parent, spread);
      } else if (!spread.has(sel.name.value)) {
        spread.add(sel.name.value);
        cost += this.fragment(sel.name.value);
      }
    }
    return cost;
  }

  private fragment(name: string): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known;
    const def = this.w.fragments.get(name);
    const type = def && this.w.schema.getType(def.typeCondition.name.value);
    // A cycle is refused by graphql-js's NoFragmentCycles; here it only has to end.
    if (!def || !type || this.measuring.has(name)) return 0;
    this.measuring.add(name);
    const cost = this.selections(def.selectionSet, type);
    this.measuring.delete(name);
    this.fragmentCosts.set(name, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType): number {
    const name = node.name.value;
    // Introspection reads our own schema, whose size is known: __schema costs its number of types.
    if (name === SchemaMetaFieldDef.name) return Object.keys(this.w.schema.getTypeMap()).length;
    const def: GraphQLField<unknown, unknown> | undefined =
      name === TypeMetaFieldDef.name
        ? TypeMetaFieldDef
        : isObjectType(parent) || isInterfaceType(parent)
          ? parent.getFields()[name]
          : undefined;
    if (!def) return 1; // __typename, or a field validation has refused
    const args = this.argumentsOf(def, node);
    const cap = this.w.capabilities.get(`${parent.name}.${name}`);
    const edit = parent === this.w.schema.getMutationType() ? MUTATION_COST : 0;
    const computed = cap?.computes ? COMPUTED_FIELD_COST : 0;
    const own = 1 + edit + computed + (cap ? this.callCost(cap, parent.name, node, args) : 0);
    return own + this.multiplier(def, parent, args, cap) * this.selections(node.selectionSet, getNamedType(def.type));
  }

  private argumentsOf(def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(def, node, this.w.variables);
    } catch {
      return {}; // a bad argument is refused when the field runs, before any work
    }
  }

  /** How many times a field's selection is resolved. */
  private multiplier(
    def: GraphQLField<unknown, unknown>,
    parent: GraphQLNamedType,
    args: Record<string, unknown>,
    cap: Capability | undefined,
  ): number {
    if (typeof args.first === 'number')
      return Math.max(1, Math.min(args.first, this.w.bounds.totals.get(getNamedType(def.type).name) ?? args.first));
    if (!isListType(getNullableType(def.type))) return 1;
    // A connection's nodes and edges are its `first`; a computation's cost counts its output's items.
    if (parent.name.endsWith('Connection') || cap?.computes) return 1;
    return this.w.bounds.lists.get(`${parent.name}.${def.name}`) ?? this.w.listSize;
  }

  /** The capability's cost of the field's arguments, plus one per KiB of them (reading them is work too). */
  private callCost(cap: Capability, typeName: string, node: FieldNode, args: Record<string, unknown>): number {
    const key = `${typeName}.${node.name.value}(${node.arguments?.map((a) => print(a)).join(',') ?? ''})`;
    const known = this.callCosts.get(key);
    if (known !== undefined) return known;
    // An example's manifest is counted by the average example; its arguments add what they cost beyond
    // their defaults on no objects (Example.clusterApply(nodes: 1000) makes a thousand Nodes for each).
    if (typeName === 'Example') {
      const beyond = inputCost(cap, { ...given(args), objects: ONE_OBJECT }) - inputCost(cap, { objects: ONE_OBJECT });
      return this.priced(key, this.w.bounds.exampleCost + Math.max(0, beyond) + kibibytes(args));
    }
    // Large arguments are counted only up to what small ones may be, then priced elsewhere: reading
    // a megabyte of manifests here would hold the event loop for every request that sends one.
    if (this.w.elsewhere && !isSmallInput(args)) {
      this.large?.set(key, { cap, values: given(args) });
      return this.priced(key, 0);
    }
    return this.priced(key, inputCost(cap, given(args)) + kibibytes(args));
  }

  private priced(key: string, cost: number): number {
    this.callCosts.set(key, cost);
    return cost;
  }
}

/** Prices large arguments in the request's worker threads, during its turn at the computing gate (so
 * the turn's queue bounds these too); none without threads: they are then priced on the event loop. */
function inThreads(req: FastifyRequest | undefined): CostElsewhere | undefined {
  const budget = req?.budget;
  const pool = budget?.pool;
  if (!budget || !pool) return undefined;
  return (cap, values) => budget.computing(() => pool.estimate({ capability: cap.name, values }, budget.signal));
}

/**
 * The Apollo plugin that refuses an operation whose estimated cost is over the request's budget,
 * before any resolver runs, with COST_LIMIT_EXCEEDED (HTTP 400, as a validation failure) and the
 * cost and the limit in the error's extensions.
 */
export function costLimit(
  caps: readonly Capability[],
  limits: Pick<Limits, 'maxCost' | 'listSize'>,
  refused: (err: KubeknowError) => void = () => undefined,
): ApolloServerPlugin<GraphqlContext> {
  const capabilities = capabilityFields(caps);
  const estimates = new Estimates();
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, request, contextValue }) => {
        if (!operation) return;
        const snapshot = contextValue.knowledge.snapshot;
        const variables = request.variables ?? {};
        const estimate = () =>
          operationCost(
            {
              schema,
              capabilities,
              bounds: knownBounds(snapshot),
              listSize: limits.listSize,
              elsewhere: inThreads((contextValue as WithRequest)[FASTIFY_REQUEST]),
            },
            document,
            operation,
            variables,
          );
        // Variables too long for a key are counted only that far, never serialised whole.
        const keyed = isSmallInput(variables, MAX_ESTIMATE_KEY);
        const key = keyed ? JSON.stringify([operation.name?.value, variables]) : '';
        let cost: number | null;
        try {
          cost =
            !keyed || key.length > MAX_ESTIMATE_KEY
              ? await estimate()
              : await estimates.of(document, snapshot, key, estimate);
        } catch (err) {
          // Pricing large arguments in a thread waits for a turn: a full queue, a wait that ran out or a
          // client that left is the request's answer, with its own status (503 says when to come back).
          if (!(err instanceof KubeknowError)) throw err;
          refused(err);
          throw refusal(err);
        }
        if (cost === null || cost <= limits.maxCost) return;
        const err = costLimitExceeded(cost, limits.maxCost, 'this operation (estimated before it runs)');
        refused(err);
        throw refusal(err);
      },
    }),
  };
}

/** A refusal before the operation runs, answered with the error's HTTP status (and Retry-After when it has one). */
function refusal(err: KubeknowError): GraphQLError {
  const retryAfter = err.details?.retryAfter;
  // A cost over the limit is refused as a validation failure.
  const status = err.code === 'COST_LIMIT_EXCEEDED' ? 400 : err.status;
  // Apollo takes `http` only when a `headers` key, if there is one, holds a map.
  const http =
    typeof retryAfter === 'number'
      ? { status, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
      : { status };
  return new GraphQLError(err.message, { originalError: err, extensions: { http } });
}
