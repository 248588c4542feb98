// The .dockerconfigjson value `kubectl create secret docker-registry` writes
// (create_secret_docker.go handleDockerCfgJSONContent): {"auths":{SERVER:{username, password, email,
// auth}}}, empty fields omitted, auth = base64("username:password"), marshalled by Go's json.Marshal.
import { goJsonCompact, type GoJson } from './gojson';

/** kubectl's default --docker-server. */
export const DEFAULT_DOCKER_SERVER = 'https://index.docker.io/v1/';

/** The bytes of the .dockerconfigjson key. */
export function dockerConfigJson(server: string, username: string, password: string, email: string): Uint8Array {
  const auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  const entry: Record<string, GoJson> = {};
  for (const [k, v] of [
    ['username', username],
    ['password', password],
    ['email', email],
    ['auth', auth],
  ])
    if (v) entry[k] = v;
  return Buffer.from(goJsonCompact({ auths: { [server]: entry } }), 'utf8');
}
