-- Teaching: per-document post-first, notification actor/digest count (written by hand: the same change
-- as the SQLite migration; `migrate diff` needs a running server here).

-- AlterTable
ALTER TABLE "SeminarDocument" ADD COLUMN "postFirst" INTEGER;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "actorId" TEXT,
ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
