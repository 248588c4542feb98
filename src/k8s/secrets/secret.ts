// The Secret object kubectl builds (create_secret.go newSecretObj), its --append-hash suffix
// (k8s.io/kubectl pkg/util/hash SecretHash) and the bytes kubectl prints for it with -o json
// (printers.JSONPrinter: json.MarshalIndent with four spaces) and -o yaml (printers.YAMLPrinter:
// sigs.k8s.io/yaml.Marshal). Printed as kubectl v1.34 and later print it: since v1.34 (kubernetes
// PR #130989) a zero creationTimestamp is omitted; v1.33 and earlier print `creationTimestamp: null`.
import { createHash } from 'node:crypto';
import { base64Of } from './base64';
import { goJsonCompact, goJsonIndent, goSortedKeys, type GoJson } from './gojson';
import type { SecretData } from './sources';
import { toYaml } from './yaml';

/** A Secret as kubectl builds it before printing. */
export interface BuiltSecret {
  name: string;
  namespace: string; // "" unless --namespace was given
  type: string; // "" for generic without --type: the API server defaults it to Opaque
  data: SecretData;
}

/** The Secret as `kubectl … -o json` shows it, as plain JSON. */
export interface SecretJson {
  kind: 'Secret';
  apiVersion: 'v1';
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  type?: string;
}

// Go's json.Marshal of the Secret struct: TypeMeta, ObjectMeta, then Data and Type, each omitted when empty.
function secretJson(s: BuiltSecret): SecretJson {
  const keys = goSortedKeys([...s.data.keys()]);
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) },
    ...(keys.length ? { data: Object.fromEntries(keys.map((k) => [k, base64Of(s.data.get(k)!)])) } : {}),
    ...(s.type ? { type: s.type } : {}),
  };
}

// encodeHash: the first ten hex digits of the SHA-256, with 0 1 3 a e mapped to g h k m t so that
// no words form.
const CONSONANT: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The suffix --append-hash adds: a hash of the Secret's kind, name, type and data (encodeSecret). */
export function secretHash(s: BuiltSecret): string {
  const keys = goSortedKeys([...s.data.keys()]);
  const data = Object.fromEntries(keys.map((k) => [k, base64Of(s.data.get(k)!)]));
  // json.Marshal of a map sorts its keys: data, kind, name, type.
  const encoded = goJsonCompact({ data, kind: 'Secret', name: s.name, type: s.type });
  const hex = createHash('sha256').update(encoded, 'utf8').digest('hex');
  return [...hex.slice(0, 10)].map((c) => CONSONANT[c] ?? c).join('');
}

/** The object and the exact bytes kubectl prints for it. */
export interface PrintedSecret {
  secret: SecretJson;
  json: string;
  yaml: string;
}

/** What `kubectl create secret … --dry-run=client -o json` and `-o yaml` print for the Secret. */
export function printSecret(s: BuiltSecret): PrintedSecret {
  const secret = secretJson(s);
  const value = secret as unknown as { [key: string]: GoJson };
  return { secret, json: `${goJsonIndent(value)}\n`, yaml: toYaml(value) };
}
