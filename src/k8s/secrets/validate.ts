// What the API server's validation refuses in a Secret (ValidateSecret in pkg/apis/core/validation/validation.go):
// each key of `data` must be a config key, the values together hold at most 1 MiB, and each built-in
// type needs its keys. The values it reads are those of `data`, base64-decoded, with `stringData`
// merged over them, as the v1 → internal conversion does before validation runs.
import { FieldPath, type Problem } from '../../errors';
import { isConfigMapKey } from '../objects/names';
import { goBase64Decode } from './base64';
import { goJsonSyntaxError } from './gojson-check';

/** core.MaxSecretSize: the bytes of all of a Secret's values together. */
export const MAX_SECRET_SIZE = 1024 * 1024;

// The value field.Invalid shows for a docker config that is not JSON: validation never repeats it.
const REDACTED = '<secret contents redacted>';

/** The input byte where the first value of `data` (in key order) stops being base64, as Go's decoder reports it. */
export function undecodableSecretValue(raw: Record<string, unknown>): number | undefined {
  const data = raw.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  for (const k of Object.keys(data).sort()) {
    const v = (data as Record<string, unknown>)[k];
    const d = typeof v === 'string' ? goBase64Decode(Buffer.from(v, 'latin1')) : undefined;
    if (d && 'errorAt' in d) return d.errorAt;
  }
  return undefined;
}

/** A Secret's values as the API server validates them: `data` decoded, `stringData` over it (UTF-8). */
export function mergedSecretData(raw: Record<string, unknown>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const put = (m: unknown, decode: boolean) => {
    if (!m || typeof m !== 'object' || Array.isArray(m)) return;
    for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      const d = decode ? goBase64Decode(Buffer.from(v, 'latin1')) : { bytes: Buffer.from(v, 'utf8') };
      if ('bytes' in d) out.set(k, d.bytes);
    }
  };
  put(raw.data, true);
  put(raw.stringData, false);
  return out;
}

// json.Unmarshal into map[string]interface{}: Go's syntax error, or its type error for a value that is
// not an object (null is taken, as an empty map).
function notJsonObject(bytes: Uint8Array): string | undefined {
  const syntax = goJsonSyntaxError(bytes);
  if (syntax) return syntax;
  const first = String.fromCharCode(bytes.find((c) => c > 0x20) ?? 0x6e);
  const type = { '{': undefined, n: undefined, '[': 'array', '"': 'string', t: 'bool', f: 'bool' }[first];
  if (type === undefined && (first === '{' || first === 'n')) return undefined;
  return `json: cannot unmarshal ${type ?? 'number'} into Go value of type map[string]interface {}`;
}

// The keys each built-in type requires (the switch on secret.Type in ValidateSecret).
function typeProblems(type: string, raw: Record<string, unknown>, data: Map<string, Uint8Array>): Problem[] {
  const at = FieldPath.root('data');
  const required = (path: FieldPath): Problem => ({
    code: 'FIELD_REQUIRED',
    path: String(path),
    message: 'Required value',
  });
  const dockerKey = { 'kubernetes.io/dockercfg': '.dockercfg', 'kubernetes.io/dockerconfigjson': '.dockerconfigjson' }[
    type
  ];
  if (dockerKey) {
    const bytes = data.get(dockerKey);
    if (!bytes) return [required(at.key(dockerKey))];
    const wrong = notJsonObject(bytes);
    return wrong ? [{ code: 'FIELD_INVALID', path: String(at.key(dockerKey)), message: wrong, value: REDACTED }] : [];
  }
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = (raw.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
      const name = annotations?.['kubernetes.io/service-account.name'];
      const path = FieldPath.root('metadata').child('annotations').key('kubernetes.io/service-account.name');
      return typeof name === 'string' && name ? [] : [required(path)];
    }
    // Either key may be empty, but one must be there. (Upstream builds these two paths from the literal
    // "data[%s]", so kubectl prints `data[%s][username]`; the path here names the key plainly.)
    case 'kubernetes.io/basic-auth':
      return data.has('username') || data.has('password')
        ? []
        : [required(at.key('username')), required(at.key('password'))];
    // The private key must be there and not empty.
    case 'kubernetes.io/ssh-auth':
      return data.get('ssh-privatekey')?.length ? [] : [required(at.key('ssh-privatekey'))];
    // Both halves must be there; whether the key matches the certificate is not checked, as the API server
    // does not check it either (ValidateSecret only asks that both keys exist).
    case 'kubernetes.io/tls':
      return ['tls.crt', 'tls.key'].filter((k) => !data.has(k)).map((k) => required(at.key(k)));
    default:
      return []; // Opaque and any type of the user's own: no keys required.
  }
}

/**
 * The API server's refusals of a Secret whose values decode (bad base64 is refused before, by the
 * decoder), with paths from the Secret's root (`data["tls.key"]`).
 */
export function secretProblems(raw: Record<string, unknown>): Problem[] {
  const data = mergedSecretData(raw);
  const problems: Problem[] = [];
  let size = 0;
  for (const [key, bytes] of data) {
    for (const message of isConfigMapKey(key))
      problems.push({ code: 'FIELD_INVALID', path: String(FieldPath.root('data').key(key)), message, value: key });
    size += bytes.length;
  }
  if (size > MAX_SECRET_SIZE)
    problems.push({
      code: 'FIELD_INVALID',
      path: 'data',
      message: `Too long: may not be more than ${MAX_SECRET_SIZE} bytes`,
    });
  const type = typeof raw.type === 'string' && raw.type ? raw.type : 'Opaque';
  return [...problems, ...typeProblems(type, raw, data)];
}
