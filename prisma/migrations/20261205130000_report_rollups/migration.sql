-- Report roll-ups (issue 16, point 4): the satisfaction report, the dashboards and the periodic
-- report read figures summed per Vietnam day and agency instead of scanning the calls.
--
-- Kept by triggers, in the statement (so the transaction) that changes a call or a survey answer,
-- whatever path wrote it (Prisma, the hot path's raw statements, a retried webhook): each trigger
-- takes away what the row counted for before and adds what it counts for now, so a write that
-- changes nothing the reports read (a retried webhook, a step of the IVR) changes no figure and a
-- repeat never counts twice. Deletes subtract nothing: calls deleted by retention stay in the
-- figures, which is what reports of past months must show.
--
-- agency_key is the call's agency, 0 for calls that reached none. Days are Vietnam days (UTC+7,
-- no daylight saving), like report periods. Simulated calls count nowhere.

-- CreateTable
CREATE TABLE "call_daily_figures" (
    "day" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "abandoned_in_queue" INTEGER NOT NULL DEFAULT 0,
    -- answered or ended: the service level's denominator (for calls that reached an agency)
    "settled" INTEGER NOT NULL DEFAULT 0,
    -- talk time of answered calls, and how many of them have one
    "talk_sum" BIGINT NOT NULL DEFAULT 0,
    "talked" INTEGER NOT NULL DEFAULT 0,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "very_satisfied" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "dissatisfied" INTEGER NOT NULL DEFAULT 0,
    "resolved_answers" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_daily_figures_pkey" PRIMARY KEY ("day", "agency_key")
);

-- The waits of answered calls as a histogram (exact values: the p90 and the service level are
-- computed from it exactly as from the calls), per day and, for long periods, per month.
-- CreateTable
CREATE TABLE "call_daily_waits" (
    "day" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "wait" DOUBLE PRECISION NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_daily_waits_pkey" PRIMARY KEY ("day", "agency_key", "wait")
);

-- CreateTable
CREATE TABLE "call_monthly_waits" (
    "month" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "wait" DOUBLE PRECISION NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_monthly_waits_pkey" PRIMARY KEY ("month", "agency_key", "wait")
);

-- Answered calls per staff member and day (the staff rows of the satisfaction report).
-- CreateTable
CREATE TABLE "call_daily_staff_figures" (
    "day" DATE NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "talk_sum" BIGINT NOT NULL DEFAULT 0,
    "talked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_daily_staff_figures_pkey" PRIMARY KEY ("day", "staff_id")
);

-- The call log: first page by termination over a date range; a caller's calls newest first.
-- DropIndex
DROP INDEX "calls_caller_idx";

-- CreateIndex
CREATE INDEX "calls_caller_started_at_idx" ON "calls"("caller", "started_at");

-- CreateIndex
CREATE INDEX "calls_termination_started_at_idx" ON "calls"("termination", "started_at");

-- The wait of a call as server/hotline/reports/wait.ts defines it.
CREATE FUNCTION "call_wait"(c "calls") RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN c.queue_seconds IS NULL AND c.ring_seconds IS NULL AND c.ring_started_at IS NULL THEN NULL
    ELSE COALESCE(c.queue_seconds, 0) + COALESCE(c.ring_seconds::float8,
      EXTRACT(EPOCH FROM c.answered_at - c.ring_started_at)::float8, 0) END)::float8
$$;

CREATE FUNCTION "call_day"(at TIMESTAMPTZ) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

-- Adds (sign 1) or takes away (sign -1) what one call counts for; with_survey: its answers too.
CREATE FUNCTION "call_figures_add"(c "calls", sign INTEGER, with_survey BOOLEAN) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d DATE;
  k INTEGER;
  w DOUBLE PRECISION;
  answered INTEGER;
  sat INTEGER;
  res INTEGER;
