// Reads and validates content/: every problem names its file and entry, and all come at once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { KubeknowError, pathOf, type Problem } from '../../errors';
import { CONTENT_DIR, ROOT } from '../../paths';
import { conceptFile, referenceFile, type ConceptFile, type ReferenceEntry } from './schema';

export interface ContentSet {
  concepts: ConceptFile[];
  references: ReferenceEntry[];
  /** Per slug, a hash of its file entry: the seed compares it with what it loaded last time. */
  hashes: Map<string, string>;
  /** contentFingerprint of the files this set was read from. */
  fingerprint: string;
}

/** The hash of a content entry as the seed stores it, to tell later whether the entry changed. */
export const contentHash = (entry: unknown): string =>
  crypto.createHash('sha256').update(JSON.stringify(entry)).digest('hex');

const rel = (file: string) => path.relative(ROOT, file) || file;

function readYaml(file: string, problems: Problem[]): unknown {
  try {
    return YAML.parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: 0 });
  } catch (err) {
    problems.push({ code: 'CONTENT_INVALID', path: rel(file), message: `not valid YAML: ${(err as Error).message}` });
    return undefined;
  }
}

function parseWith<T extends z.ZodType>(
  schema: T,
  file: string,
  value: unknown,
  problems: Problem[],
): z.infer<T> | undefined {
  const out = schema.safeParse(value);
  if (out.success) return out.data;
  for (const issue of out.error.issues) {
    problems.push({ code: 'CONTENT_INVALID', path: `${rel(file)}:${pathOf(issue.path)}`, message: issue.message });
  }
  return undefined;
}

const yamlFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

// The code that turns the files' bytes into a ContentSet: this file and the schema (its trims and defaults).
const LOADER_CODE = [__filename, require.resolve('./schema')];

/**
 * A hash of content/'s files (their paths and bytes) and of the code that reads them: equal
 * fingerprints load equal content. It costs milliseconds, where reading the YAML costs most of a
 * second, so a restart on unchanged content skips reading it (src/server.ts).
 */
export function contentFingerprint(dir = CONTENT_DIR): string {
  const hash = crypto.createHash('sha256');
  for (const file of LOADER_CODE) hash.update(fs.readFileSync(file));
  for (const file of contentFiles(dir)) {
    const bytes = fs.readFileSync(file);
    hash.update(`${path.relative(dir, file)} ${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex');
}

const contentFiles = (dir: string) => [
  ...yamlFiles(path.join(dir, 'references')),
  ...yamlFiles(path.join(dir, 'concepts')),
];

/** Loads content/ (or another folder of the same shape); throws one KubeknowError listing every problem. */
export function loadContent(dir = CONTENT_DIR): ContentSet {
  // Taken before the files are read: were one changed meanwhile, the next start sees a new fingerprint.
  const fingerprint = contentFingerprint(dir);
  const problems: Problem[] = [];
  const references: ReferenceEntry[] = [];
  const refFile = new Map<string, string>();
  for (const file of yamlFiles(path.join(dir, 'references'))) {
    const entries = parseWith(referenceFile, file, readYaml(file, problems), problems) ?? [];
    entries.forEach((ref, i) => {
      const first = refFile.get(ref.id);
      if (first)
        problems.push({
          code: 'CONTENT_INVALID',
          path: `${rel(file)}:[${i}].id`,
          message: `duplicate reference id "${ref.id}" (first in ${first})`,
        });
      else {
        refFile.set(ref.id, rel(file));
        references.push(ref);
      }
    });
  }
  const concepts: ConceptFile[] = [];
  const hashes = new Map<string, string>();
  const files = new Map<string, string>();
  for (const file of yamlFiles(path.join(dir, 'concepts'))) {
    const concept = parseWith(conceptFile, file, readYaml(file, problems), problems);
    if (!concept) continue;
    if (path.basename(file).replace(/\.ya?ml$/, '') !== concept.slug) {
      problems.push({
        code: 'CONTENT_INVALID',
        path: `${rel(file)}:slug`,
        message: `must equal the file name (got "${concept.slug}")`,
      });
    }
    files.set(concept.slug, rel(file));
    concepts.push(concept);
    hashes.set(concept.slug, contentHash(concept));
  }
  for (const c of concepts) checkLinks(c, files.get(c.slug)!, files, refFile, problems);
  if (problems.length) throw new KubeknowError(problems);
  return { concepts, references, hashes, fingerprint };
}

function checkLinks(
  c: ConceptFile,
  file: string,
  concepts: Map<string, string>,
  refs: Map<string, string>,
  problems: Problem[],
): void {
  const add = (p: string, message: string) => problems.push({ code: 'CONTENT_INVALID', path: `${file}:${p}`, message });
  const seen = new Set<string>();
  c.facts.forEach((f, i) => {
    if (!refs.has(f.ref)) add(`facts[${i}].ref`, `unknown reference "${f.ref}"`);
    if (seen.has(f.key)) add(`facts[${i}].key`, `duplicate fact key "${f.key}"`);
    seen.add(f.key);
  });
  c.relations.forEach((r, i) => {
    if (!concepts.has(r.target)) add(`relations[${i}].target`, `unknown concept "${r.target}"`);
    if (r.target === c.slug) add(`relations[${i}].target`, 'a concept cannot relate to itself');
  });
  const examples = new Set<string>();
  c.examples.forEach((e, i) => {
    if (examples.has(e.key)) add(`examples[${i}].key`, `duplicate example key "${e.key}"`);
    examples.add(e.key);
  });
}
