import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { staffPhone } from "../../access/users/staff-phone.js";
import { addDays, isRealDate, vietnamClock, weekdayOf } from "../../clock/vietnam-time.js";
import { AgencyCalendar } from "../../contract/agencies/hours.js";
import { Agency, AgencyDetail } from "../../contract/agencies/tree.js";
import { AGENCY_KINDS as KINDS } from "../../contract/enums.js";
import { AGENCY_CODE_PATTERN } from "../../contract/limits.js";
import { rolesHold } from "../../contract/permissions.js";
import { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { badRequest, conflict, forbidden, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, integerFilter, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams, Nullable, PhoneText } from "../../platform/http/schemas.js";
import { scheduleOf } from "../hours/agency-schedule.js";
import { describeDay } from "../hours/schedule.js";
import { checkWeeklyHours, completeWeek, type WeeklyHoursInput } from "../hours/schemas.js";
import { ancestorsOf, subtreeIds, visibleAgencyIds } from "../scope.js";
import { routingInput } from "./call-settings.js";

const Kind = Type.Enum(KINDS);
const CODE = new RegExp(AGENCY_CODE_PATTERN);
/** Communes and wards sit under the province: one without a parent would be outside every supervisor's tree. */
const KINDS_WITH_PARENT: readonly string[] = ["commune", "ward"];

/**
 * The code's format (named in the refusal), a parent for communes and wards, and a phone that is a
 * real Vietnamese number (mobile or landline, the same rule as staff phones); the phone is kept as typed.
 */
function checkIdentity(agency: { code: string; kind: string; parentId: number | null; phone: string | null }) {
  if (!CODE.test(agency.code)) {
    throw invalidField("code", "agency_code_format", "code: letters without accents, digits, '.', '_' and '-', at most 50");
  }
  if (KINDS_WITH_PARENT.includes(agency.kind) && agency.parentId === null) {
    throw invalidField("parentId", "parent_required", `parentId: a ${agency.kind} needs a parent agency`);
  }
  staffPhone(agency.phone);
}

const AgencyInput = Type.Object(
  {
    // The pattern is checked in checkIdentity, so the refusal can say which format is allowed.
    code: Type.String({ minLength: 1, maxLength: 50 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Kind,
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    phone: Type.Optional(Nullable(PhoneText)),
    active: Type.Optional(Type.Boolean()),
    ...routingInput,
  },
  { additionalProperties: false },
);
type AgencyBody = Type.Static<typeof AgencyInput>;

/** Fields only administrators change; supervisors may send them back unchanged with the whole record. */
const IDENTITY_FIELDS = ["code", "name", "kind", "parentId", "phone", "active"] as const;

const CalendarQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 62 })),
  },
  { additionalProperties: false },
);
const SORTABLE = ["id", "code", "name", "kind", "createdAt"] as const;
const withChildCount = { _count: { select: { children: true } } } as const;

type AgencyRow = Prisma.AgencyGetPayload<{ include: typeof withChildCount; omit: { searchKey: true } }>;
const present = ({ _count, ...agency }: AgencyRow) => ({
  ...agency,
  weeklyHours: agency.weeklyHours as WeeklyHoursInput | null,
  childCount: _count.children,
});
/** What the audit log keeps of an agency: its own fields, without counts and timestamps. */
const auditable = (agency: Prisma.AgencyGetPayload<{ omit: { searchKey: true } }>) => {
  const { id, code, name, kind, parentId, phone, active } = agency;
  const { dialCode, ringStrategy, ringTimeoutSeconds, fallbackId, weeklyHours, observeHolidays } = agency;
  const { wrapUpSeconds, queueMaxWaitSeconds, queueMaxLength, queueWhenNoneAvailable, holdMusicUrl } = agency;
  return {
    id,
    code,
    name,
    kind,
    parentId,
    phone,
    active,
    dialCode,
    ringStrategy,
    ringTimeoutSeconds,
    fallbackId,
    weeklyHours,
    observeHolidays,
    wrapUpSeconds,
    queueMaxWaitSeconds,
    queueMaxLength,
    queueWhenNoneAvailable,
    holdMusicUrl,
  };
};

