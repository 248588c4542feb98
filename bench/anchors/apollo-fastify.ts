// Anchor: bare Apollo Server 5 on Fastify 5, with the concept schema and documents of ./concepts.ts
// and nothing else (no plugins, no limits). Started by bench/graphql.ts: `node apollo-fastify.js <data.json>`.
import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import Fastify from 'fastify';
import { announce, benchPort, readConcepts, resolvers, typeDefs } from './concepts';

async function main(): Promise<void> {
  const apollo = new ApolloServer({ typeDefs, resolvers: resolvers(readConcepts(process.argv[2])) });
  await apollo.start();
  const app = Fastify();
  await app.register(fastifyApollo(apollo), { path: '/graphql', method: ['POST'] });
  announce(await app.listen({ port: benchPort(), host: '127.0.0.1' }));
}

void main();
