-- Fact provenance becomes the belief a fact corrects, kept per locale row (null: it corrects none).
-- The old flag carried no belief text to keep: the seed writes the beliefs from content/, and the
-- revisions of a concept edited through the API keep its old flag.
-- AlterTable
ALTER TABLE "Fact" DROP COLUMN "correctsNotes",
ADD COLUMN     "belief" TEXT;
