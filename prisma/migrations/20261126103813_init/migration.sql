-- CreateEnum
CREATE TYPE "ConceptKind" AS ENUM ('RESOURCE', 'RESOURCE_VARIANT', 'FIELD', 'MECHANISM', 'COMPONENT', 'TASK');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('IS_A', 'CREATES', 'REQUIRES', 'DEPENDS_ON', 'GATES', 'SUPERSEDES', 'SELECTS', 'GENERALIZES', 'CONTRASTS_WITH', 'COMPLEMENTS', 'CONFIGURES', 'PART_OF', 'RELATED_TO');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('AUTHORITATIVE', 'COMMUNITY', 'UNVERIFIED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "ReferenceKind" AS ENUM ('OFFICIAL_DOCS', 'SPECIFICATION', 'SOURCE_CODE', 'BLOG', 'ARTICLE', 'BOOK', 'TALK');

-- CreateTable
CREATE TABLE "Concept" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "ConceptKind" NOT NULL,
    "category" TEXT NOT NULL,
    "apiVersion" TEXT,
    "k8sKind" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "seedHash" TEXT,
    "editedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Concept_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConceptText" (
    "conceptId" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "aliases" TEXT[],
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "ConceptText_pkey" PRIMARY KEY ("conceptId","locale")
);

-- CreateTable
CREATE TABLE "Fact" (
    "id" SERIAL NOT NULL,
    "conceptId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "correctsNotes" BOOLEAN NOT NULL DEFAULT false,
    "referenceId" INTEGER NOT NULL,

    CONSTRAINT "Fact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Relation" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "type" "RelationType" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reference" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" "ReferenceKind" NOT NULL,
    "reliability" "Reliability" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "seedHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Example" (
    "id" SERIAL NOT NULL,
    "conceptId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "titleKo" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,

    CONSTRAINT "Example_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Concept_slug_key" ON "Concept"("slug");

-- CreateIndex
CREATE INDEX "Fact_referenceId_idx" ON "Fact"("referenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Fact_conceptId_key_locale_key" ON "Fact"("conceptId", "key", "locale");

-- CreateIndex
CREATE INDEX "Relation_targetId_idx" ON "Relation"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "Relation_sourceId_targetId_type_key" ON "Relation"("sourceId", "targetId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "Reference_key_key" ON "Reference"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Example_conceptId_key_key" ON "Example"("conceptId", "key");

-- CreateIndex
CREATE INDEX "Revision_subject_id_idx" ON "Revision"("subject", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- AddForeignKey
ALTER TABLE "ConceptText" ADD CONSTRAINT "ConceptText_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fact" ADD CONSTRAINT "Fact_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fact" ADD CONSTRAINT "Fact_referenceId_fkey" FOREIGN KEY ("referenceId") REFERENCES "Reference"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Example" ADD CONSTRAINT "Example_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;
