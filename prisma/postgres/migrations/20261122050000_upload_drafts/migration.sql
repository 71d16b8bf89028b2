-- Upload previews waiting to be published, in the database so any app instance can publish them
-- (written by hand: the same change as the SQLite migration; `migrate diff` needs a running server here).

-- CreateTable
CREATE TABLE "UploadDraft" (
    "token" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seminarId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "document" BYTEA NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UploadDraft_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE INDEX "UploadDraft_expiresAt_idx" ON "UploadDraft"("expiresAt");

-- CreateIndex
CREATE INDEX "UploadDraft_slug_idx" ON "UploadDraft"("slug");
