// The language of an answer, decided once for every capability and transport: the `lang` asked for;
// else the reader's language when the transport knows it (Accept-Language); else, for a question,
// the question's own language (Hangul → Korean); else English.
import { questionLanguage } from '../knowledge/search/analyze';
import { isLocale, type Locale } from '../knowledge/types';
import type { CapabilityContext } from './capability';
import { lowerAscii } from './fields';

/** The language to answer in. */
export function languageOf(
  lang: Locale | undefined,
  ctx: Pick<CapabilityContext, 'acceptLanguage'>,
  question?: string,
): Locale {
  return lang ?? ctx.acceptLanguage ?? (question === undefined ? 'en' : questionLanguage(question));
}

/** A `lang` as given, with a locale named in any ASCII case read as that locale (`KO` is `ko`, as REST's
 * `?lang=KO` is); anything else is left for the schema to refuse. */
export const localeInAnyCase = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const lower = lowerAscii(value);
  return isLocale(lower) ? lower : value;
};
