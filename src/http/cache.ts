// Answers of read-only knowledge GETs, kept per snapshot: the snapshot changes only on a committed
// write (or a change notification), so an answer made from it stays right until the next one. A hit
// sends stored bytes — no capability call, no rendering, no serializing — with a strong ETag, answers
// If-None-Match with 304, and sends gzip or br when the client asks, compressed once per answer.
// An answer is kept under what it is made of (its canonical key: REST's format, language, link base
// and URL); the headers as a client sent them lead to it by a second, bounded map, so that a hit
// parses no header, and a client that spells its Accept anew each time gets the answer, and its
// compressed bytes, already made (issue: 500 distinct Accept values were 500 Brotli runs).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Encoding = 'identity' | 'gzip' | 'br';

/** One answer as sent, with its compressed forms once a client has asked for them. */
export interface CachedAnswer {
  body: Buffer;
  type: string;
  /** The capability's own headers (Content-Language, Link, …), sent with every copy. */
  headers: Record<string, string>;
  /** The strong validator of the identity bytes; each encoding's tag adds its name (RFC 9110 §8.8.3). */
  tag: string;
  /** Each coding's copy as sent, with its headers, made (and compressed) the first time a client asks
   * for it; a coding that does not shrink the answer sends its identity bytes. */
  copies: Partial<Record<Encoding, Copy>>;
}

/** One coding of an answer as sent: its bytes, the validators a 304 carries too, and the rest. */
interface Copy {
  body: Buffer;
  validators: Record<string, string>;
  headers: Record<string, string>;
}

// Bounds a snapshot's answers: the knowledge is tens of concepts in two languages and three formats,
// but the URL space is open (query strings), so the oldest answers make room for new ones.
// The headers' spellings are bounded apart: a client can make as many as it sends requests, each up
// to the header limit (16 KiB), and each leads only to an answer kept already.
export const CACHE_LIMITS = {
  entries: 2000,
  bytes: 32 * 1024 * 1024,
  spellings: 2000,
  spellingChars: 2 * 1024 * 1024,
} as const;

// Brotli's quality for an answer compressed as it is first asked for, on the event loop. At 9 (for
// files compressed once, at build time) a 31 KB list of concepts took 11.5 ms of CPU, at 5 0.7 ms, as
// gzip's 0.7 ms, for 0.5 % more bytes than at 9 and 4 % fewer than gzip's (docs/performance.md#answer-cache).
export const BROTLI_QUALITY = 5;

// Compressing a few hundred bytes saves less than the header costs.
const MIN_COMPRESS = 512;

export const CACHE_CONTROL = 'public, no-cache';
export const VARY = 'Accept, Accept-Encoding, Accept-Language';

/** Answers made from one snapshot, oldest first (a Map keeps insertion order). */
class SnapshotAnswers {
  private readonly answers = new Map<string, CachedAnswer>();
  private bytes = 0;
  /** Headers as sent (with the URL) → the key of the answer they lead to; oldest first. */
  private readonly spellings = new Map<string, string>();
  private spellingChars = 0;

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  /** The answer a spelling led to, while it is kept. */
  spelled(spelling: string): CachedAnswer | undefined {
    const key = this.spellings.get(spelling);
    return key === undefined ? undefined : this.answers.get(key);
  }

  spell(spelling: string, key: string): void {
    if (this.spellings.has(spelling)) return;
    this.spellings.set(spelling, key);
    this.spellingChars += spelling.length + key.length;
    for (const [oldest, to] of this.spellings) {
      if (this.spellings.size <= CACHE_LIMITS.spellings && this.spellingChars <= CACHE_LIMITS.spellingChars) break;
      this.spellings.delete(oldest);
      this.spellingChars -= oldest.length + to.length;
    }
  }

  set(key: string, answer: CachedAnswer): void {
    if (answer.body.length > CACHE_LIMITS.bytes) return;
    this.drop(key);
    this.answers.set(key, answer);
    this.bytes += answer.body.length;
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= CACHE_LIMITS.entries && this.bytes <= CACHE_LIMITS.bytes) break;
      this.drop(oldest);
    }
  }

  /** Counts compressed copies against the byte bound too. */
  grew(by: number): void {
    this.bytes += by;
  }

  private drop(key: string): void {
    const a = this.answers.get(key);
    if (!a) return;
    this.answers.delete(key);
    this.bytes -= a.body.length + packedLength(a, 'gzip') + packedLength(a, 'br');
  }

  get size(): number {
    return this.answers.size;
  }
}

