-- AlterTable
ALTER TABLE "Concept" ADD COLUMN     "diagnosedBy" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "ConceptText" ADD COLUMN     "symptoms" TEXT[] DEFAULT ARRAY[]::TEXT[];
