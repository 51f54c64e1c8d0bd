-- The staff desk (issue 12): each staff member chooses where their calls ring. "phone" is the
-- registered phone with the whisper (the behaviour so far); "browser" is the console's softphone,
-- whose Twilio Client identity is derived from the user id ("staff-<id>"), so the free-text
-- client_identity column goes: an identity typed by hand could name another user's browser.
CREATE TYPE "AnswerOn" AS ENUM ('phone', 'browser');

ALTER TABLE "users" ADD COLUMN "answer_on" "AnswerOn" NOT NULL DEFAULT 'phone';

-- A staff member who had a softphone identity and no phone answered in a browser.
UPDATE "users" SET "answer_on" = 'browser' WHERE "client_identity" IS NOT NULL AND "phone" IS NULL;

ALTER TABLE "users" DROP COLUMN "client_identity";

-- The desk's screen-pop is pushed, not polled: a call whose staff being rung, answerer or end
-- or bridge changes notifies "desk_changes" with the call's id; each open desk stream re-reads its offers.
CREATE FUNCTION "desk_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('desk_changes', NEW."id"::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "calls_desk_notify"
  AFTER UPDATE OF "state", "answered_at", "bridge_ended_at", "ended_at", "staff_id" ON "calls"
  FOR EACH ROW
  WHEN (OLD."state"->'ivr'->'route'->'dialing' IS DISTINCT FROM NEW."state"->'ivr'->'route'->'dialing'
    OR OLD."answered_at" IS DISTINCT FROM NEW."answered_at"
    OR OLD."bridge_ended_at" IS DISTINCT FROM NEW."bridge_ended_at"
    OR OLD."ended_at" IS DISTINCT FROM NEW."ended_at"
    OR OLD."staff_id" IS DISTINCT FROM NEW."staff_id")
  EXECUTE FUNCTION "desk_notify"();
