-- CreateTable
CREATE TABLE "SuggestionWeight" (
    "seminarId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("seminarId", "feature")
);

-- CreateTable
CREATE TABLE "SuggestionLearningCursor" (
    "seminarId" TEXT NOT NULL PRIMARY KEY,
    "lastEventId" INTEGER NOT NULL
);
