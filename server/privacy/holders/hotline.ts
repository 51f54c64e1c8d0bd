// The hotline's holders: calls and everything hanging off them, notes, recordings, callbacks.
// A call is anonymised, never deleted (the figures stay true); what identifies the citizen goes.
// Erasure finds the citizen's calls by number and, once anonymised, by caller_hash, so a run that
// resumes after the calls holder still reaches the recordings and notes of those calls.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { privacyHash } from "../hash.js";
import { citizenCallIds, KEPT_REASONS, mentions, plain, redacted } from "./match.js";
import type { ErasureContext, FoundRecord, Holder } from "./types.js";

const rows = async (db: Db, query: Prisma.Sql): Promise<FoundRecord[]> => (await db.$queryRaw<Record<string, unknown>[]>(query)).map(plain);

const callLink = (record: FoundRecord) => (record.callId ? `/calls/${record.callId}/show` : undefined);

export const recordings: Holder = {
  model: "Recording",
  kind: "recordings",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, recording_sid AS "recordingSid", call_id AS "callId", kind, status, duration_seconds AS "durationSeconds",
        created_at AS "createdAt", deleted_at AS "deletedAt"
      FROM recordings WHERE call_id IN ${citizenCallIds(phone, { erased: false })} ORDER BY id`,
    ),
  async erase(ctx: ErasureContext, phone) {
    const found = await ctx.db.$queryRaw<{ id: number; recording_sid: string; deleted_at: Date | null }[]>`
      SELECT id, recording_sid, deleted_at FROM recordings WHERE call_id IN ${citizenCallIds(phone, { erased: true })} ORDER BY id`;
    for (const recording of found) {
      // The audio goes at Twilio first: a row deleted while Twilio kept the audio would lose track of it.
      if (!recording.deleted_at) await ctx.deleteRecordingAtTwilio?.(recording.recording_sid);
      await ctx.db.recording.deleteMany({ where: { id: recording.id } });
    }
    return { erased: found.length, anonymised: 0, kept: 0 };
  },
  link: callLink,
};

export const callNotes: Holder = {
  model: "CallNote",
  kind: "notes",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, call_id AS "callId", category, question, answer, state::text AS state, created_at AS "createdAt"
      FROM call_notes WHERE call_id IN ${citizenCallIds(phone, { erased: false })}
        OR ${mentions(Prisma.sql`question`, phone)} OR ${mentions(Prisma.sql`answer`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM call_notes WHERE call_id IN ${citizenCallIds(phone, { erased: true })}`;
    // Notes on other people's calls that name this number keep their text without it.
    const anonymised = await ctx.db.$executeRaw`UPDATE call_notes
      SET question = ${redacted(Prisma.sql`question`, phone)}, answer = ${redacted(Prisma.sql`answer`, phone)}
      WHERE ${mentions(Prisma.sql`question`, phone)} OR ${mentions(Prisma.sql`answer`, phone)}`;
    return { erased, anonymised, kept: 0 };
  },
  link: callLink,
};

