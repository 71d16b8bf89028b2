-- DropIndex
DROP INDEX "Annotation_seminarId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Annotation_seminarId_createdAt_id_idx" ON "Annotation"("seminarId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Annotation_seminarId_motivation_createdAt_id_idx" ON "Annotation"("seminarId", "motivation", "createdAt", "id");
