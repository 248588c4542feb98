// Edits of examples. An example is part of its concept's document, so its edits are edits of the
// concept (edits.ts: an expected version, a revision, revertConcept undoes them), as facts are.
import type { PrismaClient } from '../generated/prisma/client';
import { fail, FieldPath, KubeknowError } from '../errors';
import { mayHavePrototypeKey, refusePrototypeKeys } from '../http/json-body';
import { decodeManifests, DEFAULT_MANIFEST_LIMITS, parseObjects } from '../k8s/objects';
import { editConcept, type Author } from './edits';
import { addExampleInput, parseInput, removeExampleInput, updateExampleInput } from './inputs';
import { applyPatch } from './patches';

/** Refuses a manifest the kernel cannot read, with its problems under `manifest` (the computed fields read it).
 * A prototype key is refused too: the computed fields refuse it (capabilities/manifests.ts), so a manifest
 * stored with one would fail them all, forever. */
function checkManifest(text: string): void {
  try {
    const values = decodeManifests(text, undefined, DEFAULT_MANIFEST_LIMITS);
    if (mayHavePrototypeKey(text)) refusePrototypeKeys(values, FieldPath.root('manifest'));
    parseObjects(values, 'manifest');
  } catch (err) {
    if (!(err instanceof KubeknowError)) throw err;
    throw new KubeknowError(
      err.problems.map((p) => ({
        code: 'BAD_USER_INPUT' as const,
        path: p.path.startsWith('manifest') ? p.path : 'manifest',
        message: p.message,
      })),
    );
  }
}

/** Adds an example (a manifest with a title in both locales) to a concept. */
export async function addExample(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(addExampleInput, raw);
  checkManifest(input.manifest);
  await editConcept(prisma, author, 'addExample', input.slug, input.expectedVersion, async (tx, conceptId, doc) => {
    if (doc.examples.some((e) => e.key === input.key))
      fail('CONFLICT', `concept "${input.slug}" already has an example "${input.key}"`, 'key');
    const { key, title, manifest } = input;
    await tx.example.create({ data: { conceptId, key, titleEn: title.en, titleKo: title.ko, manifest } });
  });
  return input.slug;
}

/** Changes an example's title or manifest: what is given changes, the rest keeps its value. */
export async function updateExample(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(updateExampleInput, raw);
  if (input.manifest !== undefined) checkManifest(input.manifest);
  await editConcept(prisma, author, 'updateExample', input.slug, input.expectedVersion, async (tx, conceptId, doc) => {
    const old = doc.examples.find((e) => e.key === input.key);
    if (!old) fail('NOT_FOUND', `concept "${input.slug}" has no example "${input.key}"`, 'key');
    const title = applyPatch(old.title, input.title ?? {}, {});
    const manifest = input.manifest ?? old.manifest;
    await tx.example.update({
      where: { conceptId_key: { conceptId, key: input.key } },
      data: { titleEn: title.en, titleKo: title.ko, manifest },
    });
  });
  return input.slug;
}

/** Removes an example from its concept. */
export async function removeExample(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(removeExampleInput, raw);
  await editConcept(prisma, author, 'removeExample', input.slug, input.expectedVersion, async (tx, conceptId) => {
    const gone = await tx.example.deleteMany({ where: { conceptId, key: input.key } });
    if (gone.count === 0) fail('NOT_FOUND', `concept "${input.slug}" has no example "${input.key}"`, 'key');
  });
  return input.slug;
}
