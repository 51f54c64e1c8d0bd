// /api/contact-lists: named lists of contacts (filled by imports or by hand), with member counts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { ContactList } from "../../contract/outreach/contact-lists.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { notFound } from "../../platform/http/errors.js";
import { idsFilter, listQuerystring, pageArgs, parseListQuery, searchFilter, sendPage } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { CONTACT_READERS, CONTACT_WRITERS } from "../contacts/access.js";
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
  const readers = fastify.allow(...CONTACT_READERS);
  const writers = fastify.allow(...CONTACT_WRITERS);

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(ContactList) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, { sortable: ["id", "name", "createdAt"], defaultSort: ["name", "ASC"] });
      const q = searchFilter(query.filter);
      const ids = idsFilter(query.filter.id);
      const where = { AND: [ids ? { id: { in: ids } } : {}, q ? { name: { contains: q, mode: "insensitive" as const } } : {}] };
      const rows = await sendPage(
        reply,
        "contact-lists",
        query,
        db.contactList.count({ where }),
        db.contactList.findMany({ where, include: withCount, ...pageArgs(query) }),
      );
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
    return db.$transaction(async (tx) => {
      const list = await tx.contactList.create({ data: request.body, include: withCount });
      await writeAudit(tx, {
        actorId: user.id,
        action: "create",
        resource: "contact-lists",
        resourceId: list.id,
        after: request.body,
        ip: request.ip,
      });
      return present(list);
    });
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: ListInput, response: { 200: ContactList } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await db.contactList.findUnique({ where: { id } });
      if (!before) throw notFound("No such list");
      return db.$transaction(async (tx) => {
        const list = await tx.contactList.update({ where: { id }, data: request.body, include: withCount });
        await writeAudit(tx, {
          actorId: user.id,
          action: "update",
          resource: "contact-lists",
          resourceId: id,
          before,
          after: request.body,
          ip: request.ip,
        });
        return present(list);
      });
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: ContactList } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = await db.contactList.findUnique({ where: { id }, include: withCount });
    if (!before) throw notFound("No such list");
    await db.$transaction(async (tx) => {
      await tx.contactList.delete({ where: { id } });
      await writeAudit(tx, {
        actorId: user.id,
        action: "delete",
        resource: "contact-lists",
        resourceId: id,
        before: present(before),
        ip: request.ip,
      });
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
