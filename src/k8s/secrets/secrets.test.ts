// The Secret facades, case by case. Each expected output is written from kubectl's source (create_secret*.go,
// pkg/util/hash, the JSON and YAML printers) as the comment on the case says; the --append-hash names are
// kubectl's own test fixtures (staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret_test.go). No kubectl
// binary runs here. A real `kubectl create secret generic --dry-run=client --from-literal=a=b my-secret -oyaml`
// printed by kubectl before v1.34, quoted in grafana/mimir PR #11229, has the same layout plus
// `creationTimestamp: null` under metadata, which v1.34 no longer prints (kubernetes PR #130989).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { decodeSecret, secretDockerRegistry, secretGeneric, secretTls } from '.';

const pem = (f: string) => readFileSync(join(__dirname, 'testdata', f), 'utf8');
const b64 = (s: string | number[]) => Buffer.from(typeof s === 'string' ? s : Uint8Array.from(s)).toString('base64');

interface OutputCase {
  name: string;
  request: Record<string, unknown>;
  yaml: string;
  json?: string;
}

const generic: OutputCase[] = [
  {
    // json.Marshal of corev1.Secret: kind, apiVersion, metadata; empty Data and Type are omitted (omitempty).
    name: 'a Secret with no sources has no data and no type',
    request: { name: 'foo' },
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo\n',
    json: '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "foo"\n    }\n}\n',
  },
  {
    // base64("value1") = dmFsdWUx; keys sorted; --type absent: the API server, not kubectl, sets Opaque.
    name: 'literals are base64-encoded under data, sorted by key',
    request: { name: 'foo', fromLiteral: ['key2=value2', 'key1=value1'] },
    yaml: 'apiVersion: v1\ndata:\n  key1: dmFsdWUx\n  key2: dmFsdWUy\nkind: Secret\nmetadata:\n  name: foo\n',
    json:
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "foo"\n    },\n' +
      '    "data": {\n        "key1": "dmFsdWUx",\n        "key2": "dmFsdWUy"\n    }\n}\n',
  },
  {
    // EnforceNamespace: the namespace is printed only when given; type printed when given.
    name: 'a namespace and a type are printed when given',
    request: { name: 'db', namespace: 'shop', type: 'kubernetes.io/basic-auth', fromLiteral: ['username=admin'] },
    yaml:
      'apiVersion: v1\ndata:\n  username: YWRtaW4=\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n' +
      'type: kubernetes.io/basic-auth\n',
    json:
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "db",\n' +
      '        "namespace": "shop"\n    },\n    "data": {\n        "username": "YWRtaW4="\n    },\n' +
      '    "type": "kubernetes.io/basic-auth"\n}\n',
  },
  {
    // ParseLiteralSource splits at the first '=': key1, "=value1". Hash from kubectl's test fixture.
    name: 'a literal value may contain =, and --append-hash names it as kubectl does',
    request: { name: 'foo', fromLiteral: ['key1==value1'], appendHash: true },
    yaml: 'apiVersion: v1\ndata:\n  key1: PXZhbHVlMQ==\nkind: Secret\nmetadata:\n  name: foo-fdcc8tkhh5\n',
  },
  {
    // An empty value is "" in JSON, and go-yaml quotes an empty string.
    name: 'an empty value is printed as an empty quoted string',
    request: { name: 'foo', fromLiteral: ['empty='] },
    yaml: 'apiVersion: v1\ndata:\n  empty: ""\nkind: Secret\nmetadata:\n  name: foo\n',
  },
  {
    // go-yaml v2's resolve reads 1234 as an int and the key n as the YAML 1.1 boolean false: both quoted.
    name: 'a base64 value that reads as a number and a key that reads as a boolean are quoted in YAML',
    request: { name: 'foo', fromFile: [{ filename: 'n', contentBase64: '1234' }] },
    yaml: 'apiVersion: v1\ndata:\n  "n": "1234"\nkind: Secret\nmetadata:\n  name: foo\n',
  },
  {
    // go-yaml's sorter: digit runs compare as numbers (key9 before key10); JSON sorts bytes (key10 first).
    name: 'YAML sorts keys with numbers as numbers, JSON by bytes',
    request: { name: 'foo', fromLiteral: ['key10=b', 'key9=a'] },
    yaml: 'apiVersion: v1\ndata:\n  key9: YQ==\n  key10: Yg==\nkind: Secret\nmetadata:\n  name: foo\n',
    json:
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "foo"\n    },\n' +
      '    "data": {\n        "key10": "Yg==",\n        "key9": "YQ=="\n    }\n}\n',
  },
  {
    // The key defaults to the file's base name; hash from kubectl's fixture for two "hello world" files.
    name: 'files become keys named after them',
    request: {
      name: 'foo',
      appendHash: true,
      fromFile: [
        { filename: 'foo1', contentBase64: b64('hello world') },
        { filename: '/tmp/dir/foo2', contentBase64: b64('hello world') },
      ],
    },
    yaml:
      'apiVersion: v1\ndata:\n  foo1: aGVsbG8gd29ybGQ=\n  foo2: aGVsbG8gd29ybGQ=\nkind: Secret\nmetadata:\n' +
      '  name: foo-hbkh2cdb57\n',
  },
  {
    // Binary content is kept byte for byte; hash from kubectl's fixture for {0xff, 0xfd}.
    name: 'binary files keep their bytes',
    request: {
      name: 'foo',
      appendHash: true,
      fromFile: [
        { filename: 'foo1', contentBase64: b64([0xff, 0xfd]) },
        { filename: 'foo2', contentBase64: b64([0xff, 0xfd]) },
      ],
    },
    yaml: 'apiVersion: v1\ndata:\n  foo1: //0=\n  foo2: //0=\nkind: Secret\nmetadata:\n  name: foo-mkhg4ktk4d\n',
  },
  {
    // env_file.go: comments and blank lines skipped, leading spaces trimmed, the value kept as written.
    name: 'env files give one key per line, comments and blank lines skipped',
    request: { name: 'valid_env', appendHash: true, fromEnvFile: ['key1=value1\n#\n\nkey2=value2\n'] },
    yaml: 'apiVersion: v1\ndata:\n  key1: dmFsdWUx\n  key2: dmFsdWUy\nkind: Secret\nmetadata:\n  name: valid_env-bkb2m2965h\n',
  },
  {
    name: 'several env files add up',
    request: { name: 'two_valid_env', appendHash: true, fromEnvFile: ['key1=value1\n#\n\nkey2=value2', 'key3=value3'] },
    yaml:
      'apiVersion: v1\ndata:\n  key1: dmFsdWUx\n  key2: dmFsdWUy\n  key3: dmFsdWUz\nkind: Secret\nmetadata:\n' +
      '  name: two_valid_env-gd56gct5cf\n',
  },
  {
    name: 'an env value keeps its leading spaces after =',
    request: { name: 'valid_with_space', appendHash: true, fromEnvFile: ['   key1=  value1'] },
    yaml: 'apiVersion: v1\ndata:\n  key1: ICB2YWx1ZTE=\nkind: Secret\nmetadata:\n  name: valid_with_space-bhkb4gfck6\n',
  },
  {
    // Hash fixtures for an empty Secret, with and without --type (create_secret_test.go).
    name: 'the hash covers the type',
    request: { name: 'foo', type: 'my-type', appendHash: true },
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo-dg474f9t76\ntype: my-type\n',
  },
  {
    name: 'the hash of a Secret with nothing in it',
    request: { name: 'foo', appendHash: true },
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo-949tdgdkgg\n',
  },
];

