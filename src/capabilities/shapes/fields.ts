// Field schemas the output shapes share: a described string, the warnings every manifest answer
// carries, and Kubernetes objects kept in their own JSON shape.
import { z } from 'zod';
import { named } from '../capability';

/** A string field with its description. */
export const str = (description: string) => z.string().describe(description);

/** The objects an answer did not use and why, so that nothing given vanishes silently. */
export const warnings = z
  .array(z.string())
  .describe(
    'Objects the answer did not use, and why: a kind it does not read, a typo’d kind (with a "did you mean"), an object the API server would refuse.',
  );

/** Kubernetes objects as `kubectl get -o json` shows them: GraphQL shows them as the JSON scalar. */
export const kubeObjects = (description: string) =>
  named(z.array(z.record(z.string(), z.unknown())), { name: 'JSON', description, json: true }).describe(description);
