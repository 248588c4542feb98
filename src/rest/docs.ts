// The API describing itself: OpenAPI components, Swagger UI at /docs, GraphiQL at GET /graphql and the
// SDL at /graphql/schema.graphql. Pages and assets come from node_modules, so the UIs work with no
// internet and never send a request to another host (their Content-Security-Policy forbids it).
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors';
import { printKubeknowSchema } from '../graphql/print';
import { problemSchema } from '../http/problem';
import { assetRoutes, html, page, type Asset } from './assets';
import { problemResponses } from './schemas';

/** Shared OpenAPI components; call on the root app before any route is registered. */
export function describeApi(app: FastifyInstance): void {
  app.addSchema(problemSchema);
  // Response schemas are documentation only: replies stay JSON.stringify'd as they were before any
  // route had one, so a schema that lags behind a handler never drops a field from a response.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

// Swagger UI's dist files as @fastify/swagger-ui ships them. Its plugin is not registered: it serves
// them through @fastify/static, whose dependencies are ES modules that jest's CommonJS runtime (and
// Node before 20.19) cannot require.
const SWAGGER_UI: Record<string, Asset> = Object.fromEntries(
  ['swagger-ui-bundle.js', 'swagger-ui.css', 'index.css', 'favicon-32x32.png'].map((f) => [
    f,
    { pkg: '@fastify/swagger-ui', file: `static/${f}` },
  ]),
);
// GraphiQL 3 is the last major with a UMD build (v4+ are ES modules with Monaco workers); React 18
// is the last with UMD builds, which the UMD GraphiQL reads from window.React and window.ReactDOM.
const GRAPHIQL: Record<string, Asset> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'dist/index.umd.js' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'dist/style.css' },
};

const SWAGGER_START = `// Swagger UI on the document /openapi.json serves; no validator badge (it would call another host).
window.ui = SwaggerUIBundle({
  url: new URL('/openapi.json', location.href).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  layout: 'BaseLayout',
});
`;
const SWAGGER_PAGE = page(
  'kubeknow API',
  '/docs',
  ['swagger-ui.css', 'index.css'],
  ['swagger-ui-bundle.js'],
  '<body>\n<div id="swagger-ui"></div>',
);

const DEFAULT_QUERY = `# kubeknow: Kubernetes knowledge in Korean and English. Run with Ctrl-Enter.
{
  concept(slug: "headless-service") {
    title
    ko: title(lang: KO)
    summary
    relations { type target { slug } }
  }
}
`;
const GRAPHIQL_START = `// Mounts GraphiQL, querying this server's POST /graphql.
var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
);
`;
const GRAPHIQL_PAGE = page(
  'kubeknow GraphQL',
  '/graphql',
  ['graphiql.min.css'],
  ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js'],
  '<body style="margin: 0">\n<div id="graphiql" style="height: 100vh">Loading GraphiQL…</div>',
);

/** Registers /docs (Swagger UI on /openapi.json), GraphiQL at GET /graphql and the SDL. */
export function docsRoutes(app: FastifyInstance): void {
  app.get('/docs', { schema: { hide: true } }, html(SWAGGER_PAGE));
  // People type the trailing slash (a directory, to them): one page, one URL.
  app.get('/docs/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/docs', 301));
  assetRoutes(app, '/docs', SWAGGER_UI, SWAGGER_START);

  const graphiql = html(GRAPHIQL_PAGE);
  app.get('/graphql', { schema: graphiqlSchema }, async (req, reply) => {
    if (!/\btext\/html\b/i.test(req.headers.accept ?? ''))
      fail('NOT_ACCEPTABLE', 'GET /graphql is the GraphiQL page (Accept: text/html); send queries with POST /graphql');
    return graphiql(req, reply);
  });
  assetRoutes(app, '/graphql', GRAPHIQL, GRAPHIQL_START);

  let sdl: Promise<string> | undefined;
  app.get('/graphql/schema.graphql', { schema: sdlSchema }, async (_req, reply) => {
    sdl ??= printKubeknowSchema().catch((err) => {
      sdl = undefined; // a failed build is retried by the next request, not cached
      throw err;
    });
    return reply.type('text/plain; charset=utf-8').send(await sdl);
  });
}

const graphiqlSchema = {
  summary: 'GraphiQL, for a browser',
  description:
    'With `Accept: text/html`, the GraphiQL IDE, served from this server alone. Queries and mutations go to `POST /graphql` (`Content-Type: application/json`); a GET with any other Accept, a GraphQL query in the URL included, is 406.',
  tags: ['graphql'],
  response: {
    200: { description: 'The GraphiQL page.', content: { 'text/html': { schema: { type: 'string' } } } },
    ...problemResponses(406),
  },
};
const sdlSchema = {
  summary: 'The GraphQL schema',
  description: 'The schema of POST /graphql as SDL, sorted by name: the text of the committed schema.graphql.',
  tags: ['graphql'],
  response: {
    200: { description: 'GraphQL SDL.', content: { 'text/plain': { schema: { type: 'string' } } } },
    ...problemResponses(500),
  },
};
