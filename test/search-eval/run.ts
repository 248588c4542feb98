// `npm run eval:search`: builds the index from content/ and prints how well it answers the question
// set. With arguments, searches for each argument instead and prints the hits (for trying queries).
import { contentViews } from '../../src/knowledge/content/views';
import { loadContent } from '../../src/knowledge/content/load';
import { KubeknowError } from '../../src/errors';
import { buildSearchIndex } from '../../src/knowledge/search';
import { evaluate, formatEvaluation, loadQuestions, untestedSlugs } from './evaluate';

function main(args: string[]): void {
  const views = contentViews(loadContent());
  const started = process.hrtime.bigint();
  const index = buildSearchIndex(views);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (args.length) {
    for (const q of args) {
      const { total, hits } = index.search(q, { limit: 5 });
      console.log(`${q}  (${total} relevant)`);
      for (const h of hits) {
        const marked = markHighlights(h.snippet, h.highlights);
        console.log(`  ${h.score.toFixed(3)}  ${h.slug.padEnd(28)} ${h.matchedLang} ${h.field.padEnd(8)} ${marked}`);
      }
    }
    return;
  }
  const questions = loadQuestions();
  const t0 = process.hrtime.bigint();
  const result = evaluate(index, questions);
  const perQueryMs = Number(process.hrtime.bigint() - t0) / 1e6 / questions.length;
  console.log(
    `${views.length} concepts, index built in ${buildMs.toFixed(1)} ms, ${perQueryMs.toFixed(2)} ms per query\n`,
  );
  console.log(formatEvaluation(result));
  const untested = untestedSlugs(
    questions,
    views.map((v) => v.slug),
  );
  if (untested.length) console.log(`\nconcepts no question expects: ${untested.join(', ')}`);
}

const markHighlights = (text: string, spans: readonly [number, number][]) =>
  spans.reduceRight((s, [a, b]) => `${s.slice(0, a)}[${s.slice(a, b)}]${s.slice(b)}`, text);

// Run on load: this file is an entry point (scripts/run.js requires it), never imported.
try {
  main(process.argv.slice(2));
} catch (err) {
  // Content that does not load is reported the way the seed reports it: every problem, one a line.
  if (!(err instanceof KubeknowError)) throw err;
  for (const p of err.problems) console.error(`${p.path}: ${p.message}`);
  process.exitCode = 1;
}
