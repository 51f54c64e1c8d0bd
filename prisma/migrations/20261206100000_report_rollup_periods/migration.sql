-- Report roll-ups by month and year, and the calls stored per day (issue 16, point 4).
--
-- A long period is read as a few signed ranges of roll-up rows (server/hotline/reports/period-parts.ts):
-- whole years, months and days, and where it reads fewer rows a whole month (year) with the days
-- (months) outside the period taken away. The histograms and sums are additive, so the parts add up
-- to exactly the period's figures. A year of waits then reads one yearly histogram instead of twelve
-- monthly ones, and a year of staff figures twelve rows a staff member instead of 365.
--
-- call_daily_counts is different: the calls stored NOW per Vietnam day, agency (0: none) and kind
-- (simulated or not), deletes included, so the call log's total for a period of whole days is a sum
-- of a few rows instead of a count over the calls' index.

-- CreateTable
CREATE TABLE "call_monthly_figures" (
    "month" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "abandoned_in_queue" INTEGER NOT NULL DEFAULT 0,
    "settled" INTEGER NOT NULL DEFAULT 0,
    "talk_sum" BIGINT NOT NULL DEFAULT 0,
    "talked" INTEGER NOT NULL DEFAULT 0,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "very_satisfied" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "dissatisfied" INTEGER NOT NULL DEFAULT 0,
    "resolved_answers" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_monthly_figures_pkey" PRIMARY KEY ("month", "agency_key")
);

-- CreateTable
CREATE TABLE "call_yearly_waits" (
    "year" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "wait" DOUBLE PRECISION NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_yearly_waits_pkey" PRIMARY KEY ("year", "agency_key", "wait")
);

-- CreateTable
CREATE TABLE "call_monthly_staff_figures" (
    "month" DATE NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "talk_sum" BIGINT NOT NULL DEFAULT 0,
    "talked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_monthly_staff_figures_pkey" PRIMARY KEY ("month", "staff_id")
);

-- CreateTable
CREATE TABLE "call_daily_counts" (
    "day" DATE NOT NULL,
    "agency_key" INTEGER NOT NULL,
    "simulated" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "call_daily_counts_pkey" PRIMARY KEY ("day", "agency_key", "simulated")
);

