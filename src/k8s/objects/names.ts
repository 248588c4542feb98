// Name validators returning Kubernetes' own messages (k8s.io/apimachinery/pkg/util/validation), so a
// problem reads as `kubectl apply` would print it. Each returns [] when the value is valid.

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  // Kept byte-for-byte with apimachinery's RegexError, including its double space before "or".
  const eg = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`;
}

/** "must be no more than N characters", apimachinery's MaxLenError. */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_RE = new RegExp(`^${DNS1035_FMT}$`);
const QUALIFIED_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_RE = new RegExp(`^${QUALIFIED_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** RFC 1123 label: Pod hostname and subdomain, namespace names, port names. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
          'and must start and end with an alphanumeric character',
        LABEL_FMT,
        'my-name',
        '123-abc',
      ),
    );
  }
  return errs;
}

/** RFC 1123 subdomain: most object names (Pod, Node, EndpointSlice) and DNS names such as externalName. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, ' +
          "'-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

/** RFC 1035 label: Service names, which must also work as DNS labels that start with a letter. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_RE.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', " +
          'start with an alphabetic character, and end with an alphanumeric character',
        DNS1035_FMT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** IANA_SVC_NAME (RFC 6335): container port names and named targetPorts. */
export function isValidPortName(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(value)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) errs.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errs.push('must not contain consecutive hyphens (-)');
  if (value.startsWith('-') || value.endsWith('-')) errs.push('must not begin or end with a hyphen (-)');
  return errs;
}

const QUALIFIED_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, 'MyName', 'my.name', '123-abc')} ` +
        "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const errs: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_RE.test(name))
    errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' " +
          "or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

// hasChDirPrefix: a key becomes a file name in a Secret or ConfigMap volume, so it must not walk up.
function chDirErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** A key of a Secret's or ConfigMap's data (apimachinery's IsConfigMapKey). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY_RE.test(value)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_MAP_KEY_FMT,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  return [...errs, ...chDirErrors(value)];
}

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

/** An environment variable name as kubectl's env-file reader checks it (apimachinery's IsEnvVarName). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', " +
          'and must not start with a digit',
        ENV_VAR_NAME_FMT,
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  return [...errs, ...chDirErrors(value)];
}

/**
 * An environment variable name (env[].name, envFrom[].prefix) as the API server checks it since
 * RelaxedEnvironmentVariableValidation (GA in 1.34): printable ASCII (0x20–0x7E) other than '='.
 * Source: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsRelaxedEnvVarName.
 */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs = value.length ? [] : ['environment variable name must be non-empty'];
  if (/[^\x20-\x3c\x3e-\x7e]/.test(value))
    errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  return errs;
}
