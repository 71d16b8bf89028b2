-- Search index (lib/search). The two tables match the models SearchEntry and SearchIndexState in
-- schema.prisma; the GIN index is hand-written (Prisma's schema cannot express it). It indexes the same
-- pre-analyzed token columns as SQLite's FTS5 table, with the 'simple' configuration (no stemming, no
-- stop words: lib/search/analyze.ts already did all of that), one weight per column so that queries can
-- address columns (w = A, de = B, en = C, nk = D). lib/search/sql.ts repeats this exact expression.
-- Note for `prisma migrate diff`: Prisma may propose dropping "SearchEntry_fts_idx"; remove that line.

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "seminarId" TEXT,
    "annotationId" TEXT,
    "documentSlug" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "w" TEXT NOT NULL,
    "de" TEXT NOT NULL,
    "en" TEXT NOT NULL,
    "nk" TEXT NOT NULL,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchIndexState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "SearchIndexState_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SearchEntry_annotationId_idx" ON "SearchEntry"("annotationId");

-- CreateIndex
CREATE INDEX "SearchEntry_documentSlug_idx" ON "SearchEntry"("documentSlug");

-- Full-text index
CREATE INDEX "SearchEntry_fts_idx" ON "SearchEntry" USING GIN ((
    setweight(to_tsvector('simple'::regconfig, "w"), 'A') ||
    setweight(to_tsvector('simple'::regconfig, "de"), 'B') ||
    setweight(to_tsvector('simple'::regconfig, "en"), 'C') ||
    setweight(to_tsvector('simple'::regconfig, "nk"), 'D')
));
