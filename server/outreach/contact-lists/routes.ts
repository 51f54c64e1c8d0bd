// /api/contact-lists: named lists of contacts (filled by imports or by hand), with member counts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { ContactList } from "../../contract/outreach/contact-lists.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { idsWhere, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { addToList } from "../contacts/import.js";

const ListInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);
const Members = Type.Object(
  { contactIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 1, maxItems: 10000 }) },
  { additionalProperties: false },
);

const withCount = { _count: { select: { members: true } } } as const;
const present = ({
  _count,
  ...list
}: {
  _count: { members: number };
  id: number;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}) => ({
  ...list,
  memberCount: _count.members,
});

const contactListRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("contacts:read");
  const writers = fastify.allow("contacts:write");

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(ContactList) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "contact-lists",
        sortable: ["id", "name", "createdAt"],
        defaultSort: ["name", "ASC"],
        where: (filter) => ({ AND: [idsWhere(filter), searchWhere(filter)] }),
        count: (where) => db.contactList.count({ where }),
        page: (where, page) => db.contactList.findMany({ where, include: withCount, ...page }),
      });
      return rows.map(present);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: ContactList } } }, async (request) => {
    const list = await db.contactList.findUnique({ where: { id: request.params.id }, include: withCount });
    if (!list) throw notFound("No such list");
    return present(list);
  });

  fastify.post("/", { preHandler: writers, schema: { body: ListInput, response: { 200: ContactList } } }, async (request) => {
    const user = currentUser(request);
    const list = await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "contact-lists",
      action: "create",
      write: (tx) => tx.contactList.create({ data: request.body, include: withCount }),
      audit: (list) => ({ resourceId: list.id, after: request.body }),
    });
    return present(list);
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: ListInput, response: { 200: ContactList } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await db.contactList.findUnique({ where: { id } });
      if (!before) throw notFound("No such list");
      const list = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "contact-lists",
        action: "update",
        write: (tx) => tx.contactList.update({ where: { id }, data: request.body, include: withCount }),
        audit: () => ({ resourceId: id, before, after: request.body }),
      });
      return present(list);
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: ContactList } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = await db.contactList.findUnique({ where: { id }, include: withCount });
    if (!before) throw notFound("No such list");
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "contact-lists",
      action: "delete",
      write: (tx) => tx.contactList.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: present(before) }),
    });
    return present(before);
  });

  fastify.post("/:id/members", { preHandler: writers, schema: { params: IdParams, body: Members } }, async (request, reply) => {
    const { id } = request.params;
    if (!(await db.contactList.findUnique({ where: { id }, select: { id: true } }))) throw notFound("No such list");
    const existing = await db.contact.findMany({ where: { id: { in: request.body.contactIds } }, select: { id: true } });
    await addToList(
      db,
      id,
      existing.map((c) => c.id),
    );
    return reply.status(204).send();
  });

  fastify.delete("/:id/members", { preHandler: writers, schema: { params: IdParams, body: Members } }, async (request, reply) => {
    await db.contactListMember.deleteMany({ where: { listId: request.params.id, contactId: { in: request.body.contactIds } } });
    return reply.status(204).send();
  });
};

export default contactListRoutes;
