// /api/segments: saved audiences defined by attribute filters, each listed with a live count.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { SegmentCount } from "../../contract/outreach/segments.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { idsWhere, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { DateTime, IdParams } from "../../platform/http/schemas.js";
import { parseSegmentFilter, type SegmentFilter, SegmentFilterSchema, segmentWhereSql } from "./audience.js";

const Segment = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** Validated on the way in; stored as JSON. */
  filter: Type.Unknown(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
/** A row of the segments list: with how many contacts its filter selects now (the audience's size before exclusions). */
const SegmentRow = Type.Object({ ...Segment.properties, memberCount: Type.Integer() });
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
  const readers = fastify.allow("contacts:read");
  const writers = fastify.allow("contacts:write");

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(SegmentRow) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "segments",
        sortable: ["id", "name", "createdAt"],
        defaultSort: ["name", "ASC"],
        where: (filter) => ({ AND: [idsWhere(filter), searchWhere(filter)] }),
        count: (where) => db.segment.count({ where }),
        page: (where, page) => db.segment.findMany({ where, ...page }),
      });
      return Promise.all(rows.map(async (row) => ({ ...row, memberCount: await countSegment(db, parseSegmentFilter(row.filter)) })));
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
    return auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "segments",
      action: "create",
      write: (tx) => tx.segment.create({ data: { name: request.body.name, filter: request.body.filter } }),
      audit: (segment) => ({ resourceId: segment.id, after: segment }),
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
      return auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "segments",
        action: "update",
        write: (tx) => tx.segment.update({ where: { id }, data: { name: request.body.name, filter: request.body.filter } }),
        audit: (segment) => ({ resourceId: id, before, after: segment }),
      });
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: Segment } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = await db.segment.findUnique({ where: { id } });
    if (!before) throw notFound("No such segment");
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "segments",
      action: "delete",
      write: (tx) => tx.segment.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before }),
    });
    return before;
  });
};

export default segmentRoutes;
