-- The knowledge base (issue 13): answers staff read aloud over the phone, searched from the desk and
-- the case form, and a public read-only page of the published ones.

-- CreateEnum
CREATE TYPE "KnowledgeStatus" AS ENUM ('draft', 'published');

-- CreateTable
CREATE TABLE "knowledge_articles" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "topic" TEXT,
    "procedure_code" TEXT,
    "procedure_name" TEXT,
    "agency_id" INTEGER NOT NULL,
    "links" JSONB NOT NULL DEFAULT '[]',
    "review_on" DATE,
    "status" "KnowledgeStatus" NOT NULL DEFAULT 'draft',
    "use_count" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "updated_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "knowledge_articles_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "knowledge_articles_links_check" CHECK (jsonb_typeof("links") = 'array')
);

-- Full-text search on the text without accents (tthc_search_key, the same folding as the search
-- boxes), with the 'simple' configuration: no Vietnamese stemmer exists, and words of one syllable
-- must stay as typed. The title weighs most, then the procedure, then the answer, so ts_rank puts a
-- title match first. Generated, so every write keeps it right; never read (Prisma does not map it).
ALTER TABLE "knowledge_articles" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, tthc_search_key("title")), 'A') ||
    setweight(to_tsvector('simple'::regconfig, tthc_search_key(coalesce("procedure_code", '') || ' ' || coalesce("procedure_name", ''))), 'B') ||
    setweight(to_tsvector('simple'::regconfig, tthc_search_key("answer")), 'C')
  ) STORED;

-- The same text as one folded string, for the prefix search of a partial word ("khai si").
ALTER TABLE "knowledge_articles" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("title" || chr(31) || coalesce("procedure_code", '') || chr(31) || coalesce("procedure_name", '') || chr(31) || "answer")) STORED;

-- CreateTable
CREATE TABLE "knowledge_article_uses" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "call_id" INTEGER,
    "case_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_article_uses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "knowledge_articles_search_vector_idx" ON "knowledge_articles" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "knowledge_articles_search_key_idx" ON "knowledge_articles" USING GIN ("search_key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "knowledge_articles_agency_id_idx" ON "knowledge_articles"("agency_id");

-- CreateIndex
CREATE INDEX "knowledge_articles_status_use_count_idx" ON "knowledge_articles"("status", "use_count");

-- CreateIndex
CREATE INDEX "knowledge_article_uses_article_id_created_at_idx" ON "knowledge_article_uses"("article_id", "created_at");

-- CreateIndex
CREATE INDEX "knowledge_article_uses_call_id_idx" ON "knowledge_article_uses"("call_id");

-- CreateIndex
CREATE INDEX "knowledge_article_uses_case_id_idx" ON "knowledge_article_uses"("case_id");

-- AddForeignKey
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;
