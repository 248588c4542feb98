import type { CapabilityContext } from './capability';
import { languageOf } from './language';

const ctx = (acceptLanguage?: 'en' | 'ko') => ({ acceptLanguage }) as CapabilityContext;

const cases: { name: string; lang?: 'en' | 'ko'; reader?: 'en' | 'ko'; question?: string; want: 'en' | 'ko' }[] = [
  { name: 'the language asked for wins', lang: 'en', reader: 'ko', question: '헤드리스 서비스', want: 'en' },
  { name: "then the reader's language", reader: 'ko', question: 'headless service', want: 'ko' },
  { name: "then a question's Hangul", question: '헤드리스 서비스는 DNS에서 뭘 돌려줘?', want: 'ko' },
  { name: 'a question without Hangul is English', question: 'clusterIP: None', want: 'en' },
  { name: 'without a question, English', want: 'en' },
];

for (const c of cases)
  test(c.name, () => {
    expect(languageOf(c.lang, ctx(c.reader), c.question)).toBe(c.want);
  });
