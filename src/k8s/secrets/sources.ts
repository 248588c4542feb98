// The sources `kubectl create secret` reads values from, parsed and checked as kubectl does it
// (k8s.io/kubectl pkg/util ParseLiteralSource and ParseFileSource, pkg/cmd/util env_file.go, and
// create_secret.go addKeyFromLiteralToSecret), with kubectl's own error messages.
import { isConfigMapKey, isEnvVarName } from '../objects';
import { goQuote } from './goquote';

/** A refusal, worded as kubectl prints it after "error: ". */
export class KubectlRefusal extends Error {}

/** The data of a Secret being built: key → bytes, in the order the keys were added. */
export type SecretData = Map<string, Uint8Array>;

/** addKeyFromLiteralToSecret: the key must be a valid config key and new. */
export function addKey(data: SecretData, key: string, value: Uint8Array): void {
  const errs = isConfigMapKey(key);
  if (errs.length) throw new KubectlRefusal(`${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (data.has(key)) throw new KubectlRefusal(`cannot add key ${key}, another key by that name already exists`);
  data.set(key, value);
}

/** ParseLiteralSource: "key=value", split at the first '='; a leading '=' is refused. */
export function parseLiteral(source: string): { key: string; value: string } {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KubectlRefusal(`invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, eq), value: source.slice(eq + 1) };
}

// path.Base after filepath.ToSlash on Linux: the last element, trailing slashes ignored.
function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** ParseFileSource on "[key=]path": the key defaults to the file's base name. */
export function parseFileSource(source: string): { key: string; path: string } {
  const separators = source.split('=').length - 1;
  if (separators === 0) return { key: pathBase(source), path: source };
  if (separators === 1 && source.startsWith('='))
    throw new KubectlRefusal(`key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('='))
    throw new KubectlRefusal(`file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) throw new KubectlRefusal("key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return { key, path };
}

// unicode.IsSpace, which env-file lines are trimmed of on the left.
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
// bufio.Scanner's default limit: a longer line ends the scan, and AddFromEnvFile does not check
// scanner.Err(), so kubectl silently ignores that line and every line after it.
const MAX_LINE_BYTES = 64 * 1024 - 1;

/** The lines bufio.ScanLines yields: split at \n, a trailing \r dropped, no empty last line. */
function scanLines(content: string): string[] {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (const line of lines) {
    if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) break;
    out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
  return out;
}

/** One key=value pair of an env file, with the (1-based) line it came from. */
export interface EnvPair {
  key: string;
  value: string;
  line: number;
}

/**
 * The pairs of an env file as AddFromEnvFile reads them: a BOM dropped from the first line, leading
 * whitespace trimmed, blank lines and '#' comments skipped, the key checked as an environment
 * variable name, the value everything after the first '=' (trailing spaces and quotes kept). A line
 * without '=' reads the variable from kubectl's own environment, which kubeknow does not have.
 */
export function envFilePairs(content: string, file: string): EnvPair[] {
  return scanLines(content).flatMap((raw, i) => {
    if (/[\ud800-\udfff]/.test(raw.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')))
      throw new KubectlRefusal(
        `env file ${file} contains invalid utf8 bytes at line ${i + 1}: [${[...Buffer.from(raw, 'utf8')].join(' ')}]`,
      );
    const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) return [];
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const errs = isEnvVarName(key);
    if (errs.length) throw new KubectlRefusal(`${goQuote(key)} is not a valid key name: ${errs.join(';')}`);
    if (eq < 0) {
      throw new KubectlRefusal(
        `env file ${file} line ${i + 1}: ${key} has no '=', so kubectl would read its value from its own ` +
          'environment, which kubeknow does not have; write the value after an equals sign',
      );
    }
    return [{ key, value: line.slice(eq + 1), line: i + 1 }];
  });
}
