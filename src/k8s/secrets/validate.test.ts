// What the API server refuses in a Secret, case by case, as ValidateSecret decides it
// (kubernetes/kubernetes pkg/apis/core/validation/validation.go; core.MaxSecretSize in pkg/apis/core/types.go).
// A Secret it refuses is never stored: decodeSecret refuses to read it back, and `kubectl apply` in the
// cluster dry-run shows the API server's refusal. Before this, both took any Secret whose values decoded.
import type { Problem } from '../../errors';
import { KubeknowError } from '../../errors';
import { clusterApply } from '../cluster/apply';
import { deepFreeze } from '../testing/builders';
import { decodeSecret, MAX_SECRET_SIZE, secretProblems } from '.';

type Raw = Record<string, unknown>;
const secret = (type: string | undefined, data: Raw, more: Raw = {}): Raw => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'default' },
  ...(type ? { type } : {}),
  data,
  ...more,
});
const b64 = (s: string) => Buffer.from(s).toString('base64');
const required = (path: string): Problem => ({ code: 'FIELD_REQUIRED', path, message: 'Required value' });

const cases: { name: string; secret: Raw; want: Problem[] }[] = [
  { name: 'an Opaque Secret needs no key', secret: secret(undefined, {}), want: [] },
  {
    name: 'kubernetes.io/tls needs tls.crt and tls.key (whether the key matches is not checked)',
    secret: secret('kubernetes.io/tls', { 'tls.crt': b64('a') }),
    want: [required('data["tls.key"]')],
  },
  {
    name: 'kubernetes.io/tls is satisfied by stringData, which the conversion merges into data first',
    secret: secret('kubernetes.io/tls', {}, { stringData: { 'tls.crt': 'a', 'tls.key': 'b' } }),
    want: [],
  },
  {
    name: 'kubernetes.io/dockerconfigjson needs .dockerconfigjson',
    secret: secret('kubernetes.io/dockerconfigjson', { config: b64('{}') }),
    want: [required('data[".dockerconfigjson"]')],
  },
  {
    name: 'a .dockerconfigjson that is not a JSON object is refused, its value redacted',
    secret: secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64('[]') }),
    want: [
      {
        code: 'FIELD_INVALID',
        path: 'data[".dockerconfigjson"]',
        message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
        value: '<secret contents redacted>',
      },
    ],
  },
  {
    name: 'kubernetes.io/dockercfg needs .dockercfg, as JSON',
    secret: secret('kubernetes.io/dockercfg', { '.dockercfg': b64('{"a":') }),
    want: [
      {
        code: 'FIELD_INVALID',
        path: 'data[".dockercfg"]',
        message: 'unexpected end of JSON input',
        value: '<secret contents redacted>',
      },
    ],
  },
  {
    name: 'kubernetes.io/basic-auth needs username or password; either may be empty',
    secret: secret('kubernetes.io/basic-auth', { user: b64('a') }),
    want: [required('data["username"]'), required('data["password"]')],
  },
  {
    name: 'kubernetes.io/basic-auth with an empty password',
    secret: secret('kubernetes.io/basic-auth', { password: '' }),
    want: [],
  },
  {
    name: 'kubernetes.io/ssh-auth needs a non-empty ssh-privatekey',
    secret: secret('kubernetes.io/ssh-auth', { 'ssh-privatekey': '' }),
    want: [required('data["ssh-privatekey"]')],
  },
  {
    name: 'kubernetes.io/service-account-token needs the service account name annotation',
    secret: secret('kubernetes.io/service-account-token', {}),
    want: [required('metadata.annotations["kubernetes.io/service-account.name"]')],
  },
  {
    // apimachinery's RegexError writes "', " after each example and " or " between them: two spaces.
    name: 'a key must be a config key',
    secret: secret(undefined, { 'a b': b64('x') }),
    want: [
      {
        code: 'FIELD_INVALID',
        path: 'data["a b"]',
        message:
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        value: 'a b',
      },
    ],
  },
  {
    name: 'the values together may hold 1 MiB, counted in decoded bytes',
    secret: secret(undefined, { a: Buffer.alloc(MAX_SECRET_SIZE - 1).toString('base64') }, { stringData: { b: 'x' } }),
    want: [],
  },
  {
    name: 'one byte more than 1 MiB is too long',
    secret: secret(undefined, { a: Buffer.alloc(MAX_SECRET_SIZE).toString('base64') }, { stringData: { b: 'x' } }),
    want: [{ code: 'FIELD_INVALID', path: 'data', message: 'Too long: may not be more than 1048576 bytes' }],
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(secretProblems(deepFreeze(c.secret))).toEqual(c.want);
  });

test('decodeSecret refuses a Secret the API server would never have stored', () => {
  let err: unknown;
  try {
    decodeSecret(deepFreeze(secret('kubernetes.io/tls', { 'tls.crt': b64('a') })));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(KubeknowError);
  expect((err as KubeknowError).problems).toEqual([required('data["tls.key"]')]);
});

test('kubectl apply shows the API server refusing an invalid Secret, and a bad base64 value in its decoder', () => {
  const got = clusterApply(
    deepFreeze([
      secret('kubernetes.io/tls', { 'tls.crt': b64('a') }),
      { ...secret(undefined, { k: '!!!' }), metadata: { name: 't', namespace: 'default' } },
    ]),
  );
  expect(got.rejected).toEqual([
    { object: 'Secret/default/s', message: 'Secret "s" is invalid: data["tls.key"]: Required value' },
    {
      object: 'Secret/default/t',
      message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0',
    },
  ]);
});
