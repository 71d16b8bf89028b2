-- The parsed uploaded document as JSON (see UploadedDocument.document).
ALTER TABLE "UploadedDocument" ADD COLUMN "document" TEXT;
