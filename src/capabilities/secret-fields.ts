// What the Secret capabilities share (`kubectl create secret generic|tls|docker-registry`): the
// fields every kind takes, the --from-file source, the output (the Secret, kubectl's exact bytes for
// -o yaml and -o json, the explanation), REST's `?output=` renderings, the MCP text, and the
// capability itself around each kind's input and kernel call. The kernel
// (src/k8s/secrets) reads the request again and refuses what kubectl refuses, with kubectl's words.
import { z } from 'zod';
import { SECRET_LIMITS, type SecretResult } from '../k8s';
import type { Capability, Rendering } from './capability';
import { COMPUTATION, defineCapability, named } from './capability';
import { asJson } from './renderings';
import { explanation } from './shapes/explanation';

type SecretKind = 'generic' | 'tls' | 'docker-registry';

const sources = (what: string) =>
  `at most ${SECRET_LIMITS.maxSources} ${what}; a transport never logs them, and problems never repeat them`;

/** NAME, --namespace and --append-hash: what every `kubectl create secret` takes. */
export const secretCommonFields = {
  name: z
    .string()
    .max(253)
    .describe('The Secret’s name (kubectl’s NAME argument). kubectl refuses an empty one: "name must be specified".'),
  namespace: z
    .string()
    .max(63)
    .optional()
    .describe('--namespace: printed as metadata.namespace only when given, as kubectl prints it.'),
  appendHash: z
    .boolean()
    .default(false)
    .describe('--append-hash: append a hash of the Secret’s kind, name, type and data to its name.'),
};

/** One --from-file source: the file's name as kubectl was given it, an optional key, and its bytes. */
export const fromFileField = z
  .array(
    z.strictObject({
      key: z.string().max(253).optional().describe('The key (`--from-file=key=path`); default the file’s base name.'),
      filename: z.string().max(4096).describe('The path kubectl was given; its base name is the default key.'),
      contentBase64: z
        .string()
        .max(Math.ceil(SECRET_LIMITS.maxFileBytes / 3) * 4)
        .describe(`The file’s bytes, base64-encoded (at most ${SECRET_LIMITS.maxFileBytes} bytes decoded).`),
    }),
  )
  .max(SECRET_LIMITS.maxSources)
  .default([])
  .describe(`--from-file sources, in order: { key?, filename, contentBase64 }; ${sources('files')}.`);

/** A list of --from-literal or --from-env-file values. */
export const textSources = (flag: string, each: string) =>
  z
    .array(z.string())
    .max(SECRET_LIMITS.maxSources)
    .default([])
    .describe(`${flag} values, in order: ${each}; ${sources('entries')}.`);

/** What every Secret capability answers. */
const secretOutput = named(
  z.object({
    secret: z
      .record(z.string(), z.unknown())
      .describe('The Secret as `kubectl … -o json` shows it (kind, apiVersion, metadata, data in base64, type).'),
    yaml: z.string().describe('What `kubectl create secret … --dry-run=client -o yaml` prints, byte for byte.'),
    json: z.string().describe('What `kubectl create secret … --dry-run=client -o json` prints, byte for byte.'),
    explanation: explanation.describe(
      'Where each key came from, what the type and name mean, and that base64 is an encoding, not encryption.',
    ),
  }),
  {
    name: 'KubectlSecret',
    description: 'A Secret as `kubectl create secret … --dry-run=client` makes and prints it.',
  },
);

type SecretOutput = z.output<typeof secretOutput>;

/** The kernel's result as the capability answers it (the kernel's own transport fields left out). */
const secretAnswer = ({ secret, yaml, json, explanation: why }: SecretResult): SecretOutput => ({
  secret: secret as unknown as Record<string, unknown>,
  yaml,
  json,
  explanation: why,
});

/** REST's renderings: JSON by default; `?output=yaml|json` for kubectl's exact bytes. */
function kubectlOutputs<In>(): Record<'result' | 'yaml' | 'json', Rendering<In, SecretOutput>> {
  return {
    result: asJson('{ secret, yaml, json, explanation }.'),
    yaml: {
      type: 'text/yaml',
      describe: 'Exactly what `kubectl create secret … --dry-run=client -o yaml` prints.',
      render: (v) => v.output.yaml,
    },
    json: {
      type: 'application/json',
      describe: 'Exactly what `kubectl create secret … --dry-run=client -o json` prints.',
      render: (v) => v.output.json,
    },
  };
}

/** The MCP text: kubectl's YAML, and the reminder that base64 is not encryption. */
const secretText: NonNullable<Capability<unknown, SecretOutput>['mcp']>['text'] = (out) =>
  `${out.yaml}\n# ${out.explanation.summary.en}\n# Base64 is an encoding, not encryption: anyone who can read this Secret can decode it.\n`;

/** The work of a Secret: its sources. */
export const secretCost = (sourceLists: readonly (readonly unknown[])[]): number =>
  1 + sourceLists.reduce((n, l) => n + l.length, 0);

/** A `kubectl create secret KIND` capability: the kind's own input, cost, kernel call and words; the
 * rest (output, transports' names and renderings) is the same for every kind, named after KIND. */
export function secretCapability<In>(
  kind: SecretKind,
  c: {
    name: string;
    summary: string;
    description: string;
    input: z.ZodType<In>;
    cost: (input: In) => number;
    run: (input: In) => SecretResult;
    mcpDescription: string;
  },
) {
  return defineCapability<z.ZodType<In>, typeof secretOutput>({
    name: c.name,
    summary: c.summary,
    description: c.description,
    input: c.input,
    output: secretOutput,
    ...COMPUTATION,
    sensitive: true,
    cost: c.cost,
    run: (input) => secretAnswer(c.run(input)),
    rest: {
      method: 'POST',
      path: `/v1/secrets/${kind}`,
      tag: 'secrets',
      yaml: true,
      formatParam: 'output',
      formats: kubectlOutputs(),
    },
    mcp: {
      tool: `create_secret_${kind.replace('-', '_')}`,
      title: `kubectl create secret ${kind}`,
      description: c.mcpDescription,
      text: secretText,
    },
    graphql: { field: c.name, resolver: 'generated' },
  });
}