describe('kubectl create secret generic', () => {
  for (const c of generic) {
    test(c.name, () => {
      const got = secretGeneric(deepFreeze(c.request));
      expect(got.yaml).toBe(c.yaml);
      if (c.json) expect(got.json).toBe(c.json);
      expect(JSON.parse(got.json)).toEqual(got.secret);
    });
  }
});

interface RefusalCase {
  name: string;
  request: Record<string, unknown>;
  path: string;
  message: string;
}

// Messages from create_secret.go, pkg/util (ParseLiteralSource, ParseFileSource) and env_file.go; the
// invalid-key messages are the expected errors of create_secret_test.go.
const refusals: RefusalCase[] = [
  { name: 'an empty name', request: { name: '' }, path: 'name', message: 'name must be specified' },
  {
    name: 'env files with literals',
    request: { name: 'x', fromLiteral: ['a=b'], fromEnvFile: ['c=d'] },
    path: 'fromEnvFile',
    message: 'from-env-file cannot be combined with from-file or from-literal',
  },
  {
    name: 'a literal without =',
    request: { name: 'x', fromLiteral: ['key1value1'] },
    path: 'fromLiteral[0]',
    message: 'invalid literal source key1value1, expected key=value',
  },
  {
    name: 'a literal starting with =',
    request: { name: 'x', fromLiteral: ['=key=value1'] },
    path: 'fromLiteral[0]',
    message: 'invalid literal source =key=value1, expected key=value',
  },
  {
    name: 'a key with a character a config key may not have',
    request: { name: 'x', fromLiteral: ['key#1=value1'] },
    path: 'fromLiteral[0]',
    message:
      `"key#1" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' ` +
      `or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  },
  {
    name: 'a key with a space',
    request: { name: 'x', fromLiteral: ['a b=c'] },
    path: 'fromLiteral[0]',
    message:
      `"a b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' ` +
      `or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  },
  {
    name: 'a key that walks up a directory',
    request: { name: 'x', fromLiteral: ['..=c'] },
    path: 'fromLiteral[0]',
    message: `".." is not valid key name for a Secret must not be '..'`,
  },
  {
    name: 'the same key twice',
    request: { name: 'x', fromLiteral: ['key1=value1', 'key1=value2'] },
    path: 'fromLiteral[1]',
    message: 'cannot add key key1, another key by that name already exists',
  },
  {
    name: 'a literal key again in a file',
    request: { name: 'x', fromLiteral: ['app.conf=1'], fromFile: [{ filename: 'etc/app.conf', contentBase64: '' }] },
    path: 'fromFile[0]',
    message: 'cannot add key app.conf, another key by that name already exists',
  },
  {
    name: 'a file path with =',
    request: { name: 'x', fromFile: [{ key: 'key1', filename: '/file=2', contentBase64: '' }] },
    path: 'fromFile[0]',
    message: "key names or file paths cannot contain '='",
  },
  {
    name: 'an empty key for a file',
    request: { name: 'x', fromFile: [{ key: '', filename: 'f', contentBase64: '' }] },
    path: 'fromFile[0]',
    message: 'key name for file path f missing',
  },
  {
    name: 'an env key starting with a digit',
    request: { name: 'x', fromEnvFile: ['1key=value1'] },
    path: 'fromEnvFile[0]',
    message:
      `"1key" is not a valid key name: a valid environment variable name must consist of alphabetic characters, ` +
      `digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or ` +
      `'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
  },
  {
    name: 'an env line without = (kubectl would read its own environment)',
    request: { name: 'x', fromEnvFile: ['# db\nPASSWORD'] },
    path: 'fromEnvFile[0]',
    message:
      "env file fromEnvFile[0] line 2: PASSWORD has no '=', so kubectl would read its value from its own environment, " +
      'which kubeknow does not have; write the value after an equals sign',
  },
];