/** The body as Prisma data: empty dial codes are none, weekly hours complete and validated, null stored as SQL NULL. */
function agencyData(body: AgencyBody) {
  const { weeklyHours, dialCode, holdMusicUrl, ...rest } = body;
  const week = weeklyHours === undefined || weeklyHours === null ? weeklyHours : completeWeek(weeklyHours);
  checkWeeklyHours(week ?? null);
  return {
    ...rest,
    ...(dialCode !== undefined && { dialCode: dialCode === "" ? null : dialCode }),
    ...(holdMusicUrl !== undefined && { holdMusicUrl: holdMusicUrl === "" ? null : holdMusicUrl }),
    ...(week !== undefined && { weeklyHours: week === null ? Prisma.DbNull : (week as unknown as Prisma.InputJsonValue) }),
  };
}

const agencyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("agencies:read"));
  const adminOnly = fastify.allow("agencies:manage");
  const supervisors = fastify.allow("agencies:edit");

  async function assertVisible(request: Parameters<typeof currentUser>[0], id: number) {
    const visible = await visibleAgencyIds(db, currentUser(request));
    if (visible && !visible.includes(id)) throw forbidden("This agency is outside your agency");
  }

  /** A parent must exist and must not be the agency itself or one of its descendants. */
  async function checkParent(id: number | null, parentId: number | null | undefined) {
    if (parentId == null) return;
    if (!(await db.agency.findUnique({ where: { id: parentId }, select: { id: true } }))) {
      throw invalidField("parentId", "not_found", "parentId: no such agency");
    }
    if (id !== null && (await subtreeIds(db, id)).includes(parentId)) {
      throw invalidField("parentId", "parent_cycle", "parentId: an agency cannot be placed under itself or its own sub-agency");
    }
  }

  /** A fallback must exist and must be another agency. */
  async function checkFallback(id: number | null, fallbackId: number | null | undefined) {
    if (fallbackId == null) return;
    if (fallbackId === id) throw invalidField("fallbackId", "invalid", "fallbackId: an agency cannot fall back to itself");
    if (!(await db.agency.findUnique({ where: { id: fallbackId }, select: { id: true } }))) {
      throw invalidField("fallbackId", "not_found", "fallbackId: no such agency");
    }
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(Agency) } } }, async (request, reply) => {
    const rows = await listPage(request.query, reply, {
      resource: "agencies",
      sortable: SORTABLE,
      defaultSort: ["name", "ASC"],
      where: async (filter): Promise<Prisma.AgencyWhereInput> => {
        const kind = codeFilter(filter, "kind", KINDS);
        const user = currentUser(request);
        const visible = await visibleAgencyIds(db, user);
        // Passing a call on needs the whole tree: staff who handle calls may list every active agency
        // to transfer to (agencies' names and codes are public; their staff and figures stay scoped).
        const transferTargets = booleanFilter(filter, "transferTarget") === true && rolesHold(user.roles, "calls:handle");
        return {
          AND: [
            visible && !transferTargets ? { id: { in: visible } } : {},
            transferTargets ? { active: true } : {},
            idsWhere(filter),
            searchWhere(filter),
            { parentId: integerFilter(filter, "parentId") },
            { kind },
            { active: booleanFilter(filter, "active") },
          ],
        };
      },
      count: (where) => db.agency.count({ where }),
      page: (where, page) => db.agency.findMany({ where, include: withChildCount, ...page }),
    });
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: AgencyDetail } } }, async (request) => {
    const { id } = request.params;
    await assertVisible(request, id);
    const agency = await db.agency.findUnique({ where: { id }, include: withChildCount });
    if (!agency) throw notFound("No such agency");
    const [ancestors, fallback] = await Promise.all([
      ancestorsOf(db, id),
      agency.fallbackId === null
        ? null
        : db.agency.findUnique({ where: { id: agency.fallbackId }, select: { id: true, code: true, name: true } }),
    ]);
    return { ...present(agency), ancestors, fallback };
  });

  fastify.post("/", { preHandler: adminOnly, schema: { body: AgencyInput, response: { 200: Agency } } }, async (request) => {
    const user = currentUser(request);
    checkIdentity({ ...request.body, parentId: request.body.parentId ?? null, phone: request.body.phone ?? null });
    await checkParent(null, request.body.parentId);
    await checkFallback(null, request.body.fallbackId);
    const data = agencyData(request.body);
    const agency = await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "agencies",
      action: "create",
      write: (tx) => tx.agency.create({ data, include: withChildCount }),
      audit: (agency) => ({ resourceId: agency.id, after: auditable(agency) }),
      afterCommit: () => fastify.callRouting.invalidate(),
    });
    return present(agency);
  });

  fastify.put(
    "/:id",
    { preHandler: supervisors, schema: { params: IdParams, body: AgencyInput, response: { 200: Agency } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      // Supervisors set routing and hours of their own subtree; identity and place in the tree stay the administrators'.
      if (!user.roles.includes("admin")) await assertVisible(request, id);
      const before = await db.agency.findUnique({ where: { id } });
      if (!before) throw notFound("No such agency");
      if (!rolesHold(user.roles, "agencies:manage")) {
        const changed = IDENTITY_FIELDS.filter((field) => request.body[field] !== undefined && request.body[field] !== before[field]);
        if (changed.length > 0) throw forbidden(`Only administrators change ${changed.join(", ")}`);
      }
      const { body } = request;
      checkIdentity({
        code: body.code,
        kind: body.kind,
        parentId: body.parentId === undefined ? before.parentId : body.parentId,
        phone: body.phone === undefined ? before.phone : body.phone,
      });
      await checkParent(id, request.body.parentId);
      await checkFallback(id, request.body.fallbackId);
      const data = agencyData(request.body);
      const agency = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "agencies",
        action: "update",
        write: (tx) => tx.agency.update({ where: { id }, data, include: withChildCount }),
        audit: (agency) => ({ resourceId: id, before: auditable(before), after: auditable(agency) }),
        afterCommit: () => fastify.callRouting.invalidate(),
      });
      return present(agency);
    },
  );

  fastify.get(
    "/:id/calendar",
    { schema: { params: IdParams, querystring: CalendarQuery, response: { 200: AgencyCalendar } } },
    async (request) => {
      const { id } = request.params;
      await assertVisible(request, id);
      const from = request.query.from ?? vietnamClock(new Date()).date;
      if (!isRealDate(from)) throw badRequest(`from: ${from} is not a real date`, { from: "tthc.validation.format" });
      const days = request.query.days ?? 14;
      const last = addDays(from, days - 1);
      const [agencies, overrides] = await Promise.all([
        db.agency.findMany({ select: { id: true, name: true, parentId: true, weeklyHours: true, observeHolidays: true } }),
        db.hoursOverride.findMany({
          where: {
            OR: [{ agencyId: null }, { agencyId: id }],
            date: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) },
          },
        }),
      ]);
      const byId = new Map(agencies.map((agency) => [agency.id, agency]));
      if (!byId.has(id)) throw notFound("No such agency");
      const schedule = scheduleOf(id, byId, overrides);
      // The same walk as scheduleOf, to tell the console whose hours these are.
      let hoursFrom: { id: number; name: string } | null = null;
      const seen = new Set<number>();
      for (let a = byId.get(id); a && !seen.has(a.id); a = a.parentId ? byId.get(a.parentId) : undefined) {
        seen.add(a.id);
        if (a.weeklyHours) {
          hoursFrom = { id: a.id, name: a.name };
          break;
        }
      }
      return {
        agencyId: id,
        from,
        hoursFrom,
        observeHolidays: schedule.observeHolidays,
        days: Array.from({ length: days }, (_, i) => {
          const date = addDays(from, i);
          return { ...describeDay(schedule, date), weekday: weekdayOf(date) };
        }),
      };
    },
  );

  fastify.delete("/:id", { preHandler: adminOnly, schema: { params: IdParams, response: { 200: Agency } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const agency = await db.agency.findUnique({
      where: { id },
      include: { ...withChildCount, _count: { select: { children: true, users: true } } },
    });
    if (!agency) throw notFound("No such agency");
    if (agency._count.children > 0 || agency._count.users > 0) {
      throw conflict("The agency still has sub-agencies or users; move or deactivate them first", { id: "tthc.validation.in_use" });
    }
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "agencies",
      action: "delete",
      write: (tx) => tx.agency.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: auditable(agency) }),
    });
    return present(agency);
  });
};

export default agencyRoutes;
