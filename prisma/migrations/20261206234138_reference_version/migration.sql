-- References get a version (optimistic concurrency: updateReference's expectedVersion, revertReference's
-- toVersion) and editedAt (the seed leaves a reference edited through the API alone, as it does a concept).
-- AlterTable
ALTER TABLE "Reference" ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- A reference's revisions were all version 0: number them in order (the first, its creation, is 1), and
-- give each reference the version of its last revision, so every revision can be reverted to.
UPDATE "Revision" AS r SET "version" = n.v
FROM (SELECT "id", row_number() OVER (PARTITION BY "subject" ORDER BY "id") AS v
      FROM "Revision" WHERE "subject" LIKE 'reference:%') AS n
WHERE r."id" = n."id";
UPDATE "Reference" AS ref SET "version" = GREATEST(1, (SELECT count(*) FROM "Revision" WHERE "subject" = 'reference:' || ref."key"));

-- A reference whose last revision is an API edit was edited since the last seed.
UPDATE "Reference" AS ref SET "editedAt" = last."createdAt"
FROM (SELECT DISTINCT ON ("subject") "subject", "action", "createdAt"
      FROM "Revision" WHERE "subject" LIKE 'reference:%' ORDER BY "subject", "id" DESC) AS last
WHERE last."subject" = 'reference:' || ref."key" AND last."action" NOT LIKE 'seed.%';