-- The roll-ups are read in small key ranges: starting parallel workers costs more than the read, and
-- on a busy machine the workers are scheduled late (a month's histogram took 90 ms waiting for two).
ALTER TABLE "call_daily_figures" SET (parallel_workers = 0);
ALTER TABLE "call_monthly_figures" SET (parallel_workers = 0);
ALTER TABLE "call_daily_waits" SET (parallel_workers = 0);
ALTER TABLE "call_monthly_waits" SET (parallel_workers = 0);
ALTER TABLE "call_yearly_waits" SET (parallel_workers = 0);
ALTER TABLE "call_daily_staff_figures" SET (parallel_workers = 0);
ALTER TABLE "call_monthly_staff_figures" SET (parallel_workers = 0);
ALTER TABLE "call_daily_counts" SET (parallel_workers = 0);

-- What one call counts for, now at the day, the month and the year as well (same arguments and
-- meaning as the function it replaces, migration 20261205130000_report_rollups).
CREATE OR REPLACE FUNCTION "call_figures_add"(c "calls", sign INTEGER, with_survey BOOLEAN) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d DATE;
  m DATE;
  k INTEGER;
  w DOUBLE PRECISION;
  answered INTEGER;
  sat INTEGER;
  res INTEGER;
  f "call_daily_figures";
BEGIN
  IF c.simulated THEN
    RETURN;
  END IF;
  d := call_day(c.started_at);
  m := date_trunc('month', d)::date;
  k := COALESCE(c.agency_id, 0);
  answered := (c.answered_at IS NOT NULL)::int;
  IF with_survey THEN
    SELECT max(value) FILTER (WHERE question = 'satisfaction'), max(value) FILTER (WHERE question = 'resolved')
      INTO sat, res FROM survey_answers WHERE call_id = c.id;
  END IF;
  f.calls := sign;
  f.answered := sign * answered;
  f.abandoned_in_queue := sign * (c.queue_outcome IS NOT DISTINCT FROM 'abandoned')::int;
  f.settled := sign * (c.answered_at IS NOT NULL OR c.ended_at IS NOT NULL)::int;
  f.talk_sum := sign * answered * COALESCE(c.talk_seconds, 0);
  f.talked := sign * answered * (c.talk_seconds IS NOT NULL)::int;
  f.answers := sign * (sat IS NOT NULL)::int;
  f.very_satisfied := sign * (sat IS NOT DISTINCT FROM 1)::int;
  f.satisfied := sign * (sat IS NOT DISTINCT FROM 2)::int;
  f.dissatisfied := sign * (sat IS NOT DISTINCT FROM 3)::int;
  f.resolved_answers := sign * (res IS NOT NULL)::int;
  f.resolved := sign * (res IS NOT DISTINCT FROM 1)::int;
  INSERT INTO call_daily_figures AS t (day, agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked,
      answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (d, k, f.calls, f.answered, f.abandoned_in_queue, f.settled, f.talk_sum, f.talked,
      f.answers, f.very_satisfied, f.satisfied, f.dissatisfied, f.resolved_answers, f.resolved)
    ON CONFLICT (day, agency_key) DO UPDATE SET
      calls = t.calls + EXCLUDED.calls,
      answered = t.answered + EXCLUDED.answered,
      abandoned_in_queue = t.abandoned_in_queue + EXCLUDED.abandoned_in_queue,
      settled = t.settled + EXCLUDED.settled,
      talk_sum = t.talk_sum + EXCLUDED.talk_sum,
      talked = t.talked + EXCLUDED.talked,
      answers = t.answers + EXCLUDED.answers,
      very_satisfied = t.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = t.satisfied + EXCLUDED.satisfied,
      dissatisfied = t.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = t.resolved_answers + EXCLUDED.resolved_answers,
      resolved = t.resolved + EXCLUDED.resolved;
  INSERT INTO call_monthly_figures AS t (month, agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked,
      answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (m, k, f.calls, f.answered, f.abandoned_in_queue, f.settled, f.talk_sum, f.talked,
      f.answers, f.very_satisfied, f.satisfied, f.dissatisfied, f.resolved_answers, f.resolved)
    ON CONFLICT (month, agency_key) DO UPDATE SET
      calls = t.calls + EXCLUDED.calls,
      answered = t.answered + EXCLUDED.answered,
      abandoned_in_queue = t.abandoned_in_queue + EXCLUDED.abandoned_in_queue,
      settled = t.settled + EXCLUDED.settled,
      talk_sum = t.talk_sum + EXCLUDED.talk_sum,
      talked = t.talked + EXCLUDED.talked,
      answers = t.answers + EXCLUDED.answers,
      very_satisfied = t.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = t.satisfied + EXCLUDED.satisfied,
      dissatisfied = t.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = t.resolved_answers + EXCLUDED.resolved_answers,
      resolved = t.resolved + EXCLUDED.resolved;
  IF answered = 0 THEN
    RETURN;
  END IF;
  w := call_wait(c);
  IF w IS NOT NULL THEN
    INSERT INTO call_daily_waits AS h (day, agency_key, wait, calls) VALUES (d, k, w, sign)
      ON CONFLICT (day, agency_key, wait) DO UPDATE SET calls = h.calls + EXCLUDED.calls;
    INSERT INTO call_monthly_waits AS h (month, agency_key, wait, calls) VALUES (m, k, w, sign)
      ON CONFLICT (month, agency_key, wait) DO UPDATE SET calls = h.calls + EXCLUDED.calls;
    INSERT INTO call_yearly_waits AS h (year, agency_key, wait, calls) VALUES (date_trunc('year', d)::date, k, w, sign)
      ON CONFLICT (year, agency_key, wait) DO UPDATE SET calls = h.calls + EXCLUDED.calls;
  END IF;
  IF c.staff_id IS NOT NULL THEN
    INSERT INTO call_daily_staff_figures AS s (day, staff_id, answered, talk_sum, talked)
      VALUES (d, c.staff_id, sign, sign * COALESCE(c.talk_seconds, 0), sign * (c.talk_seconds IS NOT NULL)::int)
      ON CONFLICT (day, staff_id) DO UPDATE SET
        answered = s.answered + EXCLUDED.answered, talk_sum = s.talk_sum + EXCLUDED.talk_sum, talked = s.talked + EXCLUDED.talked;
    INSERT INTO call_monthly_staff_figures AS s (month, staff_id, answered, talk_sum, talked)
      VALUES (m, c.staff_id, sign, sign * COALESCE(c.talk_seconds, 0), sign * (c.talk_seconds IS NOT NULL)::int)
      ON CONFLICT (month, staff_id) DO UPDATE SET
        answered = s.answered + EXCLUDED.answered, talk_sum = s.talk_sum + EXCLUDED.talk_sum, talked = s.talked + EXCLUDED.talked;
  END IF;
END;
$$;

-- One survey answer at its call's day and month.
CREATE OR REPLACE FUNCTION "survey_figures_add"(answer "survey_answers", sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "calls";
  sat INTEGER;
  res INTEGER;
  d DATE;
  k INTEGER;
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
  d := call_day(c.started_at);
  k := COALESCE(c.agency_id, 0);
  INSERT INTO call_daily_figures AS f (day, agency_key, answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (d, k,
      sign * (sat IS NOT NULL)::int, sign * (sat IS NOT DISTINCT FROM 1)::int, sign * (sat IS NOT DISTINCT FROM 2)::int,
      sign * (sat IS NOT DISTINCT FROM 3)::int, sign * (res IS NOT NULL)::int, sign * (res IS NOT DISTINCT FROM 1)::int)
    ON CONFLICT (day, agency_key) DO UPDATE SET
      answers = f.answers + EXCLUDED.answers,
      very_satisfied = f.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = f.satisfied + EXCLUDED.satisfied,
      dissatisfied = f.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = f.resolved_answers + EXCLUDED.resolved_answers,
      resolved = f.resolved + EXCLUDED.resolved;
  INSERT INTO call_monthly_figures AS f (month, agency_key, answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    VALUES (date_trunc('month', d)::date, k,
      sign * (sat IS NOT NULL)::int, sign * (sat IS NOT DISTINCT FROM 1)::int, sign * (sat IS NOT DISTINCT FROM 2)::int,
      sign * (sat IS NOT DISTINCT FROM 3)::int, sign * (res IS NOT NULL)::int, sign * (res IS NOT DISTINCT FROM 1)::int)
    ON CONFLICT (month, agency_key) DO UPDATE SET
      answers = f.answers + EXCLUDED.answers,
      very_satisfied = f.very_satisfied + EXCLUDED.very_satisfied,
      satisfied = f.satisfied + EXCLUDED.satisfied,
      dissatisfied = f.dissatisfied + EXCLUDED.dissatisfied,
      resolved_answers = f.resolved_answers + EXCLUDED.resolved_answers,
      resolved = f.resolved + EXCLUDED.resolved;
END;
$$;

-- The calls stored now: one more (n = 1) or one fewer (n = -1) at a day, agency and kind.
CREATE FUNCTION "call_counts_add"(d DATE, k INTEGER, sim BOOLEAN, n INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO call_daily_counts AS t (day, agency_key, simulated, calls) VALUES (d, k, sim, n)
    ON CONFLICT (day, agency_key, simulated) DO UPDATE SET calls = t.calls + EXCLUDED.calls
$$;

CREATE FUNCTION "calls_counts_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF call_day(OLD.started_at) = call_day(NEW.started_at) AND OLD.agency_id IS NOT DISTINCT FROM NEW.agency_id
        AND OLD.simulated = NEW.simulated THEN
      RETURN NULL;
    END IF;
    PERFORM call_counts_add(call_day(OLD.started_at), COALESCE(OLD.agency_id, 0), OLD.simulated, -1);
  END IF;
  PERFORM call_counts_add(call_day(NEW.started_at), COALESCE(NEW.agency_id, 0), NEW.simulated, 1);
  RETURN NULL;
END;
$$;

-- Deletes come in batches (retention): one grouped statement per batch, not one upsert per call.
-- Keys in order, so two batches deleting at once take their row locks in the same order.
CREATE FUNCTION "calls_counts_delete_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO call_daily_counts AS t (day, agency_key, simulated, calls)
    SELECT call_day(started_at), COALESCE(agency_id, 0), simulated, -count(*)::int FROM gone GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, agency_key, simulated) DO UPDATE SET calls = t.calls + EXCLUDED.calls;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "calls_counts_truncate_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM call_daily_counts;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "calls_counts_insert" AFTER INSERT ON "calls" FOR EACH ROW EXECUTE FUNCTION "calls_counts_trigger"();
-- Only what the key reads: the IVR's steps and the call's progress touch none of it.
CREATE TRIGGER "calls_counts_update" AFTER UPDATE ON "calls" FOR EACH ROW
  WHEN (OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.simulated IS DISTINCT FROM NEW.simulated)
  EXECUTE FUNCTION "calls_counts_trigger"();
CREATE TRIGGER "calls_counts_delete" AFTER DELETE ON "calls" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "calls_counts_delete_trigger"();
CREATE TRIGGER "calls_counts_truncate" AFTER TRUNCATE ON "calls" FOR EACH STATEMENT EXECUTE FUNCTION "calls_counts_truncate_trigger"();

-- The monthly and yearly tables summed again from the daily ones, which hold every call ever counted
-- (deleted calls included): the backfill below, and the end of a rebuild. Rows are written in key
-- order, so a period's rows sit together on disk as they do when the triggers write them day by day
-- (a month read from rows scattered over the whole table touches a page per row).
CREATE FUNCTION "call_figures_roll_up"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE call_monthly_figures, call_monthly_waits, call_yearly_waits, call_monthly_staff_figures;
  INSERT INTO call_monthly_figures (month, agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked,
      answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved)
    SELECT date_trunc('month', day)::date, agency_key, sum(calls), sum(answered), sum(abandoned_in_queue), sum(settled),
      sum(talk_sum), sum(talked), sum(answers), sum(very_satisfied), sum(satisfied), sum(dissatisfied),
      sum(resolved_answers), sum(resolved)
    FROM call_daily_figures GROUP BY 1, 2 ORDER BY 1, 2;
  INSERT INTO call_monthly_waits (month, agency_key, wait, calls)
    SELECT date_trunc('month', day)::date, agency_key, wait, sum(calls) FROM call_daily_waits GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
  INSERT INTO call_yearly_waits (year, agency_key, wait, calls)
    SELECT date_trunc('year', month)::date, agency_key, wait, sum(calls) FROM call_monthly_waits GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
  INSERT INTO call_monthly_staff_figures (month, staff_id, answered, talk_sum, talked)
    SELECT date_trunc('month', day)::date, staff_id, sum(answered), sum(talk_sum), sum(talked)
    FROM call_daily_staff_figures GROUP BY 1, 2 ORDER BY 1, 2;
END;
$$;

-- The calls stored now, counted again.
CREATE FUNCTION "call_counts_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE call_daily_counts;
  INSERT INTO call_daily_counts (day, agency_key, simulated, calls)
    SELECT call_day(started_at), COALESCE(agency_id, 0), simulated, count(*) FROM calls GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
END;
$$;

-- Every roll-up from the calls stored now (the report benchmark after loading its calls with
-- triggers off; the tests, to compare), in key order. Figures of calls already deleted are lost by
-- a rebuild.
CREATE OR REPLACE FUNCTION "call_figures_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE call_daily_figures, call_daily_waits, call_daily_staff_figures;
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
    GROUP BY 1, 2 ORDER BY 1, 2;
  INSERT INTO call_daily_waits (day, agency_key, wait, calls)
    SELECT call_day(c.started_at), COALESCE(c.agency_id, 0), call_wait(c), count(*)
    FROM calls c WHERE NOT c.simulated AND c.answered_at IS NOT NULL AND call_wait(c) IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
  INSERT INTO call_daily_staff_figures (day, staff_id, answered, talk_sum, talked)
    SELECT call_day(c.started_at), c.staff_id, count(*), COALESCE(sum(c.talk_seconds), 0), count(c.talk_seconds)
    FROM calls c WHERE NOT c.simulated AND c.answered_at IS NOT NULL AND c.staff_id IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2;
  PERFORM call_figures_roll_up();
  PERFORM call_counts_rebuild();
END;
$$;

-- Backfill: the new monthly and yearly tables from the daily ones (a rebuild from the calls would
-- lose the figures of calls retention has deleted), the counts from the calls.
SELECT call_figures_roll_up();
SELECT call_counts_rebuild();