describe('what kubectl refuses', () => {
  for (const c of refusals) {
    test(c.name, () => {
      const err = catchError(() => secretGeneric(deepFreeze(c.request)));
      expect(err.problems).toEqual([{ code: 'FIELD_INVALID', path: c.path, message: c.message }]);
      expect(err.details).toEqual({ sensitive: true });
    });
  }
});

function catchError(run: () => unknown): KubeknowError {
  try {
    run();
  } catch (e) {
    if (e instanceof KubeknowError) return e;
    throw e;
  }
  throw new Error('expected a KubeknowError');
}

describe('kubectl create secret tls', () => {
  const pairs: [string, string, string][] = [
    ['RSA (PKCS #8 key)', 'rsa.crt', 'rsa.key'],
    ['RSA (PKCS #1 key)', 'rsa.crt', 'rsa-pkcs1.key'],
    ['ECDSA P-256 (PKCS #8 key)', 'ec.crt', 'ec.key'],
    ['ECDSA P-256 (SEC 1 key)', 'ec.crt', 'ec-sec1.key'],
    ['Ed25519', 'ed25519.crt', 'ed25519.key'],
  ];
  for (const [what, cert, key] of pairs) {
    test(`a matching ${what} pair becomes tls.crt and tls.key of type kubernetes.io/tls`, () => {
      const got = secretTls(deepFreeze({ name: 'web', namespace: 'shop', cert: pem(cert), key: pem(key) }));
      expect(got.yaml).toBe(
        `apiVersion: v1\ndata:\n  tls.crt: ${b64(pem(cert))}\n  tls.key: ${b64(pem(key))}\nkind: Secret\n` +
          'metadata:\n  name: web\n  namespace: shop\ntype: kubernetes.io/tls\n',
      );
    });
  }

  // crypto/tls X509KeyPair's messages, in the order it checks.
  const refused: [string, () => Record<string, unknown>, string, string][] = [
    [
      'a key of another pair',
      () => ({ cert: pem('rsa.crt'), key: pem('rsa-other.key') }),
      'cert',
      'tls: private key does not match public key',
    ],
    [
      'an EC key for an RSA certificate',
      () => ({ cert: pem('rsa.crt'), key: pem('ec.key') }),
      'cert',
      'tls: private key type does not match public key type',
    ],
    [
      'no PEM at all',
      () => ({ cert: 'hello', key: pem('rsa.key') }),
      'cert',
      'tls: failed to find any PEM data in certificate input',
    ],
    [
      'the key given as the certificate',
      () => ({ cert: pem('rsa.key'), key: pem('rsa.crt') }),
      'cert',
      'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched',
    ],
    [
      'the certificate given as the key',
      () => ({ cert: pem('rsa.crt'), key: pem('rsa.crt') }),
      'cert',
      'tls: found a certificate rather than a key in the PEM for the private key',
    ],
    [
      'a key that is no key',
      () => ({ cert: pem('rsa.crt'), key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }),
      'cert',
      'tls: failed to parse private key',
    ],
    [
      'a certificate that is no certificate',
      () => ({ cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', key: pem('rsa.key') }),
      'cert',
      'x509: malformed certificate',
    ],
    ['an empty key', () => ({ cert: pem('rsa.crt'), key: '' }), 'key', 'key and cert must be specified'],
  ];
  for (const [what, fields, path, message] of refused) {
    test(`refuses ${what}`, () => {
      const err = catchError(() => secretTls({ name: 'web', ...fields() }));
      expect(err.problems).toEqual([{ code: 'FIELD_INVALID', path, message }]);
    });
  }
});

describe('kubectl create secret docker-registry', () => {
  test('builds .dockerconfigjson with auth = base64(user:password), HTML characters escaped as Go does', () => {
    const got = secretDockerRegistry({ name: 'reg', username: 'u', password: 'p<w>', email: 'a@b.c' });
    const config = Buffer.from(got.secret.data!['.dockerconfigjson'], 'base64').toString();
    expect(config).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p\\u003cw\\u003e","email":"a@b.c","auth":"dTpwPHc+"}}}',
    );
    expect(got.secret.type).toBe('kubernetes.io/dockerconfigjson');
  });
  test('omits an empty email and uses the given server', () => {
    const got = secretDockerRegistry({ name: 'reg', server: 'registry.example.com', username: 'u', password: 'p' });
    const config = Buffer.from(got.secret.data!['.dockerconfigjson'], 'base64').toString();
    expect(config).toBe('{"auths":{"registry.example.com":{"username":"u","password":"p","auth":"dTpw"}}}');
  });
  test('needs a username and password unless files are given', () => {
    const err = catchError(() => secretDockerRegistry({ name: 'reg', username: 'u' }));
    expect(err.problems[0].message).toBe(
      'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
    );
  });
});

describe('request shape', () => {
  test('reports every problem at once, at its path, without echoing values', () => {
    const err = catchError(() =>
      secretGeneric({
        nam: 'x',
        fromLiteral: 'a=b',
        fromFile: [{ filename: 'f', contentBase64: 'YQ' }],
        appendHash: 'yes',
      }),
    );
    expect(err.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'FIELD_NOT_SUPPORTED nam',
      'FIELD_REQUIRED name',
      'FIELD_INVALID fromLiteral',
      'FIELD_INVALID fromFile[0].contentBase64',
      'FIELD_INVALID appendHash',
    ]);
    expect(err.problems[0].message).toContain('Did you mean "name"?');
    expect(err.problems[3].message).toBe('illegal base64 data at input byte 0');
    expect(JSON.stringify(err.problems)).not.toContain('a=b');
  });
});

