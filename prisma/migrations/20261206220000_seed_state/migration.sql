-- The content hash of the last complete seed, so a restart on unchanged content skips comparing it.
-- CreateTable
CREATE TABLE "SeedState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "contentHash" TEXT NOT NULL,
    "seededAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeedState_pkey" PRIMARY KEY ("id")
);
