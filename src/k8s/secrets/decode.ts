// A Secret read back: each value under `data` base64-decoded as the API server decodes it (Go's
// StdEncoding, so a bad value fails with Go's message), shown as text when it is UTF-8.
import { FieldPath, KubeknowError, type Problem } from '../../errors';
import type { Explanation } from '../explanation';
import { parseManifests, parseObjects, type OtherObject } from '../objects';
import { goBase64Decode } from './base64';
import { BASE64_IS_NOT_ENCRYPTION } from './explain';
import { secretProblems } from './validate';

/** One decoded value. */
export interface DecodedValue {
  key: string;
  base64: string;
  bytes: number;
  /** The value as text, when its bytes are valid UTF-8; absent for binary values. */
  text?: string;
}

/** One Secret with its values decoded. */
export interface DecodedItem {
  name: string;
  namespace: string;
  type: string;
  data: DecodedValue[];
  /** `stringData` as given: write-only plain text that the API server merges into `data`. */
  stringData?: Record<string, string>;
}

/** The Secret decoded (the first, when a List holds several), every Secret of a List, and the reminder. */
export interface DecodedSecret extends DecodedItem {
  /** Every Secret given, decoded, when more than one was (a List, as `kubectl get secrets -o yaml` prints it). */
  items?: DecodedItem[];
  explanation: Explanation;
}

// One Secret, a List of Secrets (flattened by the parser), or YAML documents of Secrets; nothing else.
function theSecrets(input: unknown): OtherObject[] {
  const cluster = typeof input === 'string' ? parseManifests(input) : parseObjects([input]);
  const secrets = cluster.others.filter((o) => o.kind === 'Secret');
  if (!secrets.length || cluster.objects.length || cluster.others.length !== secrets.length) {
    throw new KubeknowError({
      code: 'BAD_USER_INPUT',
      path: '',
      message: 'give one object of kind Secret, or a List of Secrets (as kubectl get secrets -o yaml prints it)',
    });
  }
  return secrets;
}

function text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function stringMap(v: unknown, path: FieldPath, problems: Problem[]): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push({ code: 'FIELD_INVALID', path: String(path), message: 'must be a map of strings' });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'string') out[k] = x;
    else problems.push({ code: 'FIELD_INVALID', path: String(path.key(k)), message: 'must be a string' });
  }
  return out;
}

// The Secret's values, each decoded; a bad value's problem is named by its path from `at`.
function decodeItem(secret: OtherObject, at: FieldPath | undefined, problems: Problem[]): DecodedItem {
  const path = (field: string) => (at ? at.child(field) : FieldPath.root(field));
  const data = stringMap(secret.raw.data, path('data'), problems);
  const stringData = stringMap(secret.raw.stringData, path('stringData'), problems);
  const decoded = Object.keys(data)
    .sort()
    .flatMap((key) => {
      const result = goBase64Decode(Buffer.from(data[key], 'latin1'));
      if ('errorAt' in result) {
        const message = `illegal base64 data at input byte ${result.errorAt}`;
        problems.push({ code: 'FIELD_INVALID', path: String(path('data').key(key)), message });
        return [];
      }
      const t = text(result.bytes);
      return [{ key, base64: data[key], bytes: result.bytes.length, ...(t !== undefined ? { text: t } : {}) }];
    });
  // A Secret the API server would refuse was never stored, so it cannot be read back: its problems are
  // told as the API server tells them (validate.ts), once its values decode.
  if (decoded.length === Object.keys(data).length)
    for (const p of secretProblems(secret.raw)) problems.push({ ...p, path: at ? `${String(at)}.${p.path}` : p.path });
  const type = typeof secret.raw.type === 'string' && secret.raw.type ? secret.raw.type : 'Opaque';
  const { name, namespace } = secret.metadata;
  return { name, namespace, type, data: decoded, ...(Object.keys(stringData).length ? { stringData } : {}) };
}

/** The Secrets' values decoded, with the reminder that base64 is encoding, not encryption. */
export function decodeSecret(input: unknown): DecodedSecret {
  const secrets = theSecrets(input);
  const problems: Problem[] = [];
  const several = secrets.length > 1;
  const items = secrets.map((s, i) => decodeItem(s, several ? FieldPath.root('items').index(i) : undefined, problems));
  if (problems.length) throw new KubeknowError(problems, { sensitive: true });
  const values = items.reduce((n, x) => n + x.data.length, 0);
  const [first] = items;
  return {
    ...first,
    ...(several ? { items } : {}),
    explanation: {
      summary: several
        ? {
            en: `${items.length} Secrets hold ${values} value(s); decoding them needs no key or password.`,
            ko: `시크릿 ${items.length}개에 값 ${values}개가 있으며, 디코딩하는 데 키나 비밀번호가 필요 없다.`,
          }
        : {
            en: `Secret \`${first.name}\` holds ${values} value(s); decoding them needs no key or password.`,
            ko: `시크릿 \`${first.name}\`에는 값 ${values}개가 있으며, 디코딩하는 데 키나 비밀번호가 필요 없다.`,
          },
      steps: [BASE64_IS_NOT_ENCRYPTION],
    },
  };
}
