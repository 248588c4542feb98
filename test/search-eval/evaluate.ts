// Scores a search index against the question set: hit@1, hit@3 and MRR, overall, per language and
// per question form, plus the questions it got wrong.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { SearchIndex, SearchMatch } from '../../src/knowledge/search';
import { ROOT } from '../../src/paths';

export const FORMS = [
  'korean-particles',
  'question',
  'keywords',
  'yaml-kubectl',
  'typo-spacing',
  'mixed',
  'symptom',
  'howto',
  'out-of-scope',
] as const;
export type Form = (typeof FORMS)[number];
export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

// An out-of-scope question expects no concept; every other question expects at least one.
const questionSchema = z
  .strictObject({
    q: z.string().trim().min(1),
    lang: z.enum(LANGS),
    form: z.enum(FORMS),
    expect: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
  })
  .refine((q) => (q.form === 'out-of-scope') === (q.expect.length === 0), {
    message: 'expect lists the answering concepts, and is empty exactly when form is out-of-scope',
    path: ['expect'],
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
  /** Share of the questions whose search said no concept covers them (match "none"). */
  none: number;
  n: number;
}

/** How out-of-scope questions were answered: the share of each match. */
export interface ScopeMetrics {
  strong: number;
  weak: number;
  none: number;
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
  match: SearchMatch;
  /** The best hit's relevance. */
  relevance: number;
}

export interface Evaluation {
  /** In-scope questions only. */
  overall: Metrics;
  byLang: Record<Lang, Metrics>;
  /** Per form; out-of-scope has no hits to score and is in `outOfScope`. */
  byForm: Record<Form, Metrics>;
  /** Per form and language, as the issue's goals are stated (symptom questions in both languages). */
  byFormLang: Record<Form, Record<Lang, Metrics>>;
  outOfScope: Record<Lang | 'all', ScopeMetrics>;
  /** In-scope questions whose first hit is not an acceptable answer or that got match "none". */
  misses: Miss[];
  /** Out-of-scope questions that got a strong match. */
  falseMatches: Miss[];
}

const RANK_DEPTH = 10;

/** Asks every question (in its own language) and scores where the first acceptable answer ranks. */
export function evaluate(index: SearchIndex, questions: readonly Question[]): Evaluation {
  const asked = questions.map((question) => {
    const result = index.search(question.q, { lang: question.lang, limit: RANK_DEPTH });
    const got = result.hits.map((h) => h.slug);
    const at = got.findIndex((slug) => question.expect.includes(slug));
    return {
      question,
      rank: at < 0 ? null : at + 1,
      got,
      match: result.match,
      relevance: result.hits[0]?.relevance ?? 0,
    };
  });
  const ranks = asked.filter((r) => r.question.form !== 'out-of-scope');
  const outside = asked.filter((r) => r.question.form === 'out-of-scope');
  const share = (subset: typeof asked, ok: (r: (typeof asked)[number]) => boolean) =>
    subset.length ? subset.filter(ok).length / subset.length : 0;
  const metrics = (subset: typeof ranks): Metrics => ({
    hit1: share(subset, (s) => s.rank === 1),
    hit3: share(subset, (s) => s.rank !== null && s.rank <= 3),
    mrr: subset.length ? subset.reduce((sum, s) => sum + (s.rank ? 1 / s.rank : 0), 0) / subset.length : 0,
    none: share(subset, (s) => s.match === 'none'),
    n: subset.length,
  });
  const scope = (subset: typeof outside): ScopeMetrics => ({
    strong: share(subset, (s) => s.match === 'strong'),
    weak: share(subset, (s) => s.match === 'weak'),
    none: share(subset, (s) => s.match === 'none'),
    n: subset.length,
  });
  const byLang = Object.fromEntries(
    LANGS.map((l) => [l, metrics(ranks.filter((r) => r.question.lang === l))]),
  ) as Record<Lang, Metrics>;
  const byForm = Object.fromEntries(
    FORMS.map((f) => [f, metrics(ranks.filter((r) => r.question.form === f))]),
  ) as Record<Form, Metrics>;
  const byFormLang = Object.fromEntries(
    FORMS.map((f) => [
      f,
      Object.fromEntries(
        LANGS.map((l) => [l, metrics(ranks.filter((r) => r.question.form === f && r.question.lang === l))]),
      ),
    ]),
  ) as Record<Form, Record<Lang, Metrics>>;
  const outOfScope = {
    all: scope(outside),
    ...Object.fromEntries(LANGS.map((l) => [l, scope(outside.filter((r) => r.question.lang === l))])),
  } as Record<Lang | 'all', ScopeMetrics>;
  const miss = ({ question, rank, got, match, relevance }: (typeof asked)[number]): Miss => ({
    q: question.q,
    lang: question.lang,
    form: question.form,
    expect: question.expect,
    got: got.slice(0, 5),
    rank,
    match,
    relevance,
  });
  return {
    overall: metrics(ranks),
    byLang,
    byForm,
    byFormLang,
    outOfScope,
    misses: ranks.filter((r) => r.rank !== 1 || r.match === 'none').map(miss),
    falseMatches: outside.filter((r) => r.match === 'strong').map(miss),
  };
}

/** The evaluation as plain-text tables (in-scope by language and form, out-of-scope by language), then the misses. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(8);
  const row = (name: string, m: Metrics) =>
    `${name.padEnd(22)}${String(m.n).padStart(5)}${pct(m.hit1)}${pct(m.hit3)}${m.mrr.toFixed(3).padStart(8)}${pct(m.none)}`;
  const scopeRow = (name: string, m: ScopeMetrics) =>
    `${name.padEnd(22)}${String(m.n).padStart(5)}${pct(m.strong)}${pct(m.weak)}${pct(m.none)}`;
  const lines = [
    `${'in scope'.padEnd(22)}${'n'.padStart(5)}${'hit@1'.padStart(8)}${'hit@3'.padStart(8)}${'MRR'.padStart(8)}${'none'.padStart(8)}`,
    row('overall', e.overall),
    ...LANGS.map((l) => row(`lang ${l}`, e.byLang[l])),
    ...FORMS.filter((f) => e.byForm[f].n).flatMap((f) => [
      row(`form ${f}`, e.byForm[f]),
      ...LANGS.filter((l) => e.byFormLang[f][l].n).map((l) => row(`  ${l}`, e.byFormLang[f][l])),
    ]),
    '',
    `${'out of scope'.padEnd(22)}${'n'.padStart(5)}${'strong'.padStart(8)}${'weak'.padStart(8)}${'none'.padStart(8)}`,
    scopeRow('all', e.outOfScope.all),
    ...LANGS.map((l) => scopeRow(`lang ${l}`, e.outOfScope[l])),
  ];
  const show = (title: string, list: Miss[]) => {
    if (!list.length) return;
    lines.push('', title);
    for (const m of list) {
      lines.push(
        `  [${m.lang} ${m.form}] ${m.q}`,
        `      want ${m.expect.join(' | ') || '(nothing)'}  rank ${m.rank ?? '-'}  match ${m.match} ${m.relevance.toFixed(2)}  got ${m.got.join(', ') || '(nothing)'}`,
      );
    }
  };
  show(`misses (${e.misses.length}): first acceptable answer not ranked first, or match "none"`, e.misses);
  show(`false matches (${e.falseMatches.length}): out-of-scope questions with a strong match`, e.falseMatches);
  return lines.join('\n');
}

/** Slugs the questions never expect: concepts the set does not test. */
export function untestedSlugs(questions: readonly Question[], slugs: readonly string[]): string[] {
  const expected = new Set(questions.flatMap((q) => q.expect));
  return slugs.filter((s) => !expected.has(s));
}
