-- Note categories become a table administrators manage, and a note gets the question, the answer,
-- whether it was resolved, and a state: a draft saved while the staff member types, final once finished.
-- The fixed categories of the code become rows of kind "question"; notes keep referencing a category
-- by its code (now a foreign key), so existing notes keep their category unchanged.

-- CreateEnum
CREATE TYPE "NoteKind" AS ENUM ('question', 'feedback', 'proposal', 'complaint');

-- CreateEnum
CREATE TYPE "NoteState" AS ENUM ('draft', 'final');

-- CreateTable
CREATE TABLE "note_categories" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "NoteKind" NOT NULL DEFAULT 'question',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "note_categories_pkey" PRIMARY KEY ("id"),
    -- The API checks the same rule (server/contract/hotline/note-categories.ts); this holds for any writer.
    CONSTRAINT "note_categories_code_format" CHECK ("code" ~ '^[a-z0-9_]{1,50}$')
);

-- CreateIndex
CREATE UNIQUE INDEX "note_categories_code_key" ON "note_categories"("code");

-- The categories the code had (NOTE_CATEGORIES), then the other kinds of contact the hotline receives.
INSERT INTO "note_categories" ("code", "name_vi", "name_en", "kind", "sort_order", "updated_at") VALUES
    ('ho_tich', 'Hộ tịch', 'Civil status', 'question', 10, CURRENT_TIMESTAMP),
    ('cu_tru', 'Cư trú', 'Residence', 'question', 20, CURRENT_TIMESTAMP),
    ('dat_dai', 'Đất đai', 'Land', 'question', 30, CURRENT_TIMESTAMP),
    ('xay_dung', 'Xây dựng', 'Construction', 'question', 40, CURRENT_TIMESTAMP),
    ('dau_tu_kinh_doanh', 'Đầu tư, kinh doanh', 'Investment and business', 'question', 50, CURRENT_TIMESTAMP),
    ('lao_dong_chinh_sach', 'Lao động, chính sách', 'Labour and social policy', 'question', 60, CURRENT_TIMESTAMP),
    ('dich_vu_cong_truc_tuyen', 'Dịch vụ công trực tuyến', 'Online public services', 'question', 70, CURRENT_TIMESTAMP),
    ('khac', 'Khác', 'Other', 'question', 80, CURRENT_TIMESTAMP),
    ('phan_anh', 'Phản ánh', 'Feedback', 'feedback', 110, CURRENT_TIMESTAMP),
    ('kien_nghi', 'Kiến nghị', 'Proposal', 'proposal', 120, CURRENT_TIMESTAMP),
    ('khieu_nai', 'Khiếu nại', 'Complaint', 'complaint', 130, CURRENT_TIMESTAMP);

-- A note written with a code the list never had (none should exist: the API took only the fixed
-- list) keeps it, as an inactive category named by its code, rather than failing the migration.
INSERT INTO "note_categories" ("code", "name_vi", "name_en", "kind", "active", "sort_order", "updated_at")
SELECT DISTINCT n."category", n."category", n."category", 'question'::"NoteKind", false, 1000, CURRENT_TIMESTAMP
FROM "call_notes" n
WHERE n."category" NOT IN (SELECT "code" FROM "note_categories") AND n."category" ~ '^[a-z0-9_]{1,50}$';
UPDATE "call_notes" SET "category" = 'khac'
WHERE "category" NOT IN (SELECT "code" FROM "note_categories");

-- AlterTable: the summary was what the citizen asked and what was said; it becomes the question.
ALTER TABLE "call_notes" RENAME COLUMN "summary" TO "question";
ALTER TABLE "call_notes" ALTER COLUMN "question" SET DEFAULT '';
ALTER TABLE "call_notes" ALTER COLUMN "category" DROP NOT NULL;
ALTER TABLE "call_notes" ADD COLUMN "answer" TEXT NOT NULL DEFAULT '',
ADD COLUMN "resolved" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "state" "NoteState" NOT NULL DEFAULT 'final',
ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "call_notes" SET "updated_at" = "created_at";
ALTER TABLE "call_notes" ALTER COLUMN "updated_at" DROP DEFAULT;

-- A final note always says what it is about and what was asked; a draft may be half typed.
ALTER TABLE "call_notes" ADD CONSTRAINT "call_notes_final_complete"
    CHECK ("state" = 'draft' OR ("category" IS NOT NULL AND btrim("question") <> ''));

-- One draft per author and call: the form saves as the staff member types, always the same row.
CREATE UNIQUE INDEX "call_notes_one_draft_key" ON "call_notes"("call_id", "author_id") WHERE "state" = 'draft';

-- CreateIndex
CREATE INDEX "call_notes_category_idx" ON "call_notes"("category");

-- AddForeignKey
ALTER TABLE "call_notes" ADD CONSTRAINT "call_notes_category_fkey" FOREIGN KEY ("category") REFERENCES "note_categories"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
