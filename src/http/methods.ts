// A path the API serves, asked with a method it does not take, is a 405 whose Allow header names the
// methods it takes (RFC 9110 §15.5.6), on every route: `PUT /graphql` and `DELETE /v1/dns/records` were
// 404 "no route", as if the path did not exist. GraphQL over HTTP asks the same of /graphql.
// Spec: https://httpwg.org/specs/rfc9110.html#status.405
import { METHODS as NODE_METHODS } from 'node:http';
import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import { KubeknowError } from '../errors';

/** The methods a client may send to a path of the API; OPTIONS is CORS's preflight (cors.ts). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

// Every method Node's parser reads is refused the same way on a path the API serves: PROPFIND, TRACE or
// QUERY /graphql were 404 "no route" (Fastify routes only the methods it knows, and answered QUERY's
// missing Content-Type first). CONNECT never reaches a route (Node's 'connect' event); OPTIONS is CORS's.
const REFUSED = NODE_METHODS.filter((m) => m !== 'CONNECT' && m !== 'OPTIONS');

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route only refuses its method (MCP's GET and DELETE, and the routes made here): not one the path takes. */
    refusesMethod?: boolean;
  }
}

// Paths whose parameters are named apart (`/keys/:prefix`, `/keys/:id`) are one path to the router.
const shapeOf = (url: string) => url.replace(/:[^/]+/g, ':');

/** The 405 of a method a path does not take, naming those it does, and why when the path says. */
export const methodNotAllowed = (method: string, allowed: readonly string[], why?: string): KubeknowError =>
  new KubeknowError({
    code: 'METHOD_NOT_ALLOWED',
    path: '',
    message: `${method} is not a method of this path; it takes ${allowed.join(', ')} (the Allow header)${why ? `: ${why}` : ''}`,
  });

/**
 * Notes every route the app registers from now on; `refuseOtherMethods()`, called once they all are,
 * adds for each path a route of every other method that answers 405 with Allow, in the envelope of the
 * path's own error hook (GraphQL's for /graphql, JSON-RPC's for /mcp), before any body is read.
 */
export function methodRoutes(app: FastifyInstance): { refuseOtherMethods(): void } {
  // The options objects themselves: a scope's own onRoute hook, which runs after this one, may still mark one.
  const routes: RouteOptions[] = [];
  // Known to the router as methods without a body: the refusal reads none, and a path with no route is a
  // 404 before any body is read.
  for (const method of REFUSED) if (!app.supportedMethods.includes(method)) app.addHttpMethod(method);
  app.addHook('onRoute', (route) => void routes.push(route));
  return {
    refuseOtherMethods() {
      type Path = {
        url: string;
        taken: Set<string>;
        registered: Set<string>;
        errorHandler?: RouteOptions['errorHandler'];
      };
      const paths = new Map<string, Path>();
      for (const route of routes) {
        // A wildcard (CORS's OPTIONS *) is every path, not one.
        if (route.url.includes('*')) continue;
        const shape = shapeOf(route.url);
        const path = paths.get(shape) ?? { url: route.url, taken: new Set(), registered: new Set() };
        // Fastify answers HEAD for every GET.
        const methods = [route.method].flat().flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
        for (const method of methods) {
          path.registered.add(method);
          if (!route.config?.refusesMethod) path.taken.add(method);
        }
        path.errorHandler ??= route.errorHandler;
        paths.set(shape, path);
      }
      for (const { url, taken, registered, errorHandler } of paths.values()) {
        const allowed = METHODS.filter((m) => taken.has(m));
        const others = REFUSED.filter((m) => !registered.has(m)) as HTTPMethods[];
        if (!others.length || !allowed.length) continue;
        const allow = allowed.join(', ');
        app.route({
          method: others,
          url,
          exposeHeadRoute: false,
          schema: { hide: true },
          config: { refusesMethod: true, takes: null },
          ...(errorHandler ? { errorHandler } : {}),
          // Before the body is read: its type or size is no matter to a method that is refused.
          onRequest: (req, reply, done) => {
            reply.header('allow', allow);
            done(methodNotAllowed(req.method, allowed));
          },
          handler: () => undefined,
        });
      }
    },
  };
}
