// Arguments are converted by type-graphql recursively: a JSON variable nested thousands deep would
// overflow the call stack while it is converted (an internal error). This plugin refuses such a variable
// before execution, counted without recursion, with the nesting limit manifests have (REST's 413) plus
// the two levels a variable may wrap manifests in (an input object, a list), so that no manifest REST
// accepts is refused here; the manifest reader still applies its own limit to each object.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { KubeknowError } from '../errors';
import { nestsDeeperThan } from '../capabilities/invoke';
import { DEFAULT_MANIFEST_LIMITS } from '../k8s/objects';

const WRAPPERS = 2;

/** The plugin: a variable nested deeper than `maxDepth` is PAYLOAD_TOO_LARGE at `variables.<name>`. */
export function variablesDepthLimit<C extends object>(
  maxDepth = DEFAULT_MANIFEST_LIMITS.maxDepth,
): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request }) => {
        const limit = maxDepth + WRAPPERS;
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          if (!nestsDeeperThan(value, limit)) continue;
          const err = new KubeknowError({
            code: 'PAYLOAD_TOO_LARGE',
            path: `variables.${name}`,
            message: `nesting is deeper than ${limit} levels (a manifest's ${maxDepth}, in an input object and a list)`,
          });
          throw new GraphQLError(err.message, { originalError: err, extensions: { http: { status: 413 } } });
        }
      },
    }),
  };
}
