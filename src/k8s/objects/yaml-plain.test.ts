// The fast path takes plain manifests only; anything else must go the guarded way (yaml.ts).
import { KubeknowError } from '../../errors';
import { DEFAULT_MANIFEST_LIMITS } from './too-large';
import { loadAll } from 'js-yaml';
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
  ['an anchor right after ---', '---&x\n- a\n- *x\n'],
  ['a tag right after ---', '---!!int "12"\n'],
  ['content right after ---, which the two ways read differently', '---a: 1\n'],
  ['an alias used as a key after a flow collection spanning lines', 'k: [\n  ]*x : v\n'],
  ['a flow sequence as a key in a flow mapping', '{[a, b]}\n'],
  ['a directive after a tab', '\t%YAML 1.1\n---\na: 1\n'],
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

test('an anchor the patterns miss is refused while parsing, so no alias can resolve', () => {
  // Found by a review: after a quoted scalar spanning lines js-yaml reads `&x` as an anchor (here on
  // the key b). Such an anchor, aliased as a key, made a 1 MiB input run out of memory.
  const input = 'k: "a\n"&x b: c\n';
  expect(loadAll(input)).toEqual([{ k: 'a ', b: 'c' }]);
  expect(plain(input)).toBeUndefined();
});
