-- The W3C Web Annotation `canonical` IRI a client gave an annotation (see Annotation.canonical).
-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN "canonical" TEXT;
