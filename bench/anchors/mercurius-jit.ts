// Anchor: mercurius on Fastify 5 with graphql-jit compiling every query at its first run, with the
// concept schema and documents of ./concepts.ts. Started by bench/graphql.ts: `node mercurius-jit.js <data.json>`.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { announce, benchPort, readConcepts, resolvers, typeDefs } from './concepts';

async function main(): Promise<void> {
  const app = Fastify();
  await app.register(mercurius, {
    schema: typeDefs,
    resolvers: resolvers(readConcepts(process.argv[2])),
    path: '/graphql',
    graphiql: false,
    jit: 1,
  });
  announce(await app.listen({ port: benchPort(), host: '127.0.0.1' }));
}

void main();
