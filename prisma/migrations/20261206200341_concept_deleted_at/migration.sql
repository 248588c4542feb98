-- deleteConcept hides a concept instead of deleting its rows (restoreConcept brings it back).
-- AlterTable
ALTER TABLE "Concept" ADD COLUMN     "deletedAt" TIMESTAMP(3);
