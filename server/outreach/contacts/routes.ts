// /api/contacts: the citizens SMS campaigns may reach, with their consent evidence. Listing follows
// ra-data-simple-rest; numbers are shown in full only to administrators and campaign managers, and
// searched by part of a number only by them (approvers: a complete number, audited and rate-limited).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { CONSENT_STATUSES } from "../../contract/enums.js";
import { Contact, ContactDetail } from "../../contract/outreach/contacts.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { checkedPhoneSearch } from "../../platform/audit/phone-lookups.js";
import { badRequest, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { codeFilter, idsFilter, integerFilter, listQuerystring, searchWhere, stringFilter } from "../../platform/http/list-query.js";
import { IdParams, Nullable } from "../../platform/http/schemas.js";
import { contactPhoneAccess } from "./access.js";
import { rejectionOf } from "./import.js";

const Consent = Type.Union(CONSENT_STATUSES.map((s) => Type.Literal(s)));

const ContactFields = {
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  agencyId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  ageGroup: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Unknown())),
  consentStatus: Type.Optional(Consent),
  consentSource: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  consentMethod: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  consentAt: Type.Optional(Nullable(Type.String({ format: "date-time" }))),
};
const ContactUpdate = Type.Object(ContactFields, { additionalProperties: false });
const ContactCreate = Type.Object(
  { phone: Type.String({ minLength: 1, maxLength: 40 }), ...ContactFields },
  { additionalProperties: false },
);
type ContactBody = Type.Static<typeof ContactUpdate>;

const SORTABLE = ["id", "name", "phone", "consentStatus", "createdAt", "updatedAt"] as const;

/** Evidence rules: granting needs its source and method; a refusal is dated now unless given. */
function consentData(body: ContactBody, current?: { consentStatus: string }): Prisma.ContactUncheckedUpdateInput {
  if (body.consentStatus === undefined || body.consentStatus === current?.consentStatus) return {};
  if (body.consentStatus === "granted" && (!body.consentSource?.trim() || !body.consentMethod?.trim())) {
    throw badRequest("Granting consent needs its evidence: consentSource and consentMethod", {
      consentSource: "tthc.validation.consent_evidence",
    });
  }
  return {
    consentStatus: body.consentStatus,
    consentSource: body.consentStatus === "unknown" ? null : (body.consentSource?.trim() ?? "console"),
    consentMethod: body.consentStatus === "unknown" ? null : (body.consentMethod?.trim() ?? "console"),
    consentAt: body.consentStatus === "unknown" ? null : body.consentAt ? new Date(body.consentAt) : new Date(),
  };
}

function fieldData(body: ContactBody) {
  return {
    ...(body.name !== undefined && { name: body.name?.trim() || null }),
    ...(body.agencyId !== undefined && { agencyId: body.agencyId }),
    ...(body.ageGroup !== undefined && { ageGroup: body.ageGroup?.trim() || null }),
    ...(body.tags !== undefined && { tags: [...new Set(body.tags.map((t) => t.trim()).filter(Boolean))] }),
    ...(body.attributes !== undefined && { attributes: body.attributes as Prisma.InputJsonValue }),
  };
}

const contactRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("contacts:read");
  const writers = fastify.allow("contacts:write");
  const adminOnly = fastify.allow("contacts:delete");

  async function checkAgency(agencyId: number | null | undefined) {
    if (agencyId == null) return;
    if (!(await db.agency.findUnique({ where: { id: agencyId }, select: { id: true } }))) {
      throw invalidField("agencyId", "not_found", "agencyId: no such agency");
    }
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(Contact) } } },
    async (request, reply) => {
      const access = contactPhoneAccess(request);
      const rows = await listPage(request.query, reply, {
        resource: "contacts",
        sortable: SORTABLE,
        defaultSort: ["id", "DESC"],
        where: async (filter): Promise<Prisma.ContactWhereInput> => {
          const q = stringFilter(filter, "q")?.trim();
          const consent = codeFilter(filter, "consentStatus", CONSENT_STATUSES);
          const tag = stringFilter(filter, "tag");
          const listId = integerFilter(filter, "listId");
          const ids = idsFilter(filter.id);
          let search: Prisma.ContactWhereInput = {};
          if (q) {
            // A whole number matches exactly (any written form); digits match anywhere in the number, for
            // those who see numbers in full; text matches names.
            const user = currentUser(request);
            const ctx = {
              db,
              redis: fastify.redis,
              redisPrefix: fastify.config.REDIS_PREFIX,
              actorId: user.id,
              ip: request.ip,
              resource: "contacts",
            };
            const phone = await checkedPhoneSearch(ctx, access, "q", q, { alsoText: true });
            search =
              phone.kind === "exact"
                ? { phone: phone.e164 }
                : phone.kind === "digits"
                  ? { phone: { contains: phone.digits } }
                  : searchWhere(filter);
          }
          return {
            AND: [
              search,
              ids ? { id: { in: ids } } : {},
              { agencyId: integerFilter(filter, "agencyId") },
              consent ? { consentStatus: consent as (typeof CONSENT_STATUSES)[number] } : {},
              tag ? { tags: { has: tag } } : {},
              listId ? { lists: { some: { listId } } } : {},
            ],
          };
        },
        count: (where) => db.contact.count({ where }),
        page: (where, page) => db.contact.findMany({ where, ...page }),
      });
      return rows.map((row) => ({ ...row, phone: access.show(row.phone) }));
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: ContactDetail } } }, async (request) => {
    const contact = await db.contact.findUnique({ where: { id: request.params.id }, include: { lists: { select: { listId: true } } } });
    if (!contact) throw notFound("No such contact");
    const [suppressed, dnc] = await Promise.all([
      db.suppression.findUnique({ where: { phone: contact.phone }, select: { phone: true } }),
      db.dncNumber.findUnique({ where: { phone: contact.phone } }),
    ]);
    const { lists, ...rest } = contact;
    return {
      ...rest,
      phone: contactPhoneAccess(request).show(contact.phone),
      listIds: lists.map((l) => l.listId),
      suppressed: !!suppressed,
      onDnc: !!dnc,
    };
  });

  fastify.post("/", { preHandler: writers, schema: { body: ContactCreate, response: { 200: Contact } } }, async (request) => {
    const user = currentUser(request);
    const phone = normalizeVietnamesePhone(request.body.phone);
    const rejection = rejectionOf(phone);
    if (rejection || !phone.ok) throw invalidField("phone", `phone_${rejection ?? "invalid"}`, `phone: ${rejection ?? "invalid"}`);
    await checkAgency(request.body.agencyId);
    const data = { phone: phone.e164, carrier: phone.carrier ?? null, ...fieldData(request.body), ...consentData(request.body) };
    return auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "contacts",
      action: "create",
      write: (tx) => tx.contact.create({ data: data as Prisma.ContactUncheckedCreateInput }),
      audit: (contact) => ({ resourceId: contact.id, after: contact }),
    });
  });

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: ContactUpdate, response: { 200: Contact } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const before = await db.contact.findUnique({ where: { id } });
      if (!before) throw notFound("No such contact");
      await checkAgency(request.body.agencyId);
      const data = { ...fieldData(request.body), ...consentData(request.body, before) };
      return auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "contacts",
        action: "update",
        write: (tx) => tx.contact.update({ where: { id }, data }),
        audit: (contact) => ({ resourceId: id, before, after: contact }),
      });
    },
  );

  // Erasure on a data-subject request; the opt-out record (if any) stays, so the number is still never messaged.
  fastify.delete("/:id", { preHandler: adminOnly, schema: { params: IdParams, response: { 200: Contact } } }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const before = await db.contact.findUnique({ where: { id } });
    if (!before) throw notFound("No such contact");
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "contacts",
      action: "delete",
      write: (tx) => tx.contact.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before }),
    });
    return before;
  });
};

export default contactRoutes;
