// The search index's analysis kept in a file between starts (issue 16: a cold start under 1.5 s).
// Analysing the concepts (tokenising, stemming, Hangul splitting) was the largest piece of start-up's
// own work, 0.2–0.5 s of CPU, and gives the same result for the same text. So each concept's analysis
// is kept under a hash of exactly what it read (searchableConcept) and of the analyser's code, and a
// start analyses only the concepts whose hash the file does not hold.
//
// The snapshot itself is not kept: it is read from the database at every start, so what is served
// can never be older than the store, whoever wrote to it, and nothing needs a version of the store
// that every write would have to change. A kept analysis is only ever used for a concept whose text
// is, byte for byte, the text it was made from. MiniSearch's own tree is not kept either: loading it
// from its JSON costs about as much as inserting the analysed rows (build.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { analysedConcept, type AnalysedConcept, type SearchableConcept } from './documents';

// The analyser is this folder and the types it reads; a change to any of them (a rebuild with other
// code) changes every key, so an analysis made by other code is never used.
const ANALYSER_CODE = [
  ...fs
    .readdirSync(__dirname)
    .filter((f) => path.extname(f) === path.extname(__filename) && !f.includes('.test.'))
    .sort()
    .map((f) => path.join(__dirname, f)),
  require.resolve('../types'),
];
let codeHash: string | undefined;
const analyserHash = () => (codeHash ??= hashOf(ANALYSER_CODE.map((f) => fs.readFileSync(f))));

const hashOf = (parts: (string | Buffer)[]): string => {
  const hash = crypto.createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
};

/** The key of a concept's analysis: what the analyser reads of it, and the analyser's code. */
export const analysisKey = (c: SearchableConcept): string => hashOf([analyserHash(), JSON.stringify(c)]);

// The file: a SHA-256 of the rest (so a corrupt or truncated file is found out, not half-used), then
// the v8-serialized entries. FORMAT changes when the entries' shape does.
const FORMAT = 1;
const DIGEST_BYTES = 32;
type Entries = [key: string, analysed: AnalysedConcept][];

/** Where start-up's log lines go (a pino logger). */
export interface KeptLog {
  info(detail: object, message: string): void;
  warn(detail: object, message: string): void;
}

/**
 * The concepts analysed, taking each from the file where its key is there and analysing the rest;
 * then the file is rewritten to hold exactly these concepts' analyses, when it did not. A file that
 * cannot be read as one (corrupt, truncated, another format) is logged and replaced.
 */
export function keptAnalysis(file: string, concepts: readonly SearchableConcept[], log: KeptLog): AnalysedConcept[] {
  const problem = (message: string, err: unknown) => log.warn({ file, err: String(err) }, message);
  const kept = readKept(file, problem);
  const keys = concepts.map(analysisKey);
  let reused = 0;
  const analysed = concepts.map((c, i) => {
    const a = kept.get(keys[i]);
    if (a) reused++;
    return a ?? analysedConcept(c);
  });
  if (reused < concepts.length || kept.size !== concepts.length) {
    try {
      writeKept(
        file,
        keys.map((k, i) => [k, analysed[i]]),
      );
    } catch (err) {
      // Not keeping it costs the next start its analysis, nothing else.
      problem('could not keep the search analysis for the next start', err);
    }
  }
  // "ready", not "kept": on a new directory nothing was kept, and the counts say how much was.
  log.info({ reused, analysed: concepts.length - reused }, 'search analysis ready');
  return analysed;
}

function readKept(file: string, problem: (message: string, err: unknown) => void): Map<string, AnalysedConcept> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problem('could not read the kept search analysis', err);
    return new Map();
  }
  try {
    const body = bytes.subarray(DIGEST_BYTES);
    if (
      bytes.length <= DIGEST_BYTES ||
      !crypto.createHash('sha256').update(body).digest().equals(bytes.subarray(0, DIGEST_BYTES))
    )
      throw new Error('its checksum does not match (corrupt or truncated)');
    const value = v8.deserialize(body) as { format?: unknown; entries?: unknown };
    if (value?.format !== FORMAT || !Array.isArray(value.entries)) throw new Error('it is of another format');
    return new Map(value.entries as Entries);
  } catch (err) {
    problem('the kept search analysis is unusable and is made again', err);
    return new Map();
  }
}

// Written to a file of its own and renamed over the old one: a reader (another start, a crash
// half-way) sees the old file or the new one, never part of one.
function writeKept(file: string, entries: Entries): void {
  const body = v8.serialize({ format: FORMAT, entries });
  const digest = crypto.createHash('sha256').update(body).digest();
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([digest, body]), { mode: 0o600 });
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
