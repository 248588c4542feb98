// Relay connections (edges with cursors, nodes, pageInfo, totalCount), built from the services' Page.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../knowledge/page';

@ObjectType({ description: 'Information about pagination in a connection.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'When paginating forwards, are there more items?' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'When paginating backwards, are there more items?' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'When paginating backwards, the cursor to continue.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'When paginating forwards, the cursor to continue.' })
  endCursor!: string | null;
}

/** What a connection field resolves to. */
export interface ConnectionSource<N, E extends { node: N; cursor: string } = { node: N; cursor: string }> {
  edges: E[];
  nodes: N[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A page of the services, shaped as a connection. */
export function connectionOf<N, E extends { node: N; cursor: string }>(
  page: Page<N> & { items: E[] },
): ConnectionSource<N, E> {
  const { items, totalCount, ...pageInfo } = page;
  return { edges: items, nodes: items.map((e) => e.node), pageInfo, totalCount };
}

/** The fields every edge has; the class that extends it names the type. */
export function EdgeType<N extends object>(nodeType: ClassType<N>) {
  @ObjectType()
  abstract class Edge {
    @Field(() => String, { description: 'A cursor for use in pagination.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item at the end of the edge.' })
    node!: N;
  }
  return Edge;
}

/** The fields every connection has; the class that extends it names the type. */
export function ConnectionType<N extends object, E extends object>(nodeType: ClassType<N>, edgeType: ClassType<E>) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [edgeType], { description: 'A list of edges.' })
    edges!: E[];

    @Field(() => [nodeType], { description: 'A list of nodes.' })
    nodes!: N[];

    @Field(() => PageInfo, { description: 'Information to aid in pagination.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'The total count of items in the connection.' })
    totalCount!: number;
  }
  return Connection;
}
