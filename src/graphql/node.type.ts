// The Node interface of the Global Object Identification spec, as GitHub's API has it.
import { Field, ID, InterfaceType } from 'type-graphql';
import { nodeTypeOf } from './node';
import type { NodeSource } from './sources';

@InterfaceType('Node', {
  description: 'An object with a global ID, which `node(id:)` finds again.',
  resolveType: (value: NodeSource) => nodeTypeOf(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'The global ID of the object: opaque, stable, usable with `node(id:)`.' })
  id!: string;
}
