// secretGeneric: the Secret `kubectl create secret generic` makes from literals, files and env files.
import { z } from 'zod';
import * as kernel from '../k8s';
import { fromFileField, secretCapability, secretCommonFields, secretCost, textSources } from './secret-fields';

export const secretGeneric = secretCapability('generic', {
  name: 'secretGeneric',
  summary: 'A generic Secret, as kubectl makes it',
  description:
    'The Secret `kubectl create secret generic NAME [--type] [--from-literal] [--from-file] [--from-env-file] [--append-hash] --dry-run=client` makes: the object, and what `-o yaml` and `-o json` print, byte for byte (kubectl v1.34 and later). Input kubectl refuses is refused with kubectl’s message (422). Nothing is stored, and values are never logged.',
  input: z.strictObject({
    ...secretCommonFields,
    type: z
      .string()
      .max(253)
      .optional()
      .describe('--type, e.g. `kubernetes.io/basic-auth`; not printed when not given (the API server stores Opaque).'),
    fromLiteral: textSources('--from-literal', '"key=value"'),
    fromFile: fromFileField,
    fromEnvFile: textSources('--from-env-file', 'the content of an env file (KEY=value lines)'),
  }),
  cost: (i) => secretCost([i.fromLiteral, i.fromFile, i.fromEnvFile]),
  run: kernel.secretGeneric,
  mcpDescription:
    'Makes the Secret `kubectl create secret generic --dry-run=client -o yaml` would print for literals ("key=value"), files ' +
    '({filename, contentBase64, key?}) and env files (their text), exactly as kubectl prints it (key order, base64, --append-hash ' +
    'suffix), or kubectl’s own refusal. Use it to show what a Secret manifest looks like, or why kubectl rejects a flag. ' +
    'Example: {"name": "db", "namespace": "shop", "fromLiteral": ["user=admin"]}.',
});