describe('decodeSecret', () => {
  test('decodes each value and says base64 is not encryption', () => {
    const got = decodeSecret(
      deepFreeze({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db' },
        data: { password: 'dDBwLVNlY3JldCE=', bin: '//0=' },
      }),
    );
    expect(got.data).toEqual([
      { key: 'bin', base64: '//0=', bytes: 2 },
      { key: 'password', base64: 'dDBwLVNlY3JldCE=', bytes: 11, text: 't0p-Secret!' },
    ]);
    expect(got.type).toBe('Opaque');
    expect(got.explanation.steps[0].text.en).toContain('not encryption');
  });
  test('reads YAML and refuses plain text under data with Go’s message', () => {
    const err = catchError(() =>
      decodeSecret('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  user: admin\n'),
    );
    expect(err.problems).toEqual([
      { code: 'FIELD_INVALID', path: 'data["user"]', message: 'illegal base64 data at input byte 4' },
    ]);
  });
  test('a List of Secrets: each decoded under items, the first also at the top, a bad value named by its item', () => {
    const secret = (name: string, data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      data,
    });
    const got = decodeSecret(
      deepFreeze({
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: '' },
        items: [secret('a', { u: 'YQ==' }), secret('b', { v: 'Yg==' })],
      }),
    );
    expect(got.items?.map((i) => [i.name, i.data.map((d) => d.text)])).toEqual([
      ['a', ['a']],
      ['b', ['b']],
    ]);
    expect(got.name).toBe('a');
    const err = catchError(() =>
      decodeSecret({ apiVersion: 'v1', kind: 'List', items: [secret('a', {}), secret('b', { v: '!' })] }),
    );
    expect(err.problems.map((p) => p.path)).toEqual(['items[1].data["v"]']);
    expect(decodeSecret({ apiVersion: 'v1', kind: 'List', items: [secret('a', {})] }).items).toBeUndefined();
  });
  test('round-trips what secretGeneric built', () => {
    const built = secretGeneric({ name: 'x', fromLiteral: ['a=b', 'c=한글'] });
    expect(decodeSecret(built.secret).data.map((d) => d.text)).toEqual(['b', '한글']);
  });
});
