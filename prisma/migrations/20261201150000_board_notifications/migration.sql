-- The live board (issue 11 part 5) is pushed, not polled: a change that moves a board figure
-- (a staff member's presence, a queue entry, a call reaching an agency or ending, a callback request)
-- notifies the channel "board_changes" with the agency's id ('' for a call that reached none).
-- PostgreSQL delivers notifications at commit and merges identical ones of a transaction, so a
-- voice step costs at most one small message; the calls trigger fires only when a counted column
-- changes, not on every IVR step.

CREATE FUNCTION "board_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_agency TEXT := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN COALESCE(OLD."agency_id"::text, '') END;
  new_agency TEXT := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN COALESCE(NEW."agency_id"::text, '') END;
BEGIN
  IF new_agency IS NOT NULL THEN
    PERFORM pg_notify('board_changes', new_agency);
  END IF;
  IF old_agency IS NOT NULL AND old_agency IS DISTINCT FROM new_agency THEN
    PERFORM pg_notify('board_changes', old_agency);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "users_board_notify"
  AFTER INSERT OR DELETE OR UPDATE OF "presence", "presence_since", "away_reason", "agency_id", "active", "roles", "name" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "board_notify"();

CREATE TRIGGER "queue_entries_board_notify"
  AFTER INSERT OR UPDATE OR DELETE ON "queue_entries"
  FOR EACH ROW EXECUTE FUNCTION "board_notify"();

CREATE TRIGGER "calls_board_notify_insert"
  AFTER INSERT OR DELETE ON "calls"
  FOR EACH ROW EXECUTE FUNCTION "board_notify"();

CREATE TRIGGER "calls_board_notify_update"
  AFTER UPDATE OF "agency_id", "answered_at", "ended_at", "queue_outcome", "queue_seconds", "ring_seconds", "started_at" ON "calls"
  FOR EACH ROW
  WHEN (OLD."agency_id" IS DISTINCT FROM NEW."agency_id"
    OR OLD."answered_at" IS DISTINCT FROM NEW."answered_at"
    OR OLD."ended_at" IS DISTINCT FROM NEW."ended_at"
    OR OLD."queue_outcome" IS DISTINCT FROM NEW."queue_outcome"
    OR OLD."queue_seconds" IS DISTINCT FROM NEW."queue_seconds"
    OR OLD."ring_seconds" IS DISTINCT FROM NEW."ring_seconds"
    OR OLD."started_at" IS DISTINCT FROM NEW."started_at")
  EXECUTE FUNCTION "board_notify"();

CREATE TRIGGER "callback_requests_board_notify"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "due_at", "agency_id" ON "callback_requests"
  FOR EACH ROW EXECUTE FUNCTION "board_notify"();