/** Rows that say nothing of the citizen once their call has no number: counted, left as they are. */
function anonymousWithCall(model: string, kind: string, table: string, columns: Prisma.Sql): Holder {
  const from = Prisma.raw(table);
  return {
    model,
    kind,
    find: (db, phone) =>
      rows(db, Prisma.sql`SELECT ${columns} FROM ${from} WHERE call_id IN ${citizenCallIds(phone, { erased: false })} ORDER BY id`),
    // Nothing to change here: the rows become anonymous when the calls holder (later in the
    // registry) removes the number from their call. Counted while their call still has it, so a
    // second run reports nothing.
    async erase(ctx, phone) {
      const [count] = await ctx.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM ${from} WHERE call_id IN ${citizenCallIds(phone, { erased: false })}`;
      return { erased: 0, anonymised: count?.n ?? 0, kept: 0 };
    },
    link: callLink,
  };
}

export const surveyAnswers = anonymousWithCall(
  "SurveyAnswer",
  "survey-answers",
  "survey_answers",
  Prisma.sql`id, call_id AS "callId", question, value, channel, created_at AS "createdAt"`,
);

export const queueEntries = anonymousWithCall(
  "QueueEntry",
  "queue-entries",
  "queue_entries",
  Prisma.sql`id, call_id AS "callId", agency_id AS "agencyId", outcome::text AS outcome, enqueued_at AS "enqueuedAt", left_at AS "leftAt"`,
);

export const surveyLinks: Holder = {
  model: "SurveyLink",
  kind: "survey-links",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, call_id AS "callId", expires_at AS "expiresAt", used_at AS "usedAt", created_at AS "createdAt"
      FROM survey_links WHERE call_id IN ${citizenCallIds(phone, { erased: false })} ORDER BY created_at`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM survey_links WHERE call_id IN ${citizenCallIds(phone, { erased: true })}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: callLink,
};

/** Twilio's webhook parameters (From, Caller…) are in the events' data: the number is replaced there. */
export const callEvents: Holder = {
  model: "CallEvent",
  kind: "call-events",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, call_id AS "callId", kind, data, at FROM call_events
      WHERE ${mentions(Prisma.sql`data::text`, phone)} OR ${mentions(Prisma.sql`coalesce(response, '')`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const anonymised = await ctx.db.$executeRaw`UPDATE call_events
      SET data = ${redacted(Prisma.sql`data::text`, phone)}::jsonb, response = ${redacted(Prisma.sql`response`, phone)}
      WHERE ${mentions(Prisma.sql`data::text`, phone)} OR ${mentions(Prisma.sql`coalesce(response, '')`, phone)}`;
    return { erased: 0, anonymised, kept: 0 };
  },
  link: callLink,
};

/** The call stays for the figures, with caller NULL and caller_hash set (the design's keeper). */
export const calls: Holder = {
  model: "Call",
  kind: "calls",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, id AS "callId", call_sid AS "callSid", caller, caller_hash AS "callerHash", hotline, status, topic,
        agency_id AS "agencyId", started_at AS "startedAt", ended_at AS "endedAt", talk_seconds AS "talkSeconds",
        termination::text AS termination
      FROM calls WHERE id IN ${citizenCallIds(phone, { erased: false })} OR caller_hash = ${privacyHash(phone)}
        OR ${mentions(Prisma.sql`state::text`, phone)} OR ${mentions(Prisma.sql`coalesce(bridge::text, '')`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const anonymised = await ctx.db.$executeRaw`UPDATE calls
      SET caller = NULL, caller_hash = ${ctx.phoneHash},
        state = ${redacted(Prisma.sql`state::text`, phone)}::jsonb,
        bridge = ${redacted(Prisma.sql`bridge::text`, phone)}::jsonb
      WHERE id IN ${citizenCallIds(phone, { erased: true })}
        AND (caller IS NOT NULL OR caller_hash IS DISTINCT FROM ${ctx.phoneHash}
          OR ${mentions(Prisma.sql`state::text`, phone)} OR ${mentions(Prisma.sql`coalesce(bridge::text, '')`, phone)})`;
    const [kept] = await ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM calls WHERE caller_hash = ${ctx.phoneHash}`;
    return { erased: 0, anonymised, kept: kept?.n ?? 0, keptReason: KEPT_REASONS.calls };
  },
  link: callLink,
};

export const callbackAttempts: Holder = {
  model: "CallbackAttempt",
  kind: "callback-attempts",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT a.id, a.request_id AS "requestId", a.call_id AS "callId", a.outcome, a.note, a.placed, a.created_at AS "createdAt"
      FROM callback_attempts a JOIN callback_requests r ON r.id = a.request_id
      WHERE r.phone = ${phone} OR ${mentions(Prisma.sql`coalesce(a.note, '')`, phone)} ORDER BY a.id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM callback_attempts a USING callback_requests r
      WHERE r.id = a.request_id AND r.phone = ${phone}`;
    const anonymised = await ctx.db.$executeRaw`UPDATE callback_attempts SET note = ${redacted(Prisma.sql`note`, phone)}
      WHERE ${mentions(Prisma.sql`coalesce(note, '')`, phone)}`;
    return { erased, anonymised, kept: 0 };
  },
  link: (record) => `/callback-requests/${record.requestId}/show`,
};

export const callbackRequests: Holder = {
  model: "CallbackRequest",
  kind: "callback-requests",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, call_id AS "callId", agency_id AS "agencyId", phone, status::text AS status, due_at AS "dueAt", created_at AS "createdAt"
      FROM callback_requests WHERE phone = ${phone} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM callback_requests WHERE phone = ${phone}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: (record) => `/callback-requests/${record.id}/show`,
};
