-- CreateTable
CREATE TABLE "SuggestionWeight" (
    "seminarId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionWeight_pkey" PRIMARY KEY ("seminarId","feature")
);

-- CreateTable
CREATE TABLE "SuggestionLearningCursor" (
    "seminarId" TEXT NOT NULL,
    "lastEventId" INTEGER NOT NULL,

    CONSTRAINT "SuggestionLearningCursor_pkey" PRIMARY KEY ("seminarId")
);
