-- Search index (lib/search). Hand-written: Prisma's schema cannot express FTS5. The two tables match the
-- models SearchEntry and SearchIndexState in schema.prisma (generated with `prisma migrate diff`); the
-- FTS5 table and its triggers are extra. Note for `prisma migrate dev` / `migrate diff`: Prisma does not
-- know FTS5 and may propose dropping "SearchFts" and its shadow tables (SearchFts_data, _idx, _docsize,
-- _config) — remove those lines from a generated migration.

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "seminarId" TEXT,
    "annotationId" TEXT,
    "documentSlug" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "w" TEXT NOT NULL,
    "de" TEXT NOT NULL,
    "en" TEXT NOT NULL,
    "nk" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SearchIndexState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "SearchEntry_annotationId_idx" ON "SearchEntry"("annotationId");

-- CreateIndex
CREATE INDEX "SearchEntry_documentSlug_idx" ON "SearchEntry"("documentSlug");

-- Full-text index over the pre-analyzed token columns (external content: the text lives in SearchEntry
-- once). The tokens are already folded and stemmed [a-z0-9] words; unicode61 only splits on spaces here.
CREATE VIRTUAL TABLE "SearchFts" USING fts5(
    w, de, en, nk,
    content='SearchEntry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

-- Kept in step with SearchEntry inside the writing transaction: the index follows every write at once.
CREATE TRIGGER "SearchEntry_ai" AFTER INSERT ON "SearchEntry" BEGIN
    INSERT INTO "SearchFts"(rowid, w, de, en, nk) VALUES (new."id", new."w", new."de", new."en", new."nk");
END;
CREATE TRIGGER "SearchEntry_ad" AFTER DELETE ON "SearchEntry" BEGIN
    INSERT INTO "SearchFts"("SearchFts", rowid, w, de, en, nk) VALUES ('delete', old."id", old."w", old."de", old."en", old."nk");
END;
CREATE TRIGGER "SearchEntry_au" AFTER UPDATE ON "SearchEntry" BEGIN
    INSERT INTO "SearchFts"("SearchFts", rowid, w, de, en, nk) VALUES ('delete', old."id", old."w", old."de", old."en", old."nk");
    INSERT INTO "SearchFts"(rowid, w, de, en, nk) VALUES (new."id", new."w", new."de", new."en", new."nk");
END;
