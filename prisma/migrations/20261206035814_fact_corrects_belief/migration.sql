-- A fact's provenance becomes the belief it corrects, per locale row (null: it corrects none).
-- The old flag carried no belief text to keep; the seed writes the beliefs from content/, and a
-- fact edited through the API keeps its flag's history in its concept's revisions.
-- AlterTable
ALTER TABLE "Fact" DROP COLUMN "correctsNotes",
ADD COLUMN     "belief" TEXT;
