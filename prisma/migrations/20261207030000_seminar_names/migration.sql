-- CreateTable
CREATE TABLE "NameEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seminarId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "variants" TEXT NOT NULL,
    "years" TEXT NOT NULL DEFAULT '[]',
    "roles" TEXT NOT NULL DEFAULT '[]',
    "dedupeKey" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NameEntry_seminarId_fkey" FOREIGN KEY ("seminarId") REFERENCES "Seminar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "NameEntry_seminarId_dedupeKey_key" ON "NameEntry"("seminarId", "dedupeKey");
