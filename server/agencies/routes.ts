import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { writeAudit } from "../audit/audit.js";
import type { Prisma } from "../generated/prisma/client.js";
import { AgencyKind } from "../generated/prisma/enums.js";
import { conflict, forbidden, invalidField, notFound } from "../http/errors.js";
import {
  booleanFilter,
  contentRange,
  idsFilter,
  integerFilter,
  listQuerystring,
  parseListQuery,
  searchFilter,
  stringFilter,
} from "../http/list-query.js";
import { DateTime, IdParams, Nullable, PhoneText } from "../http/schemas.js";
import { currentUser } from "../plugins/app/authentication.js";
import { ancestorsOf, subtreeIds, visibleAgencyIds } from "./scope.js";

const KINDS = Object.values(AgencyKind);
const Kind = Type.Enum(KINDS);

const Agency = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  childCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const AgencyWithAncestors = Type.Intersect([
  Agency,
  Type.Object({ ancestors: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })) }),
]);

const AgencyInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 50, pattern: "^[A-Za-z0-9._-]+$" }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Kind,
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    phone: Type.Optional(Nullable(PhoneText)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const SORTABLE = ["id", "code", "name", "kind", "createdAt"] as const;
const withChildCount = { _count: { select: { children: true } } } as const;

type AgencyRow = Prisma.AgencyGetPayload<{ include: typeof withChildCount }>;
const present = ({ _count, ...agency }: AgencyRow) => ({ ...agency, childCount: _count.children });
/** What the audit log keeps of an agency: its own fields, without counts and timestamps. */
const auditable = ({ id, code, name, kind, parentId, phone, active }: Prisma.AgencyGetPayload<object>) => ({
  id,
  code,
  name,
  kind,
  parentId,
  phone,
  active,
});

const agencyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const adminOnly = fastify.allow("admin");

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

  fastify.get("/", { schema: { querystring: listQuerystring, response: { 200: Type.Array(Agency) } } }, async (request, reply) => {
    const query = parseListQuery(request.query, { sortable: SORTABLE, defaultSort: ["name", "ASC"] });
    const q = searchFilter(query.filter);
    const kind = stringFilter(query.filter, "kind");
    if (kind && !(KINDS as string[]).includes(kind)) throw invalidField("kind", "filter", `filter kind must be one of ${KINDS.join(", ")}`);
    const visible = await visibleAgencyIds(db, currentUser(request));
    const ids = idsFilter(query.filter.id);
    const where: Prisma.AgencyWhereInput = {
      AND: [
        visible ? { id: { in: visible } } : {},
        ids ? { id: { in: ids } } : {},
        q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { code: { contains: q, mode: "insensitive" } }] } : {},
        { parentId: integerFilter(query.filter, "parentId") },
        { kind: kind as AgencyKind | undefined },
        { active: booleanFilter(query.filter, "active") },
      ],
    };
    const [total, rows] = await Promise.all([
      db.agency.count({ where }),
      db.agency.findMany({
        where,
        orderBy: [{ [query.sort.field]: query.sort.order }, { id: "asc" }],
        skip: query.skip,
        take: query.take,
        include: withChildCount,
      }),
    ]);
    reply.header("Content-Range", contentRange("agencies", query.skip, rows.length, total));
    return rows.map(present);
  });

  fastify.get("/:id", { schema: { params: IdParams, response: { 200: AgencyWithAncestors } } }, async (request) => {
    const { id } = request.params;
    await assertVisible(request, id);
    const agency = await db.agency.findUnique({ where: { id }, include: withChildCount });
    if (!agency) throw notFound("No such agency");
    return { ...present(agency), ancestors: await ancestorsOf(db, id) };
  });

  fastify.post("/", { preHandler: adminOnly, schema: { body: AgencyInput, response: { 200: Agency } } }, async (request) => {
    const user = currentUser(request);
    await checkParent(null, request.body.parentId);
    return db.$transaction(async (tx) => {
      const agency = await tx.agency.create({ data: request.body, include: withChildCount });
      await writeAudit(tx, {
        actorId: user.id,
        action: "create",
        resource: "agencies",
        resourceId: agency.id,
        after: auditable(agency),
        ip: request.ip,
      });
      return present(agency);
    });
  });

  fastify.put(
    "/:id",
    { preHandler: adminOnly, schema: { params: IdParams, body: AgencyInput, response: { 200: Agency } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await db.agency.findUnique({ where: { id } });
      if (!before) throw notFound("No such agency");
      await checkParent(id, request.body.parentId);
      return db.$transaction(async (tx) => {
        const agency = await tx.agency.update({ where: { id }, data: request.body, include: withChildCount });
        await writeAudit(tx, {
          actorId: user.id,
          action: "update",
          resource: "agencies",
          resourceId: id,
          before: auditable(before),
          after: auditable(agency),
          ip: request.ip,
        });
        return present(agency);
      });
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
    await db.$transaction(async (tx) => {
      await tx.agency.delete({ where: { id } });
      await writeAudit(tx, {
        actorId: user.id,
        action: "delete",
        resource: "agencies",
        resourceId: id,
        before: auditable(agency),
        ip: request.ip,
      });
    });
    return present(agency);
  });
};

export default agencyRoutes;
