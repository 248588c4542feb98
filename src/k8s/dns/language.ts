// An answer in one language. The kernel words every explanation in English and Korean (a record's
// rule, an answer's summary and steps, resolv.conf notes); a reader asks for one language, and gets
// each of those as a plain sentence, so the answer's shape is the same in both.
import type { Text } from '../explanation';
import type { ResolveResult, TriedName } from './resolve';
import type { DnsAnswer, DnsRecord } from './types';

/** A language the explanations are written in. */
export type Language = keyof Text;

/** A record with its rule in one language. */
export type RecordIn = Omit<DnsRecord, 'rule'> & { rule: string };

/** An explanation in one language. */
export interface ExplanationIn {
  summary: string;
  steps: string[];
}

/** An answer in one language. */
export type AnswerIn = Omit<DnsAnswer, 'answer' | 'additional' | 'authority' | 'explanation'> & {
  answer: RecordIn[];
  additional: RecordIn[];
  authority: RecordIn[];
  explanation: ExplanationIn;
};

/** A resolution in one language. */
export type ResolutionIn = Omit<ResolveResult, 'resolvConf' | 'tried' | 'answer' | 'explanation'> & {
  resolvConf: Omit<ResolveResult['resolvConf'], 'notes'> & { notes: string[] };
  tried: (Omit<TriedName, 'note'> & { note?: string })[];
  answer: AnswerIn | null;
  explanation: ExplanationIn;
};

/** The record, its rule in `lang`. */
export const recordIn = (r: DnsRecord, lang: Language): RecordIn => ({ ...r, rule: r.rule[lang] });

const explanationIn = (e: DnsAnswer['explanation'], lang: Language): ExplanationIn => ({
  summary: e.summary[lang],
  steps: e.steps.map((s) => s[lang]),
});

/** The answer, its records' rules and its explanation in `lang`. */
export function answerIn<A extends DnsAnswer>(a: A, lang: Language): Omit<A, keyof AnswerIn> & AnswerIn {
  const records = (list: DnsRecord[]) => list.map((r) => recordIn(r, lang));
  return {
    ...a,
    answer: records(a.answer),
    additional: records(a.additional),
    authority: records(a.authority),
    explanation: explanationIn(a.explanation, lang),
  };
}

/** The resolution, its notes, answer and explanation in `lang`. */
export function resolutionIn<R extends ResolveResult>(
  r: R,
  lang: Language,
): Omit<R, keyof ResolutionIn> & ResolutionIn {
  return {
    ...r,
    resolvConf: { ...r.resolvConf, notes: r.resolvConf.notes.map((n) => n[lang]) },
    tried: r.tried.map(({ note, ...t }) => (note ? { ...t, note: note[lang] } : t)),
    answer: r.answer && answerIn(r.answer, lang),
    explanation: explanationIn(r.explanation, lang),
  };
}
