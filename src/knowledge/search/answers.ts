// The answers of recent searches, for a question asked again (a popular question, a page reloaded,
// the same question over REST, GraphQL and MCP): a search costs most of a millisecond, looking its
// answer up a microsecond. An answer depends only on the index and the normalized arguments, so
// the index empties this whenever it changes; the least recently asked make room within the bounds.
//
// An answer is kept the second time its question is asked, not the first: the first time only the
// key is noted. Most questions are asked once, and each kept answer (its hits, snippets and
// highlights, 5–15 KB of small objects) outlived the young generation only to be dropped later, so
// every scavenge copied, then promoted, the last few dozen one-off answers: about 0.4 MB of the
// 0.9 MB a scavenge copied between distinct searches (docs/performance.md, "Round 9"). A question
// asked again costs one more search before its answer is kept.
import { jsonByteLength } from '../../util/json-size';

/** How many answers are kept, and their total size (as JSON, with their keys). */
export interface AnswerLimits {
  entries: number;
  bytes: number;
}
export const ANSWER_LIMITS: AnswerLimits = { entries: 1000, bytes: 4 * 1024 * 1024 };

/** Answers by key, least recently asked first (a Map keeps insertion order). */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { answer: T; bytes: number }>();
  private bytes = 0;
  /** Keys asked once whose answer is not kept yet, oldest first; as many as answers may be kept (a
   * search's key is at most the 400 characters it reads and a few more). */
  private readonly askedOnce = new Set<string>();

  constructor(private readonly limits: AnswerLimits = ANSWER_LIMITS) {}

  get(key: string): T | undefined {
    const kept = this.answers.get(key);
    if (!kept) return undefined;
    // Asked again: now the most recent.
    this.answers.delete(key);
    this.answers.set(key, kept);
    return kept.answer;
  }

  /**
   * Keeps an answer if its key was asked before (see above); every later caller gets this same
   * object, so it must not change.
   */
  set(key: string, answer: T): void {
    if (!this.answers.has(key) && !this.askedOnce.delete(key)) {
      this.askedOnce.add(key);
      if (this.askedOnce.size > this.limits.entries) this.askedOnce.delete(this.askedOnce.values().next().value!);
      return;
    }
    const bytes = jsonByteLength(answer, this.limits.bytes) + 2 * key.length;
    this.forget(key);
    if (bytes > this.limits.bytes) return;
    this.answers.set(key, { answer, bytes });
    this.bytes += bytes;
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.limits.entries && this.bytes <= this.limits.bytes) break;
      this.forget(oldest);
    }
  }

  /** Forgets every answer: the index they came from has changed. */
  clear(): void {
    this.answers.clear();
    this.askedOnce.clear();
    this.bytes = 0;
  }

  private forget(key: string): void {
    const kept = this.answers.get(key);
    if (!kept) return;
    this.answers.delete(key);
    this.bytes -= kept.bytes;
  }
}
