// secretDockerRegistry: the Secret `kubectl create secret docker-registry` makes for pulling images.
import { z } from 'zod';
import * as kernel from '../k8s';
import { fromFileField, secretCapability, secretCommonFields, secretCost } from './secret-fields';

const flag = (name: string, what: string) => z.string().max(4096).optional().describe(`--docker-${name}: ${what}.`);

export const secretDockerRegistry = secretCapability('docker-registry', {
  name: 'secretDockerRegistry',
  summary: 'A docker-registry Secret, as kubectl makes it',
  description:
    'The Secret `kubectl create secret docker-registry NAME --docker-username --docker-password [--docker-server] [--docker-email] | --from-file [--append-hash] --dry-run=client` makes: a `.dockerconfigjson` key built as kubectl builds it (or the files given), and what `-o yaml` and `-o json` print, byte for byte. Input kubectl refuses is refused with kubectl’s message (422). Nothing is stored, and values are never logged.',
  input: z.strictObject({
    ...secretCommonFields,
    server: flag('server', 'the registry; default https://index.docker.io/v1/'),
    username: flag('username', 'the user name'),
    password: flag('password', 'the password or token'),
    email: flag('email', 'an email address, kept in the config when given'),
    fromFile: fromFileField,
  }),
  cost: (i) => secretCost([i.fromFile]),
  run: kernel.secretDockerRegistry,
  mcpDescription:
    'Makes the image pull Secret `kubectl create secret docker-registry --dry-run=client -o yaml` would print (type ' +
    'kubernetes.io/dockerconfigjson, the .dockerconfigjson key with the auth kubectl computes), exactly as kubectl prints it. ' +
    'Example: {"name": "regcred", "server": "registry.example.com", "username": "ci", "password": "…"}.',
});
