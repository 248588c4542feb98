// "Did you mean": the known slugs closest to an unknown one, for NOT_FOUND answers.
import { editDistance } from '../util/distance';

/** Up to `max` candidates that contain the name, share its words, or are a few edits away, nearest first. */
export function nearest(name: string, candidates: readonly string[], max = 3): string[] {
  const want = name.toLowerCase();
  const words = want.split(/[^a-z0-9]+/).filter((w) => w.length > 2);
  return candidates
    .map((c) => {
      const d = editDistance(want, c);
      const shared = words.filter((w) => c.includes(w)).length;
      // A typo (few edits) beats containment: "headles-service" → headless-service before service.
      const score = Math.min(
        d <= Math.max(2, want.length / 3) ? d : Infinity,
        c.includes(want) || want.includes(c) ? 3 : Infinity,
        shared ? 10 - shared : Infinity,
      );
      return { c, score };
    })
    .filter((x) => x.score < Infinity)
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
