-- Teaching: per-document post-first, notification actor/digest count.
-- AlterTable
ALTER TABLE "SeminarDocument" ADD COLUMN "postFirst" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "seminarId" TEXT NOT NULL,
    "annotationId" TEXT,
    "documentSlug" TEXT,
    "actorId" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("annotationId", "createdAt", "documentSlug", "id", "readAt", "seminarId", "type", "userId") SELECT "annotationId", "createdAt", "documentSlug", "id", "readAt", "seminarId", "type", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

