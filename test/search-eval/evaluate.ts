// Scores a search index against the question set: hit@1, hit@3 and MRR, overall, per language and
// per question form, plus the questions it got wrong.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { SearchIndex } from '../../src/knowledge/search';
import { ROOT } from '../../src/paths';

export const FORMS = [
  'korean-particles',
  'question',
  'keywords',
  'yaml-kubectl',
  'typo-spacing',
  'mixed',
  'symptom',
] as const;
export type Form = (typeof FORMS)[number];
export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const questionSchema = z.strictObject({
  q: z.string().trim().min(1),
  lang: z.enum(LANGS),
  form: z.enum(FORMS),
  expect: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).min(1),
});
export type Question = z.infer<typeof questionSchema>;

// From the project root, not __dirname: the compiled CLI runs from dist/, where tsc copies no YAML.
export const QUESTIONS_FILE = path.join(ROOT, 'test', 'search-eval', 'questions.yaml');

/** Reads and validates the question set; throws naming the first bad entry. */
export function loadQuestions(file = QUESTIONS_FILE): Question[] {
  const parsed = z.array(questionSchema).safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: [${issue.path.join('.')}] ${issue.message}`);
  }
  return parsed.data;
}

export interface Metrics {
  hit1: number;
  hit3: number;
  mrr: number;
  n: number;
}

export interface Miss {
  q: string;
  lang: Lang;
  form: Form;
  expect: string[];
  /** The slugs the index ranked first, best first. */
  got: string[];
  /** 1-based rank of the first acceptable answer, or null when it is not in the first RANK_DEPTH. */
  rank: number | null;
}

export interface Evaluation {
  overall: Metrics;
  byLang: Record<Lang, Metrics>;
  byForm: Record<Form, Metrics>;
  /** Questions whose first hit is not an acceptable answer. */
  misses: Miss[];
}

const RANK_DEPTH = 10;

/** Asks every question (in its own language) and scores where the first acceptable answer ranks. */
export function evaluate(index: SearchIndex, questions: readonly Question[]): Evaluation {
  const ranks: { question: Question; rank: number | null; got: string[] }[] = questions.map((question) => {
    const got = index.search(question.q, { lang: question.lang, limit: RANK_DEPTH }).hits.map((h) => h.slug);
    const at = got.findIndex((slug) => question.expect.includes(slug));
    return { question, rank: at < 0 ? null : at + 1, got };
  });
  const metrics = (subset: typeof ranks): Metrics => {
    const n = subset.length;
    const share = (ok: (r: number | null) => boolean) => (n ? subset.filter((s) => ok(s.rank)).length / n : 0);
    return {
      hit1: share((r) => r === 1),
      hit3: share((r) => r !== null && r <= 3),
      mrr: n ? subset.reduce((sum, s) => sum + (s.rank ? 1 / s.rank : 0), 0) / n : 0,
      n,
    };
  };
  const byLang = Object.fromEntries(
    LANGS.map((l) => [l, metrics(ranks.filter((r) => r.question.lang === l))]),
  ) as Record<Lang, Metrics>;
  const byForm = Object.fromEntries(
    FORMS.map((f) => [f, metrics(ranks.filter((r) => r.question.form === f))]),
  ) as Record<Form, Metrics>;
  const misses = ranks
    .filter((r) => r.rank !== 1)
    .map(({ question, rank, got }) => ({
      q: question.q,
      lang: question.lang,
      form: question.form,
      expect: question.expect,
      got: got.slice(0, 5),
      rank,
    }));
  return { overall: metrics(ranks), byLang, byForm, misses };
}

/** The evaluation as a plain-text table followed by the misses. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, m: Metrics) =>
    `${name.padEnd(18)}${String(m.n).padStart(5)}${pct(m.hit1)}${pct(m.hit3)}${m.mrr.toFixed(3).padStart(8)}`;
  const lines = [
    `${''.padEnd(18)}${'n'.padStart(5)}${'hit@1'.padStart(7)}${'hit@3'.padStart(7)}${'MRR'.padStart(8)}`,
    row('overall', e.overall),
    ...LANGS.map((l) => row(`lang ${l}`, e.byLang[l])),
    ...FORMS.filter((f) => e.byForm[f].n).map((f) => row(`form ${f}`, e.byForm[f])),
  ];
  if (e.misses.length) {
    lines.push('', `misses (${e.misses.length}): first acceptable answer not ranked first`);
    for (const m of e.misses) {
      lines.push(
        `  [${m.lang} ${m.form}] ${m.q}`,
        `      want ${m.expect.join(' | ')}  rank ${m.rank ?? '-'}  got ${m.got.join(', ') || '(nothing)'}`,
      );
    }
  }
  return lines.join('\n');
}

/** Slugs the questions never expect: concepts the set does not test. */
export function untestedSlugs(questions: readonly Question[], slugs: readonly string[]): string[] {
  const expected = new Set(questions.flatMap((q) => q.expect));
  return slugs.filter((s) => !expected.has(s));
}
