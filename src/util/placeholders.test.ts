import fc from 'fast-check';
import { codePlaceholders } from './placeholders';

test.each([
  [
    'gets an A record <hostname>.<service>.<ns>.svc.<zone>.',
    'gets an A record `<hostname>.<service>.<ns>.svc.<zone>`.',
  ],
  ['as in <service>.<namespace>.', 'as in `<service>.<namespace>`.'],
  [
    '그 파드는 <파드 이름>.<서비스>.<네임스페이스>.svc.<zone>을 얻는다',
    '그 파드는 `<파드 이름>.<서비스>.<네임스페이스>.svc.<zone>`을 얻는다',
  ],
  [
    'an SRV record _<port>._<proto>.<service>.<ns>.svc.<zone>; unnamed',
    'an SRV record `_<port>._<proto>.<service>.<ns>.svc.<zone>`; unnamed',
  ],
  ['<a>-<b>-<c>-<d>.<ns>.pod.<zone> A records', '`<a>-<b>-<c>-<d>.<ns>.pod.<zone>` A records'],
  ['already `<service>.<ns>` in code', 'already `<service>.<ns>` in code'],
  ['no placeholder: 1 < 2 and 3 > 2', 'no placeholder: 1 < 2 and 3 > 2'],
  ['plain text', 'plain text'],
])('%s', (text, marked) => expect(codePlaceholders(text)).toBe(marked));

test('only backticks are added, and a text without a placeholder is unchanged', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('<', '>', 'a', '.', ' ', '`', '-', '파', '\n') }), (text) => {
      const marked = codePlaceholders(text);
      expect(marked.replace(/`/g, '')).toBe(text.replace(/`/g, ''));
      if (!/<[^\s<>`]/.test(text)) expect(marked).toBe(text);
    }),
  );
});
