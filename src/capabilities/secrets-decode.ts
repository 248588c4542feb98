// secretDecode: a Secret read back, each value decoded, with the reminder that base64 is not encryption.
import { z } from 'zod';
import { KubeknowError } from '../errors';
import * as kernel from '../k8s';
import { DEFAULT_MANIFEST_LIMITS, isObj } from '../k8s/objects';
import { COMPUTATION, defineCapability, named } from './capability';
import { bothSent } from './manifests';
import type { ProblemParams } from './problems';
import { asJson } from './renderings';
import { explanation } from './shapes/explanation';

const value = named(
  z.object({
    key: z.string().describe('The key under `data`.'),
    base64: z.string().describe('The value as stored: base64.'),
    bytes: z.int().describe('How many bytes it decodes to.'),
    text: z
      .string()
      .optional()
      .describe('The decoded value as text, when its bytes are UTF-8; absent for binary values.'),
  }),
  { name: 'DecodedSecretValue', description: 'One value of a Secret, decoded.' },
);

const secretFields = {
  name: z.string().describe('The Secret’s name.'),
  namespace: z.string().describe('Its namespace.'),
  type: z.string().describe('Its type (Opaque when not given, as the API server defaults it).'),
  data: z.array(value).describe('Each value under `data`, decoded, by key.'),
  stringData: z
    .record(z.string(), z.string())
    .optional()
    .describe('`stringData` as given: write-only plain text the API server merges into `data`.'),
};

const item = named(z.object(secretFields), {
  name: 'DecodedSecretItem',
  description: 'One Secret of a List, each value decoded.',
});

const decoded = named(
  z.object({
    ...secretFields,
    items: z
      .array(item)
      .optional()
      .describe(
        'Every Secret, decoded, when several were given (a List, as `kubectl get secrets -o yaml` prints it); the fields above are then the first one’s.',
      ),
    explanation: explanation.describe('That decoding needs no key: base64 is an encoding, not encryption.'),
  }),
  { name: 'DecodedSecret', description: 'A Secret read back, each value decoded.' },
);

// The Secret (or the List) is the request's one object, so its own paths (`data["user"]`,
// `items[1].data["user"]`) are those of objects[0].
function atObjectRoot(run: () => z.output<typeof decoded>) {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    const moved = e.problems.map((p) =>
      /^(data|stringData|items|metadata)\b/.test(p.path) ? { ...p, path: `objects[0].${p.path}` } : p,
    );
    throw new KubeknowError(moved, e.details);
  }
}

export const secretDecode = defineCapability({
  name: 'secretDecode',
  summary: 'A Secret, decoded',
  description:
    'A Secret read back, as `kubectl get secret -o yaml` prints it (or a List of them, as `kubectl get secrets -o yaml` prints it): each value under `data` base64-decoded as the API server decodes it (a bad value is refused with Go’s message), shown as text when it is UTF-8, and `stringData` as given. The explanation says what this shows: decoding needs no key or password, because base64 is an encoding, not encryption. Nothing is stored, and values are never logged.',
  input: z
    .strictObject({
      objects: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('The Secret as JSON (`kubectl get secret -o json`). Give this or `manifests`.'),
      manifests: z
        .string()
        .max(DEFAULT_MANIFEST_LIMITS.maxBytes)
        .optional()
        .describe('The Secret as YAML or JSON text (`kubectl get secret -o yaml`). Give this or `objects`.'),
    })
    .superRefine(
      (v: { objects?: unknown; manifests?: unknown }, ctx) => {
        // Both sent is the one problem every computation gives for it, with neither read, so no problem of
        // either's type beside it (`"objects": []` was also "must be an object"; null is a value sent).
        if (!isObj(v) || bothSent(v, ctx)) return;
        if (v.objects === undefined && v.manifests === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['objects'],
            message: 'required: the Secret, as `objects` or as `manifests` text (one of the two)',
            params: { code: 'FIELD_REQUIRED' } satisfies ProblemParams,
          });
      },
      { when: () => true },
    ),
  output: decoded,
  ...COMPUTATION,
  sensitive: true,
  // One per Secret: a List read back may hold many.
  cost: ({ objects, manifests }) =>
    Math.max(
      1,
      Array.isArray(objects?.items) ? objects.items.length : 0,
      manifests?.match(/^\s*-?\s*kind:\s*Secret\s*$/gm)?.length ?? 0,
    ),
  run: ({ objects, manifests }) => atObjectRoot(() => kernel.decodeSecret(manifests ?? objects)),
  rest: {
    method: 'POST',
    path: '/v1/secrets/decode',
    tag: 'secrets',
    manifests: true,
    formats: { json: asJson('Each value decoded, and the explanation.') },
  },
  mcp: {
    tool: 'decode_secret',
    title: 'Decode a Secret',
    description:
      'Decodes the values of a Secret (as `kubectl get secret -o yaml` prints it) and says why anyone who can read a ' +
      'Secret can read its values: base64 is an encoding, not encryption. Example: {"manifests": "apiVersion: v1\\nkind: ' +
      'Secret\\nmetadata: {name: db}\\ndata: {user: YWRtaW4=}"}.',
    text: (out) =>
      [
        ...(out.items ?? [out]).flatMap((s) => [
          `Secret ${s.namespace}/${s.name} (${s.type}):`,
          ...s.data.map(
            (v) => `  ${v.key}: ${v.text !== undefined ? JSON.stringify(v.text) : `(${v.bytes} bytes, binary)`}`,
          ),
        ]),
        '',
        out.explanation.steps.map((s) => s.text.en).join('\n'),
      ].join('\n'),
  },
  graphql: { field: 'secretDecode', resolver: 'generated' },
});
