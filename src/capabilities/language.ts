// The language of an answer, decided once for every capability and transport: the `lang` asked for;
// else the reader's language when the transport knows it (Accept-Language); else, for a question,
// the question's own language (Hangul → Korean); else English.
import { questionLanguage } from '../knowledge/search/analyze';
import type { Locale } from '../knowledge/types';
import type { CapabilityContext } from './capability';

/** The language to answer in. */
export function languageOf(
  lang: Locale | undefined,
  ctx: Pick<CapabilityContext, 'acceptLanguage'>,
  question?: string,
): Locale {
  return lang ?? ctx.acceptLanguage ?? (question === undefined ? 'en' : questionLanguage(question));
}
