// /api/note-categories: what staff classify a call under (ra-data-simple-rest). Administrators manage
// the list; anyone who writes notes reads it, and sees only the active categories (what they may
// choose). A category some note uses is never deleted (409): it is deactivated, and old notes keep it.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { NOTE_KINDS } from "../../contract/enums.js";
import { NoteCategory } from "../../contract/hotline/note-categories.js";
import { NOTE_CATEGORY_CODE, NOTE_CATEGORY_NAME_MAX } from "../../contract/limits.js";
import { rolesHold } from "../../contract/permissions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { conflict, forbidden, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, codeFilter, idsWhere, listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";

const Name = Type.String({ minLength: 1, maxLength: NOTE_CATEGORY_NAME_MAX, pattern: "\\S" });

const CategoryInput = Type.Object(
  {
    code: Type.String({ pattern: NOTE_CATEGORY_CODE }),
    nameVi: Name,
    nameEn: Name,
    kind: Type.Enum([...NOTE_KINDS]),
    active: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
type CategoryBody = Type.Static<typeof CategoryInput>;

const SORTABLE = ["id", "code", "nameVi", "nameEn", "kind", "active", "sortOrder", "createdAt", "updatedAt"] as const;

const data = (body: CategoryBody) => ({ ...body, nameVi: body.nameVi.trim(), nameEn: body.nameEn.trim() });
type CategoryRow = Prisma.NoteCategoryGetPayload<object>;
const auditable = ({ createdAt: _c, updatedAt: _u, ...row }: CategoryRow) => row;

/** `q`: a part of the code or of either name, any case. */
function searchWhere(filter: Record<string, unknown>): Prisma.NoteCategoryWhereInput {
  const q = stringFilter(filter, "q")?.trim();
  if (!q) return {};
  return {
    OR: [
      { code: { contains: q, mode: "insensitive" } },
      { nameVi: { contains: q, mode: "insensitive" } },
      { nameEn: { contains: q, mode: "insensitive" } },
    ],
  };
}

const noteCategoryRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("note-categories:read");
  const managers = fastify.allow("note-categories:manage");
  const manages = (request: Parameters<typeof currentUser>[0]) => rolesHold(currentUser(request).roles, "note-categories:manage");

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(NoteCategory) } } },
    async (request, reply) => {
      const onlyActive = !manages(request);
      return listPage(request.query, reply, {
        resource: "note-categories",
        sortable: SORTABLE,
        defaultSort: ["sortOrder", "ASC"],
        where: (filter): Prisma.NoteCategoryWhereInput => ({
          AND: [
            idsWhere(filter),
            searchWhere(filter),
            { kind: codeFilter(filter, "kind", NOTE_KINDS) },
            { active: onlyActive ? true : booleanFilter(filter, "active") },
          ],
        }),
        count: (where) => db.noteCategory.count({ where }),
        page: (where, page) => db.noteCategory.findMany({ where, ...page }),
      });
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: NoteCategory } } }, async (request) => {
    const category = await db.noteCategory.findUnique({ where: { id: request.params.id } });
    if (!category) throw notFound("No such note category");
    // Staff see what they may choose; an inactive category reaches them only on the notes that have it.
    if (!category.active && !manages(request)) throw forbidden("This note category is no longer in use");
    return category;
  });

  fastify.post("/", { preHandler: managers, schema: { body: CategoryInput, response: { 200: NoteCategory } } }, async (request) => {
    const actor = currentUser(request);
    return auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "note-categories",
      action: "create",
      write: (tx) => tx.noteCategory.create({ data: data(request.body) }),
      audit: (category) => ({ resourceId: category.id, after: auditable(category) }),
    });
  });

  fastify.put(
    "/:id",
    { preHandler: managers, schema: { params: IdParams, body: CategoryInput, response: { 200: NoteCategory } } },
    async (request) => {
      const actor = currentUser(request);
      const { id } = request.params;
      const before = await db.noteCategory.findUnique({ where: { id } });
      if (!before) throw notFound("No such note category");
      // A new code reaches the notes that have the old one (ON UPDATE CASCADE).
      return auditedWrite(db, {
        actorId: actor.id,
        ip: request.ip,
        resource: "note-categories",
        action: "update",
        write: (tx) => tx.noteCategory.update({ where: { id }, data: data(request.body) }),
        audit: (category) => ({ resourceId: id, before: auditable(before), after: auditable(category) }),
      });
    },
  );

  fastify.delete("/:id", { preHandler: managers, schema: { params: IdParams, response: { 200: NoteCategory } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const category = await db.noteCategory.findUnique({ where: { id }, include: { _count: { select: { notes: true } } } });
    if (!category) throw notFound("No such note category");
    const { _count, ...row } = category;
    // Notes (drafts too) keep their category; the foreign key would refuse it anyway, this says why.
    if (_count.notes > 0) {
      throw conflict(`Notes use this category (${_count.notes}); deactivate it instead`, { id: "tthc.validation.in_use" });
    }
    await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "note-categories",
      action: "delete",
      write: (tx) => tx.noteCategory.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: auditable(row) }),
    });
    return row;
  });
};

export default noteCategoryRoutes;
