-- Upload previews waiting to be published, in the database so any app instance can publish them
-- (see UploadDraft in schema.prisma). Generated with `prisma migrate diff`.
-- CreateTable
CREATE TABLE "UploadDraft" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "seminarId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "document" BLOB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "UploadDraft_expiresAt_idx" ON "UploadDraft"("expiresAt");

-- CreateIndex
CREATE INDEX "UploadDraft_slug_idx" ON "UploadDraft"("slug");