/** Answer caches by the snapshot they were made from: a new snapshot starts empty, the old one is collected. */
export class AnswerCache {
  private readonly bySnapshot = new WeakMap<object, SnapshotAnswers>();

  private of(snapshot: object): SnapshotAnswers {
    let s = this.bySnapshot.get(snapshot);
    if (!s) this.bySnapshot.set(snapshot, (s = new SnapshotAnswers()));
    return s;
  }

  /** The answer kept under its key. */
  get(snapshot: object, key: string): CachedAnswer | undefined {
    return this.bySnapshot.get(snapshot)?.get(key);
  }

  /** The answer that this spelling of the request's headers led to before, while it is kept. */
  spelled(snapshot: object, spelling: string): CachedAnswer | undefined {
    return this.bySnapshot.get(snapshot)?.spelled(spelling);
  }

  /** Notes that this spelling leads to the answer kept (or to be kept) under `key`. */
  spell(snapshot: object, spelling: string, key: string): void {
    this.of(snapshot).spell(spelling, key);
  }

  /** Stores the answer's bytes under the key and returns it as stored. */
  put(snapshot: object, key: string, body: Buffer, type: string, headers: Record<string, string>): CachedAnswer {
    const answer: CachedAnswer = { body, type, headers, tag: tagOf(body), copies: {} };
    this.of(snapshot).set(key, answer);
    return answer;
  }

  /** How many answers the snapshot holds (for tests of the bounds). */
  size(snapshot: object): number {
    return this.bySnapshot.get(snapshot)?.size ?? 0;
  }

  /** Sends the answer: 304 when If-None-Match holds its tag, else its bytes in the best encoding asked for. */
  send(snapshot: object, answer: CachedAnswer, req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const encoding = encodingOf(req.headers['accept-encoding'], answer.body.length);
    const copy = (answer.copies[encoding] ??= this.copy(snapshot, answer, encoding));
    reply.headers(copy.validators);
    if (matches(req.headers['if-none-match'], copy.validators.etag)) return reply.code(304).send();
    return reply.headers(copy.headers).send(copy.body);
  }

  // The headers of a copy are the same for every request that gets it: built once, set with one call.
  private copy(snapshot: object, answer: CachedAnswer, encoding: Encoding): Copy {
    const body = encoding === 'identity' ? answer.body : packed(answer.body, encoding);
    const used = body === answer.body ? 'identity' : encoding;
    if (used !== 'identity') this.bySnapshot.get(snapshot)?.grew(body.length);
    const etag = used === 'identity' ? `"${answer.tag}"` : `"${answer.tag}-${used}"`;
    const headers: Record<string, string> = { ...answer.headers };
    if (used !== 'identity') headers['content-encoding'] = used;
    headers['content-type'] = answer.type;
    return { body, validators: { etag, 'cache-control': CACHE_CONTROL, vary: VARY }, headers };
  }
}

// Compressed once per answer (its copies are made once); an answer that does not shrink is sent as it is.
function packed(body: Buffer, encoding: 'gzip' | 'br'): Buffer {
  const out =
    encoding === 'br'
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : gzipSync(body, { level: 9 });
  return out.length < body.length ? out : body;
}

/** The bytes of an answer's compressed copy, counted against the cache's bound; 0 when it has none. */
function packedLength(a: CachedAnswer, encoding: 'gzip' | 'br'): number {
  const copy = a.copies[encoding];
  return copy && copy.body !== a.body ? copy.body.length : 0;
}

/** A strong validator of the bytes: changes when they do, and only then. */
function tagOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 27);
}

/** The encoding to send: br over gzip among those Accept-Encoding takes (weights respected), else identity. */
export function encodingOf(header: string | undefined, size: number): Encoding {
  if (!header || size < MIN_COMPRESS) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const w = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = w === undefined ? 1 : Number(w.slice(2));
    if (name) weights.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? 'identity';
}

/** If-None-Match holds the tag (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
