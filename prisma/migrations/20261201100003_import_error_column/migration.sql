-- The import report names the file's column a refused or noted value came from, so the console's
-- table and the downloaded report can say "Ngày đồng ý: 31/02/2026 — ngày không có thật".
ALTER TABLE "contact_import_errors" ADD COLUMN "column_name" TEXT;
