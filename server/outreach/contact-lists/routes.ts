// /api/contact-lists: named lists of contacts (filled by imports or from the contacts grid), with member counts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { ContactList } from "../../contract/outreach/contact-lists.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { badRequest, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { idsWhere, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { contactPhoneAccess } from "../contacts/access.js";
import { contactsWhere } from "../contacts/filter.js";
import { addToList } from "../contacts/import.js";

const ListInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);
/** Who to add or remove: the contacts ticked in the grid, or every contact the grid's filter matches. */
const Members = Type.Object(
  {
    contactIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 1, maxItems: 10000 })),
    filter: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.Unknown(), { maxProperties: 20 })),
  },
  { additionalProperties: false },
);
type MembersBody = Type.Static<typeof Members>;
/** How many contacts joined or left the list (those already in it, or not in it, are not counted). */
const MembersChanged = Type.Object({ count: Type.Integer() });

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

  /** The contacts a members request names: the ticked ids, or the grid's filter (unknown ids match nothing). */
  async function membersWhere(request: FastifyRequest, body: MembersBody): Promise<Prisma.ContactWhereInput> {
    if ((body.contactIds === undefined) === (body.filter === undefined)) {
      throw badRequest("Give either contactIds or filter", { contactIds: "tthc.validation.required" });
    }
    return body.filter ? contactsWhere(fastify, request, contactPhoneAccess(request), body.filter) : { id: { in: body.contactIds } };
  }

  /** Adds or removes members in one audited transaction; the log keeps how many, and which ids or filter. */
  async function changeMembers(request: FastifyRequest, id: number, body: MembersBody, adding: boolean) {
    if (!(await db.contactList.findUnique({ where: { id }, select: { id: true } }))) throw notFound("No such list");
    const where = await membersWhere(request, body);
    const count = await auditedWrite(db, {
      actorId: currentUser(request).id,
      ip: request.ip,
      resource: "contact-lists",
      action: adding ? "add_members" : "remove_members",
      write: async (tx) => {
        if (!adding) return (await tx.contactListMember.deleteMany({ where: { listId: id, contact: where } })).count;
        const rows = await tx.contact.findMany({ where, select: { id: true } });
        return addToList(
          tx,
          id,
          rows.map((c) => c.id),
        );
      },
      audit: (count) =>
        count === 0
          ? null
          : { resourceId: id, after: { count, ...(body.filter ? { filter: body.filter } : { contactIds: body.contactIds }) } },
      transaction: { timeout: 60_000 },
    });
    return { count };
  }

  const membersSchema = { params: IdParams, body: Members, response: { 200: MembersChanged } };
  fastify.post("/:id/members", { preHandler: writers, schema: membersSchema }, (request) =>
    changeMembers(request, request.params.id, request.body, true),
  );
  fastify.delete("/:id/members", { preHandler: writers, schema: membersSchema }, (request) =>
    changeMembers(request, request.params.id, request.body, false),
  );
};

export default contactListRoutes;
