// How a GraphQL context reaches its Fastify request. In a module of its own, without Apollo or
// graphql-js, so the /graphql route's hooks can read it before Apollo is loaded (src/graphql/route.ts).
import type { FastifyRequest } from 'fastify';

/** Where a GraphQL context keeps its Fastify request (a symbol: Apollo copies the context per operation). */
export const FASTIFY_REQUEST = Symbol('kubeknow.fastifyRequest');
export type WithRequest = { [FASTIFY_REQUEST]?: FastifyRequest };
