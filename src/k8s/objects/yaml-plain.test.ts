// The fast path takes plain manifests only; anything else must go the guarded way (yaml.ts).
import { KubeknowError } from '../../errors';
import { DEFAULT_MANIFEST_LIMITS } from './decode';
import { decodePlainYaml } from './yaml-plain';

const plain = (text: string) => decodePlainYaml(text, DEFAULT_MANIFEST_LIMITS);

test('a plain manifest, with several documents, is decoded here', () => {
  expect(plain('kind: Service\nmetadata: {name: web}\n---\nkind: Pod\nspec:\n  containers: [{name: app}]\n')).toEqual([
    { kind: 'Service', metadata: { name: 'web' } },
    { kind: 'Pod', spec: { containers: [{ name: 'app' }] } },
  ]);
});

test('quoted stars, globs and percentages stay plain', () => {
  expect(plain('verbs: ["*"]\nhost: "*.example.com"\nmaxSurge: 25%\nurl: http://a/b?c=d&e=f\n')).toEqual([
    { verbs: ['*'], host: '*.example.com', maxSurge: '25%', url: 'http://a/b?c=d&e=f' },
  ]);
});

const guarded: [string, string][] = [
  ['an anchor', 'a: &x 1\n'],
  ['an alias', 'a: *x\n'],
  ['an alias right after a flow colon', '{"a":*x}\n'],
  ['a tag', 'a: !!str 1\n'],
  ['an explicit key', '? a\n: b\n'],
  ['a directive', '%YAML 1.2\n---\na: yes\n'],
  ['a flow sequence as a key', '[a, b]: c\n'],
  ['a flow mapping as a key', '{a: b}: c\n'],
  ['a duplicate key, which js-yaml rejects', 'a: 1\na: 2\n'],
  ['a control character, which js-yaml rejects', 'a: "x"\u0001\n'],
];
for (const [what, text] of guarded) {
  test(`${what} goes the guarded way`, () => expect(plain(text)).toBeUndefined());
}

test('nesting past maxDepth is a 413 here too', () => {
  try {
    plain(`a: ${'['.repeat(500)}${']'.repeat(500)}\n`);
    throw new Error('expected a KubeknowError');
  } catch (e) {
    expect(e).toBeInstanceOf(KubeknowError);
    expect((e as KubeknowError).code).toBe('PAYLOAD_TOO_LARGE');
  }
});
