// Dated exceptions to opening hours (Amazon Connect's "overrides"): the extra Tết days off the
// government announces each year, a swapped working Saturday. agencyId null applies to the whole
// province; an agency's own override for a day beats the province's (see calls/agency-schedule.ts).
// Administrators write any override; supervisors only those of agencies in their own subtree.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import type { SessionUser } from "../../access/auth/sessions.js";
import { isRealDate } from "../../clock/vietnam-time.js";
import { HoursOverride, TimeRange as TimeRangeSchema } from "../../contract/agencies/hours.js";
import { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { badRequest, conflict, forbidden, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, idsFilter, integerFilter, listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { visibleAgencyIds } from "../scope.js";
import { hoursError } from "./schemas.js";
import type { HoursOverride as Override, TimeRange } from "./types.js";
import { validateOverrides } from "./validate.js";

const HoursOverrideInput = Type.Object(
  {
    agencyId: Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    date: Type.String({ maxLength: 20 }),
    closed: Type.Boolean(),
    ranges: Type.Optional(Nullable(Type.Array(TimeRangeSchema, { maxItems: 12 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
type Input = Type.Static<typeof HoursOverrideInput>;

const SORTABLE = ["date", "id", "agencyId", "createdAt"] as const;

type Row = Prisma.HoursOverrideGetPayload<object>;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const present = (row: Row) => ({
  id: row.id,
  agencyId: row.agencyId,
  date: dayOf(row.date),
  closed: row.closed,
  ranges: row.closed ? [] : ((row.ranges ?? []) as unknown as TimeRange[]),
  note: row.note,
  createdAt: row.createdAt,
});
const auditable = ({ createdAt: _, ...rest }: ReturnType<typeof present>) => rest;
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The override as the hours module sees it, checked there so messages name the exact field. */
function checkOverride(body: Input): void {
  const note = body.note ? { note: body.note } : {};
  const override: Override = body.closed
    ? { date: body.date, closed: true, ...note }
    : { date: body.date, closed: false, ranges: body.ranges ?? [], ...note };
  // validateOverrides names paths "o.0.date", "o.0.ranges.1.opens"; the form's fields are "date", "ranges.1.opens".
  const issues = validateOverrides([override], "o").map((issue) => ({ ...issue, path: issue.path.replace(/^o\.0\./, "") }));
  if (issues.length > 0) throw hoursError(issues);
}

function dateFilter(filter: Record<string, unknown>, key: string): string | undefined {
  const value = stringFilter(filter, key);
  if (value !== undefined && !isRealDate(value))
    throw badRequest(`filter ${key} must be a date YYYY-MM-DD`, { [key]: "tthc.validation.filter" });
  return value;
}

const hoursOverrideRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("hours-overrides:read"));
  const writers = fastify.allow("hours-overrides:write");

  /** Province-wide overrides are the administrators'; an agency's, its supervisors' too. */
  async function assertCanWrite(user: SessionUser, agencyId: number | null) {
    if (user.roles.includes("admin")) return;
    if (agencyId === null) throw forbidden("Only administrators set province-wide overrides");
    const visible = await visibleAgencyIds(db, user);
    if (visible && !visible.includes(agencyId)) throw forbidden("This agency is outside your agency");
  }

  async function checkAgency(agencyId: number | null) {
    if (agencyId !== null && !(await db.agency.findUnique({ where: { id: agencyId }, select: { id: true } }))) {
      throw invalidField("agencyId", "not_found", "agencyId: no such agency");
    }
  }

  /** One override per agency (or the province) and day, or the schedule would be ambiguous. */
  async function checkUnique(id: number | null, body: Input) {
    const twin = await db.hoursOverride.findFirst({
      where: { agencyId: body.agencyId, date: asDate(body.date), ...(id !== null && { id: { not: id } }) },
      select: { id: true },
    });
    if (twin) throw conflict(`${body.date} already has an override for this agency`, { date: "tthc.validation.taken" });
  }

  const data = (body: Input) => ({
    agencyId: body.agencyId,
    date: asDate(body.date),
    closed: body.closed,
    ranges: body.closed ? Prisma.DbNull : ((body.ranges ?? []) as unknown as Prisma.InputJsonValue),
    note: body.note?.trim() ? body.note.trim() : null,
  });

  async function findVisible(user: SessionUser, id: number): Promise<Row> {
    const row = await db.hoursOverride.findUnique({ where: { id } });
    if (!row) throw notFound("No such override");
    const visible = await visibleAgencyIds(db, user);
    if (visible && row.agencyId !== null && !visible.includes(row.agencyId)) throw forbidden("This agency is outside your agency");
    return row;
  }

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(HoursOverride) } } }, async (request, reply) => {
    const rows = await listPage(request.query, reply, {
      resource: "hours-overrides",
      sortable: SORTABLE,
      defaultSort: ["date", "ASC"],
      where: async (filter): Promise<Prisma.HoursOverrideWhereInput> => {
        const user = currentUser(request);
        const visible = await visibleAgencyIds(db, user);
        const from = dateFilter(filter, "from");
        const to = dateFilter(filter, "to");
        const ids = idsFilter(filter.id);
        const agencyId = integerFilter(filter, "agencyId");
        const provinceWide = booleanFilter(filter, "provinceWide");
        return {
          AND: [
            // Scoped users see their subtree's overrides and the province's, which apply to them too.
            visible ? { OR: [{ agencyId: null }, { agencyId: { in: visible } }] } : {},
            ids ? { id: { in: ids } } : {},
            agencyId !== undefined ? { agencyId } : {},
            provinceWide === true ? { agencyId: null } : provinceWide === false ? { agencyId: { not: null } } : {},
            from ? { date: { gte: asDate(from) } } : {},
            to ? { date: { lte: asDate(to) } } : {},
          ],
        };
      },
      count: (where) => db.hoursOverride.count({ where }),
      page: (where, page) => db.hoursOverride.findMany({ where, ...page }),
    });
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: HoursOverride } } }, async (request) =>
    present(await findVisible(currentUser(request), request.params.id)),
  );

  fastify.post("/", { preHandler: writers, schema: { body: HoursOverrideInput, response: { 200: HoursOverride } } }, async (request) => {
    const user = currentUser(request);
    const body = request.body;
    await assertCanWrite(user, body.agencyId);
    checkOverride(body);
    await checkAgency(body.agencyId);
    await checkUnique(null, body);
    return auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "hours-overrides",
      action: "create",
      write: async (tx) => present(await tx.hoursOverride.create({ data: data(body) })),
      audit: (row) => ({ resourceId: row.id, after: auditable(row) }),
      afterCommit: () => fastify.callRouting.invalidate(),
    });
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: HoursOverrideInput, response: { 200: HoursOverride } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const body = request.body;
      const before = present(await findVisible(user, id));
      await assertCanWrite(user, before.agencyId);
      await assertCanWrite(user, body.agencyId);
      checkOverride(body);
      await checkAgency(body.agencyId);
      await checkUnique(id, body);
      return auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "hours-overrides",
        action: "update",
        write: async (tx) => present(await tx.hoursOverride.update({ where: { id }, data: data(body) })),
        audit: (row) => ({ resourceId: id, before: auditable(before), after: auditable(row) }),
        afterCommit: () => fastify.callRouting.invalidate(),
      });
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: HoursOverride } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = present(await findVisible(user, id));
    await assertCanWrite(user, before.agencyId);
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "hours-overrides",
      action: "delete",
      write: (tx) => tx.hoursOverride.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: auditable(before) }),
      afterCommit: () => fastify.callRouting.invalidate(),
    });
    return before;
  });
};

export default hoursOverrideRoutes;