BEGIN
  IF c.simulated THEN
    RETURN;
  END IF;
  d := call_day(c.started_at);
  k := COALESCE(c.agency_id, 0);
  answered := (c.answered_at IS NOT NULL)::int;
  IF with_survey THEN
    SELECT max(value) FILTER (WHERE question = 'satisfaction'), max(value) FILTER (WHERE question = 'resolved')
      INTO sat, res FROM survey_answers WHERE call_id = c.id;
  END IF;
  INSERT INTO call_daily_figures AS f (day, agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked,
      answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (d, k, sign, sign * answered,
      sign * (c.queue_outcome IS NOT DISTINCT FROM 'abandoned')::int,
      sign * (c.answered_at IS NOT NULL OR c.ended_at IS NOT NULL)::int,
      sign * answered * COALESCE(c.talk_seconds, 0),
      sign * answered * (c.talk_seconds IS NOT NULL)::int,
      sign * (sat IS NOT NULL)::int, sign * (sat IS NOT DISTINCT FROM 1)::int, sign * (sat IS NOT DISTINCT FROM 2)::int,
      sign * (sat IS NOT DISTINCT FROM 3)::int, sign * (res IS NOT NULL)::int, sign * (res IS NOT DISTINCT FROM 1)::int)
    ON CONFLICT (day, agency_key) DO UPDATE SET
      calls = f.calls + EXCLUDED.calls,
      answered = f.answered + EXCLUDED.answered,
      abandoned_in_queue = f.abandoned_in_queue + EXCLUDED.abandoned_in_queue,
      settled = f.settled + EXCLUDED.settled,
      talk_sum = f.talk_sum + EXCLUDED.talk_sum,
      talked = f.talked + EXCLUDED.talked,
      answers = f.answers + EXCLUDED.answers,
      very_satisfied = f.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = f.satisfied + EXCLUDED.satisfied,
      dissatisfied = f.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = f.resolved_answers + EXCLUDED.resolved_answers,
      resolved = f.resolved + EXCLUDED.resolved;
  IF answered = 0 THEN
    RETURN;
  END IF;
  w := call_wait(c);
  IF w IS NOT NULL THEN
    INSERT INTO call_daily_waits AS h (day, agency_key, wait, calls) VALUES (d, k, w, sign)
      ON CONFLICT (day, agency_key, wait) DO UPDATE SET calls = h.calls + EXCLUDED.calls;
    INSERT INTO call_monthly_waits AS h (month, agency_key, wait, calls) VALUES (date_trunc('month', d)::date, k, w, sign)
      ON CONFLICT (month, agency_key, wait) DO UPDATE SET calls = h.calls + EXCLUDED.calls;
  END IF;
  IF c.staff_id IS NOT NULL THEN
    INSERT INTO call_daily_staff_figures AS s (day, staff_id, answered, talk_sum, talked)
      VALUES (d, c.staff_id, sign, sign * COALESCE(c.talk_seconds, 0), sign * (c.talk_seconds IS NOT NULL)::int)
      ON CONFLICT (day, staff_id) DO UPDATE SET
        answered = s.answered + EXCLUDED.answered, talk_sum = s.talk_sum + EXCLUDED.talk_sum, talked = s.talked + EXCLUDED.talked;
  END IF;
END;
$$;

CREATE FUNCTION "calls_figures_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved BOOLEAN;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Answers written in the same statement are counted by their own trigger.
    PERFORM call_figures_add(NEW, 1, false);
  ELSE
    -- Survey answers stay where they were counted unless the call changes day, agency or kind.
    moved := OLD.simulated IS DISTINCT FROM NEW.simulated OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
      OR call_day(OLD.started_at) IS DISTINCT FROM call_day(NEW.started_at);
    PERFORM call_figures_add(OLD, -1, moved);
    PERFORM call_figures_add(NEW, 1, moved);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "calls_figures_insert" AFTER INSERT ON "calls" FOR EACH ROW EXECUTE FUNCTION "calls_figures_trigger"();
-- Only updates of what the figures read: the IVR's steps (state, version) touch none of it.
CREATE TRIGGER "calls_figures_update" AFTER UPDATE ON "calls" FOR EACH ROW
  WHEN (OLD.simulated IS DISTINCT FROM NEW.simulated OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.staff_id IS DISTINCT FROM NEW.staff_id OR OLD.started_at IS DISTINCT FROM NEW.started_at
    OR OLD.answered_at IS DISTINCT FROM NEW.answered_at OR OLD.ended_at IS DISTINCT FROM NEW.ended_at
    OR OLD.ring_started_at IS DISTINCT FROM NEW.ring_started_at OR OLD.ring_seconds IS DISTINCT FROM NEW.ring_seconds
    OR OLD.queue_seconds IS DISTINCT FROM NEW.queue_seconds OR OLD.queue_outcome IS DISTINCT FROM NEW.queue_outcome
    OR OLD.talk_seconds IS DISTINCT FROM NEW.talk_seconds)
  EXECUTE FUNCTION "calls_figures_trigger"();

-- One survey answer counted (sign 1) or taken away (sign -1) at its call's day and agency.
CREATE FUNCTION "survey_figures_add"(answer "survey_answers", sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "calls";
  sat INTEGER;
  res INTEGER;
BEGIN
  SELECT * INTO c FROM calls WHERE id = answer.call_id;
  IF NOT FOUND OR c.simulated THEN
    RETURN;
  END IF;
  IF answer.question = 'satisfaction' THEN
    sat := answer.value;
  ELSIF answer.question = 'resolved' THEN
    res := answer.value;
  ELSE
    RETURN;
  END IF;
  INSERT INTO call_daily_figures AS f (day, agency_key, answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (call_day(c.started_at), COALESCE(c.agency_id, 0),
      sign * (sat IS NOT NULL)::int, sign * (sat IS NOT DISTINCT FROM 1)::int, sign * (sat IS NOT DISTINCT FROM 2)::int,
      sign * (sat IS NOT DISTINCT FROM 3)::int, sign * (res IS NOT NULL)::int, sign * (res IS NOT DISTINCT FROM 1)::int)
    ON CONFLICT (day, agency_key) DO UPDATE SET
      answers = f.answers + EXCLUDED.answers,
      very_satisfied = f.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = f.satisfied + EXCLUDED.satisfied,
      dissatisfied = f.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = f.resolved_answers + EXCLUDED.resolved_answers,
      resolved = f.resolved + EXCLUDED.resolved;
END;
$$;

CREATE FUNCTION "survey_figures_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM survey_figures_add(OLD, -1);
  END IF;
  PERFORM survey_figures_add(NEW, 1);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "survey_answers_figures_insert" AFTER INSERT ON "survey_answers" FOR EACH ROW EXECUTE FUNCTION "survey_figures_trigger"();
CREATE TRIGGER "survey_answers_figures_update" AFTER UPDATE ON "survey_answers" FOR EACH ROW
  WHEN (OLD.call_id IS DISTINCT FROM NEW.call_id OR OLD.question IS DISTINCT FROM NEW.question OR OLD.value IS DISTINCT FROM NEW.value)
  EXECUTE FUNCTION "survey_figures_trigger"();

-- Rebuilds every roll-up from the calls stored now (the backfill below; the report benchmark after
-- loading its calls with triggers off). Figures of calls already deleted are lost by a rebuild.
CREATE FUNCTION "call_figures_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE call_daily_figures, call_daily_waits, call_monthly_waits, call_daily_staff_figures;
  INSERT INTO call_daily_figures (day, agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked,
      answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    SELECT call_day(c.started_at), COALESCE(c.agency_id, 0),
      count(*), count(*) FILTER (WHERE c.answered_at IS NOT NULL),
      count(*) FILTER (WHERE c.queue_outcome = 'abandoned'),
      count(*) FILTER (WHERE c.answered_at IS NOT NULL OR c.ended_at IS NOT NULL),
      COALESCE(sum(c.talk_seconds) FILTER (WHERE c.answered_at IS NOT NULL), 0),
      count(c.talk_seconds) FILTER (WHERE c.answered_at IS NOT NULL),
      count(s.value), count(*) FILTER (WHERE s.value = 1), count(*) FILTER (WHERE s.value = 2), count(*) FILTER (WHERE s.value = 3),
      count(r.value), count(*) FILTER (WHERE r.value = 1)
    FROM calls c
    LEFT JOIN survey_answers s ON s.call_id = c.id AND s.question = 'satisfaction'
    LEFT JOIN survey_answers r ON r.call_id = c.id AND r.question = 'resolved'
    WHERE NOT c.simulated
    GROUP BY 1, 2;
  INSERT INTO call_daily_waits (day, agency_key, wait, calls)
    SELECT call_day(c.started_at), COALESCE(c.agency_id, 0), call_wait(c), count(*)
    FROM calls c WHERE NOT c.simulated AND c.answered_at IS NOT NULL AND call_wait(c) IS NOT NULL
    GROUP BY 1, 2, 3;
  INSERT INTO call_monthly_waits (month, agency_key, wait, calls)
    SELECT date_trunc('month', day)::date, agency_key, wait, sum(calls) FROM call_daily_waits GROUP BY 1, 2, 3;
  INSERT INTO call_daily_staff_figures (day, staff_id, answered, talk_sum, talked)
    SELECT call_day(c.started_at), c.staff_id, count(*), COALESCE(sum(c.talk_seconds), 0), count(c.talk_seconds)
    FROM calls c WHERE NOT c.simulated AND c.answered_at IS NOT NULL AND c.staff_id IS NOT NULL
    GROUP BY 1, 2;
END;
$$;

SELECT call_figures_rebuild();
