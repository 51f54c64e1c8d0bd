-- A version for optimistic writes of call steps: every update of a call raises it, whoever writes,
-- so a step that read the call at version n writes only if it is still n (no lock held in between).
ALTER TABLE "calls" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "calls_raise_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER "calls_raise_version" BEFORE UPDATE ON "calls" FOR EACH ROW EXECUTE FUNCTION "calls_raise_version"();
