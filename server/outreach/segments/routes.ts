// /api/segments: saved audiences defined by attribute filters, with a live count.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { SegmentCount } from "../../contract/outreach/segments.js";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Db } from "../../platform/db/client.js";
import { notFound } from "../../platform/http/errors.js";
import { idsFilter, listQuerystring, pageArgs, parseListQuery, searchFilter, sendPage } from "../../platform/http/list-query.js";
import { DateTime, IdParams } from "../../platform/http/schemas.js";
import { CONTACT_READERS, CONTACT_WRITERS } from "../contacts/access.js";
import { parseSegmentFilter, type SegmentFilter, SegmentFilterSchema, segmentWhereSql } from "./audience.js";

const Segment = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** Validated on the way in; stored as JSON. */
  filter: Type.Unknown(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const SegmentInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), filter: SegmentFilterSchema },
  { additionalProperties: false },
);

export async function countSegment(db: Db, filter: SegmentFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM contacts c WHERE ${segmentWhereSql(filter)}`;
  return Number(row?.count ?? 0);
}

const segmentRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow(...CONTACT_READERS);
  const writers = fastify.allow(...CONTACT_WRITERS);

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(Segment) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, { sortable: ["id", "name", "createdAt"], defaultSort: ["name", "ASC"] });
      const q = searchFilter(query.filter);
      const ids = idsFilter(query.filter.id);
      const where = { AND: [ids ? { id: { in: ids } } : {}, q ? { name: { contains: q, mode: "insensitive" as const } } : {}] };
      return sendPage(reply, "segments", query, db.segment.count({ where }), db.segment.findMany({ where, ...pageArgs(query) }));
    },
  );

  /** The count of a filter not yet saved, for the editor's live count. */
  fastify.post(
    "/count",
    { preHandler: readers, schema: { body: Type.Object({ filter: SegmentFilterSchema }), response: { 200: SegmentCount } } },
    async (request) => ({
      count: await countSegment(db, request.body.filter),
    }),
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: Segment } } }, async (request) => {
    const segment = await db.segment.findUnique({ where: { id: request.params.id } });
    if (!segment) throw notFound("No such segment");
    return segment;
  });

  fastify.get("/:id/count", { preHandler: readers, schema: { params: IdParams, response: { 200: SegmentCount } } }, async (request) => {
    const segment = await db.segment.findUnique({ where: { id: request.params.id } });
    if (!segment) throw notFound("No such segment");
    return { count: await countSegment(db, parseSegmentFilter(segment.filter)) };
  });

  fastify.post("/", { preHandler: writers, schema: { body: SegmentInput, response: { 200: Segment } } }, async (request) => {
    const user = currentUser(request);
    return db.$transaction(async (tx) => {
      const segment = await tx.segment.create({ data: { name: request.body.name, filter: request.body.filter } });
      await writeAudit(tx, {
        actorId: user.id,
        action: "create",
        resource: "segments",
        resourceId: segment.id,
        after: segment,
        ip: request.ip,
      });
      return segment;
    });
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: SegmentInput, response: { 200: Segment } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await db.segment.findUnique({ where: { id } });
      if (!before) throw notFound("No such segment");
      return db.$transaction(async (tx) => {
        const segment = await tx.segment.update({ where: { id }, data: { name: request.body.name, filter: request.body.filter } });
        await writeAudit(tx, {
          actorId: user.id,
          action: "update",
          resource: "segments",
          resourceId: id,
          before,
          after: segment,
          ip: request.ip,
        });
        return segment;
      });
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: Segment } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = await db.segment.findUnique({ where: { id } });
    if (!before) throw notFound("No such segment");
    await db.$transaction(async (tx) => {
      await tx.segment.delete({ where: { id } });
      await writeAudit(tx, { actorId: user.id, action: "delete", resource: "segments", resourceId: id, before, ip: request.ip });
    });
    return before;
  });
};

export default segmentRoutes;
