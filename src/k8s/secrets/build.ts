// What `kubectl create secret generic|tls|docker-registry` does with its flags, in its order
// (create_secret.go, create_secret_tls.go, create_secret_docker.go): Validate, then literals, files
// and env files, then --append-hash. The first refusal stops it, as kubectl stops at its first error.
import { dockerConfigJson, DEFAULT_DOCKER_SERVER } from './docker';
import type { FileSource } from './request';
import { secretHash, type BuiltSecret } from './secret';
import { addKey, envFilePairs, KubectlRefusal, parseFileSource, parseLiteral, type SecretData } from './sources';
import { checkKeyPair } from './tls';

/** Where one key of the Secret came from: the request field, and the env file line if any. */
export interface KeyOrigin {
  key: string;
  from: string; // 'fromLiteral[0]', 'fromFile[1]', 'fromEnvFile[0]', 'cert', …
  line?: number;
  bytes: number;
}

/** The Secret kubectl would print, and where each key came from. */
export interface Built {
  secret: BuiltSecret;
  origins: KeyOrigin[];
  hashed: boolean;
}

/** A refusal at the request field that caused it. */
export class Refusal extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function at<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof KubectlRefusal) throw new Refusal(path, e.message);
    throw e;
  }
}

class Builder {
  readonly data: SecretData = new Map();
  readonly origins: KeyOrigin[] = [];
  add(key: string, value: Uint8Array, from: string, line?: number): void {
    at(from, () => addKey(this.data, key, value));
    this.origins.push({ key, from, ...(line ? { line } : {}), bytes: value.length });
  }
  files(sources: readonly FileSource[]): void {
    sources.forEach((f, i) => {
      const from = `fromFile[${i}]`;
      const { key } = at(from, () => parseFileSource(f.key !== undefined ? `${f.key}=${f.filename}` : f.filename));
      this.add(key, f.content, from);
    });
  }
  finish(name: string, namespace: string, type: string, appendHash: boolean): Built {
    const secret: BuiltSecret = { name, namespace, type, data: this.data };
    if (appendHash) secret.name = `${name}-${secretHash(secret)}`;
    return { secret, origins: this.origins, hashed: appendHash };
  }
}

function requireName(name: string): void {
  if (name === '') throw new Refusal('name', 'name must be specified');
}

/** The generic request, read. */
export interface GenericInput {
  name: string;
  namespace: string;
  type: string;
  fromLiteral: string[];
  fromFile: FileSource[];
  fromEnvFile: string[];
  appendHash: boolean;
}

/** `kubectl create secret generic`. */
export function buildGeneric(r: GenericInput): Built {
  requireName(r.name);
  if (r.fromEnvFile.length && (r.fromFile.length || r.fromLiteral.length))
    throw new Refusal('fromEnvFile', 'from-env-file cannot be combined with from-file or from-literal');
  const b = new Builder();
  r.fromLiteral.forEach((source, i) => {
    const from = `fromLiteral[${i}]`;
    const { key, value } = at(from, () => parseLiteral(source));
    b.add(key, Buffer.from(value, 'utf8'), from);
  });
  b.files(r.fromFile);
  r.fromEnvFile.forEach((content, i) => {
    const from = `fromEnvFile[${i}]`;
    for (const p of at(from, () => envFilePairs(content, from)))
      b.add(p.key, Buffer.from(p.value, 'utf8'), from, p.line);
  });
  return b.finish(r.name, r.namespace, r.type, r.appendHash);
}

/** The tls request, read. */
export interface TlsInput {
  name: string;
  namespace: string;
  cert: string;
  key: string;
  appendHash: boolean;
}

/** `kubectl create secret tls --cert --key`: the pair checked by tls.X509KeyPair, stored as tls.crt and tls.key. */
export function buildTls(r: TlsInput): Built {
  requireName(r.name);
  if (r.key === '' || r.cert === '')
    throw new Refusal(r.cert === '' ? 'cert' : 'key', 'key and cert must be specified');
  const cert = Buffer.from(r.cert, 'utf8');
  const key = Buffer.from(r.key, 'utf8');
  at('cert', () => checkKeyPair(cert, key));
  const b = new Builder();
  b.add('tls.crt', cert, 'cert');
  b.add('tls.key', key, 'key');
  return b.finish(r.name, r.namespace, 'kubernetes.io/tls', r.appendHash);
}

/** The docker-registry request, read. */
export interface DockerInput {
  name: string;
  namespace: string;
  server?: string;
  username: string;
  password: string;
  email: string;
  fromFile: FileSource[];
  appendHash: boolean;
}

/** `kubectl create secret docker-registry`: a .dockerconfigjson key built from the flags, or the given files. */
export function buildDockerRegistry(r: DockerInput): Built {
  requireName(r.name);
  const server = r.server ?? DEFAULT_DOCKER_SERVER;
  if (!r.fromFile.length && (!r.username || !r.password || !server)) {
    throw new Refusal(
      !r.username ? 'username' : !r.password ? 'password' : 'server',
      'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
    );
  }
  const b = new Builder();
  if (r.fromFile.length) b.files(r.fromFile);
  else b.add('.dockerconfigjson', dockerConfigJson(server, r.username, r.password, r.email), 'username');
  return b.finish(r.name, r.namespace, 'kubernetes.io/dockerconfigjson', r.appendHash);
}
