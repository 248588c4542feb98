// secretTls: the Secret `kubectl create secret tls --cert --key` makes, the pair checked as kubectl checks it.
import { z } from 'zod';
import * as kernel from '../k8s';
import { secretCapability, secretCommonFields } from './secret-fields';

// A PEM chain of a few certificates, or a key, fits easily; the HTTP body limit bounds it too.
const pem = (what: string) =>
  z
    .string()
    .max(256 * 1024)
    .describe(`${what}, PEM-encoded; kubectl refuses an empty one: "key and cert must be specified".`);

export const secretTls = secretCapability('tls', {
  name: 'secretTls',
  summary: 'A TLS Secret, as kubectl makes it',
  description:
    'The Secret `kubectl create secret tls NAME --cert --key [--append-hash] --dry-run=client` makes: the certificate and key checked as kubectl checks them (PEM parsed, the key matches the certificate), stored as tls.crt and tls.key, and what `-o yaml` and `-o json` print, byte for byte. Input kubectl refuses is refused with kubectl’s message (422). Nothing is stored, and values are never logged.',
  input: z.strictObject({
    ...secretCommonFields,
    cert: pem('--cert: the certificate (chain)'),
    key: pem('--key: the private key'),
  }),
  cost: () => 2,
  run: kernel.secretTls,
  mcpDescription:
    'Makes the Secret `kubectl create secret tls --dry-run=client -o yaml` would print for a PEM certificate and key, exactly ' +
    'as kubectl prints it, after checking the pair as kubectl does (a key that does not match the certificate is refused with ' +
    'kubectl’s message). Example: {"name": "web-tls", "cert": "-----BEGIN CERTIFICATE-----…", "key": "-----BEGIN PRIVATE KEY-----…"}.',
});
