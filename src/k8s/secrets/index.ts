// Secrets as `kubectl create secret generic|tls|docker-registry --dry-run=client -o json|yaml` makes
// and prints them, byte for byte (kubectl v1.34 and later), and Secrets read back. Outside code
// imports only this file.
//
// Secret values: the facades are pure and log nothing. A transport must not log request bodies of
// these calls, nor the messages of their errors: a KubeknowError thrown here carries
// `details.sensitive = true`, because kubectl's own messages can repeat what was given (e.g.
// "invalid literal source =s3cret, expected key=value").
import { FieldPath, KubeknowError } from '../../errors';
import type { Explanation } from '../explanation';
import { buildDockerRegistry, buildGeneric, buildTls, Refusal, type Built } from './build';
import { explainBuilt } from './explain';
import { RequestReader } from './request';
import { printSecret, type SecretJson } from './secret';

export { decodeSecret, type DecodedSecret, type DecodedValue } from './decode';
export type { SecretJson } from './secret';
export { SECRET_LIMITS } from './request';
export { MAX_SECRET_SIZE, secretProblems, undecodableSecretValue } from './validate';

/** A built Secret: the object, kubectl's exact bytes for -o yaml and -o json, and the explanation. */
export interface SecretResult {
  secret: SecretJson;
  yaml: string;
  json: string;
  explanation: Explanation;
}

const root = FieldPath.root();

function result(run: () => Built, command: string): SecretResult {
  let built: Built;
  try {
    built = run();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    throw new KubeknowError({ code: 'FIELD_INVALID', path: e.path, message: e.message }, { sensitive: true });
  }
  return { ...printSecret(built.secret), explanation: explainBuilt(built, command) };
}

const GENERIC_FIELDS = ['name', 'namespace', 'type', 'fromLiteral', 'fromFile', 'fromEnvFile', 'appendHash'];

/** `kubectl create secret generic NAME [--type] [--from-literal] [--from-file] [--from-env-file] [--append-hash]`. */
export function secretGeneric(request: unknown): SecretResult {
  const r = RequestReader.of(request, GENERIC_FIELDS);
  const f = r.fields;
  const input = {
    name: r.str(f.name, root.child('name'), true) ?? '',
    namespace: r.str(f.namespace, root.child('namespace')) ?? '',
    type: r.str(f.type, root.child('type')) ?? '',
    fromLiteral: r.strings(f.fromLiteral, root.child('fromLiteral')),
    fromFile: r.fileSources(f.fromFile, root.child('fromFile')),
    fromEnvFile: r.strings(f.fromEnvFile, root.child('fromEnvFile')),
    appendHash: r.bool(f.appendHash, root.child('appendHash')),
  };
  r.throwIfAny();
  return result(() => buildGeneric(input), 'kubectl create secret generic');
}

/** `kubectl create secret tls NAME --cert --key [--append-hash]`. */
export function secretTls(request: unknown): SecretResult {
  const r = RequestReader.of(request, ['name', 'namespace', 'cert', 'key', 'appendHash']);
  const f = r.fields;
  const input = {
    name: r.str(f.name, root.child('name'), true) ?? '',
    namespace: r.str(f.namespace, root.child('namespace')) ?? '',
    cert: r.str(f.cert, root.child('cert'), true) ?? '',
    key: r.str(f.key, root.child('key'), true) ?? '',
    appendHash: r.bool(f.appendHash, root.child('appendHash')),
  };
  r.throwIfAny();
  return result(() => buildTls(input), 'kubectl create secret tls');
}

const DOCKER_FIELDS = ['name', 'namespace', 'server', 'username', 'password', 'email', 'fromFile', 'appendHash'];

/** `kubectl create secret docker-registry NAME --docker-username --docker-password [--docker-server] [--docker-email] | --from-file`. */
export function secretDockerRegistry(request: unknown): SecretResult {
  const r = RequestReader.of(request, DOCKER_FIELDS);
  const f = r.fields;
  const server = r.str(f.server, root.child('server'));
  const input = {
    name: r.str(f.name, root.child('name'), true) ?? '',
    namespace: r.str(f.namespace, root.child('namespace')) ?? '',
    ...(server !== undefined ? { server } : {}),
    username: r.str(f.username, root.child('username')) ?? '',
    password: r.str(f.password, root.child('password')) ?? '',
    email: r.str(f.email, root.child('email')) ?? '',
    fromFile: r.fileSources(f.fromFile, root.child('fromFile')),
    appendHash: r.bool(f.appendHash, root.child('appendHash')),
  };
  r.throwIfAny();
  return result(() => buildDockerRegistry(input), 'kubectl create secret docker-registry');
}
