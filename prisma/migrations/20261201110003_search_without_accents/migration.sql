-- Search without accents: "nguyen" finds "Nguyễn", "duong" finds "Đường" (unaccent maps đ to d).
-- Each searchable table gets a generated column holding its searched fields folded the way
-- server/text/unaccent.ts searchKey() folds the query (no diacritics, lower case, runs of spaces as
-- one), fields joined by the unit separator, a character no search box types, so a query never spans two fields.
-- A trigram index serves the `LIKE '%…%'` a contains search becomes.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could be changed); a generated column needs IMMUTABLE.
-- Naming the dictionary and its schema pins it, the usual way to make this promise safely.
CREATE FUNCTION tthc_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1), '\s+', ' ', 'g'));

ALTER TABLE "agencies" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name" || chr(31) || "code")) STORED;
ALTER TABLE "users" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name" || chr(31) || "username" || chr(31) || coalesce("email", ''))) STORED;
ALTER TABLE "segments" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name")) STORED;
ALTER TABLE "contact_lists" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name")) STORED;
ALTER TABLE "sms_templates" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name" || chr(31) || "body")) STORED;
ALTER TABLE "sms_senders" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("brandname")) STORED;
ALTER TABLE "campaigns" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key("name")) STORED;
ALTER TABLE "contacts" ADD COLUMN "search_key" TEXT NOT NULL
  GENERATED ALWAYS AS (tthc_search_key(coalesce("name", ''))) STORED;

CREATE INDEX "agencies_search_key_idx" ON "agencies" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "users_search_key_idx" ON "users" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "segments_search_key_idx" ON "segments" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "contact_lists_search_key_idx" ON "contact_lists" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "sms_templates_search_key_idx" ON "sms_templates" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "sms_senders_search_key_idx" ON "sms_senders" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "campaigns_search_key_idx" ON "campaigns" USING gin ("search_key" gin_trgm_ops);
CREATE INDEX "contacts_search_key_idx" ON "contacts" USING gin ("search_key" gin_trgm_ops);
