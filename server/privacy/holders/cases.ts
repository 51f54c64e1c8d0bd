// Cases hold the citizen's number, name, question and the answer given: the citizen's own cases are
// deleted with their history (events, links, survey answers, linked calls); other cases that name the
// number keep their text without it.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { mentions, plain, redacted } from "./match.js";
import type { FoundRecord, Holder } from "./types.js";

const rows = async (db: Db, query: Prisma.Sql): Promise<FoundRecord[]> => (await db.$queryRaw<Record<string, unknown>[]>(query)).map(plain);

const citizenCases = (phone: string) => Prisma.sql`(SELECT id FROM cases WHERE phone = ${phone})`;
const caseLink = (record: FoundRecord) => `/cases/${record.caseId ?? record.id}/show`;

/** A table hanging off the citizen's cases: found through them, deleted with them. */
function ofCitizenCases(model: string, kind: string, table: string, columns: Prisma.Sql, orderBy: string): Holder {
  const from = Prisma.raw(table);
  return {
    model,
    kind,
    find: (db, phone) =>
      rows(db, Prisma.sql`SELECT ${columns} FROM ${from} WHERE case_id IN ${citizenCases(phone)} ORDER BY ${Prisma.raw(orderBy)}`),
    async erase(ctx, phone) {
      const erased = await ctx.db.$executeRaw`DELETE FROM ${from} WHERE case_id IN ${citizenCases(phone)}`;
      return { erased, anonymised: 0, kept: 0 };
    },
    link: caseLink,
  };
}

export const caseSurveyAnswers = ofCitizenCases(
  "CaseSurveyAnswer",
  "case-survey-answers",
  "case_survey_answers",
  Prisma.sql`id, case_id AS "caseId", question, value, created_at AS "createdAt"`,
  "id",
);

export const caseLinks = ofCitizenCases(
  "CaseLink",
  "case-links",
  "case_links",
  Prisma.sql`id, case_id AS "caseId", purpose, expires_at AS "expiresAt", used_at AS "usedAt", created_at AS "createdAt"`,
  "created_at",
);

export const caseCalls = ofCitizenCases(
  "CaseCall",
  "case-calls",
  "case_calls",
  Prisma.sql`case_id || ':' || call_id AS id, case_id AS "caseId", call_id AS "callId", created_at AS "createdAt"`,
  "created_at",
);

export const caseEvents: Holder = {
  model: "CaseEvent",
  kind: "case-events",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, case_id AS "caseId", type, reason, data, from_state::text AS "fromState", to_state::text AS "toState", created_at AS "createdAt"
      FROM case_events WHERE case_id IN ${citizenCases(phone)}
        OR ${mentions(Prisma.sql`coalesce(reason, '')`, phone)} OR ${mentions(Prisma.sql`coalesce(data::text, '')`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM case_events WHERE case_id IN ${citizenCases(phone)}`;
    const anonymised = await ctx.db.$executeRaw`UPDATE case_events
      SET reason = ${redacted(Prisma.sql`reason`, phone)}, data = ${redacted(Prisma.sql`data::text`, phone)}::jsonb
      WHERE ${mentions(Prisma.sql`coalesce(reason, '')`, phone)} OR ${mentions(Prisma.sql`coalesce(data::text, '')`, phone)}`;
    return { erased, anonymised, kept: 0 };
  },
  link: caseLink,
};

export const cases: Holder = {
  model: "Case",
  kind: "cases",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, code, phone, citizen_name AS "citizenName", kind::text AS kind, question, answer, state::text AS state,
        agency_id AS "agencyId", created_at AS "createdAt", closed_at AS "closedAt"
      FROM cases WHERE phone = ${phone}
        OR ${mentions(Prisma.sql`question`, phone)} OR ${mentions(Prisma.sql`coalesce(answer, '')`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    // Service SMS and knowledge uses point at the case with ON DELETE SET NULL; the rest cascades.
    const erased = await ctx.db.$executeRaw`DELETE FROM cases WHERE phone = ${phone}`;
    const anonymised = await ctx.db.$executeRaw`UPDATE cases
      SET question = ${redacted(Prisma.sql`question`, phone)}, answer = ${redacted(Prisma.sql`answer`, phone)}
      WHERE ${mentions(Prisma.sql`question`, phone)} OR ${mentions(Prisma.sql`coalesce(answer, '')`, phone)}`;
    return { erased, anonymised, kept: 0 };
  },
  link: caseLink,
};
