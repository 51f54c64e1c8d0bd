// /api/suppressions: the opt-out list in the console. Campaign managers add opt-outs received by
// phone or in person (source "console", with the one confirmation SMS); only administrators remove
// one, audited, and the contact's consent stays "refused": sending again needs new consent evidence.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { SUPPRESSION_SOURCES, type SuppressionSource } from "../../../contract/enums.js";
import type { SmsProvider } from "../../../messaging/provider.js";
import { createServiceSmsProvider } from "../../../messaging/registry.js";
import { queuedSinkReceipts } from "../../../messaging/sink-receipts.js";
import { normalizeVietnamesePhone } from "../../../phone/normalize.js";
import { writeAudit } from "../../../platform/audit/audit.js";
import { auditedWrite } from "../../../platform/audit/audited-write.js";
import { checkedPhoneSearch } from "../../../platform/audit/phone-lookups.js";
import { invalidField, notFound } from "../../../platform/http/errors.js";
import { listPage } from "../../../platform/http/list-handler.js";
import { listQuerystring, stringFilter } from "../../../platform/http/list-query.js";
import { DateTime, Nullable } from "../../../platform/http/schemas.js";
import { contactPhoneAccess } from "../../contacts/access.js";
import { rejectionOf } from "../../contacts/import.js";
import { optOutConfirmation } from "./confirmation.js";
import { suppress } from "./suppress.js";

const Suppression = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  source: Type.String(),
  detail: Nullable(Type.String()),
  receivedAt: DateTime,
  createdAt: DateTime,
});
const SuppressionInput = Type.Object(
  { phone: Type.String({ minLength: 1, maxLength: 40 }), detail: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
const PhoneParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });

const suppressionRoutes: FastifyPluginAsyncTypebox<{ sms?: SmsProvider }> = async (fastify, options) => {
  const { db } = fastify;
  const readers = fastify.allow("contacts:read");
  const writers = fastify.allow("contacts:write");
  const adminOnly = fastify.allow("suppressions:delete");
  const sms =
    options.sms ??
    (await createServiceSmsProvider(
      fastify.config,
      { log: fastify.log, sinkReceipts: queuedSinkReceipts(fastify.queues.sinkReceipts) },
      fastify.db,
    ));
  const confirm = optOutConfirmation({ db, sms, publicBaseUrl: fastify.config.PUBLIC_BASE_URL, log: fastify.log });

  /** The path id is the number in any written form ("+84912345678", "0912345678"). */
  function phoneOf(text: string): string {
    const phone = normalizeVietnamesePhone(text);
    if (!phone.ok) throw invalidField("phone", `phone_${rejectionOf(phone) ?? "invalid"}`, "phone: not a Vietnamese phone number");
    return phone.e164;
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(Suppression) } } },
    async (request, reply) => {
      const access = contactPhoneAccess(request);
      const rows = await listPage(request.query, reply, {
        resource: "suppressions",
        sortable: ["receivedAt", "createdAt", "source"],
        defaultSort: ["receivedAt", "DESC"],
        // Keyed by phone: the tie-break is the phone, not an id.
        tieBreaker: "phone",
        where: async (filter) => {
          const source = stringFilter(filter, "source");
          if (source && !SUPPRESSION_SOURCES.includes(source as SuppressionSource)) {
            throw invalidField("source", "filter", `filter source must be one of ${SUPPRESSION_SOURCES.join(", ")}`);
          }
          const q = stringFilter(filter, "q");
          const user = currentUser(request);
          const ctx = {
            db,
            redis: fastify.redis,
            redisPrefix: fastify.config.REDIS_PREFIX,
            actorId: user.id,
            ip: request.ip,
            resource: "suppressions" as const,
          };
          // Approvers see masked numbers: whether a number opted out is a look-up, audited and rate-limited.
          const phone = q ? await checkedPhoneSearch(ctx, access, "q", q, { alsoText: false }) : undefined;
          const phoneWhere =
            phone?.kind === "exact"
              ? { phone: phone.e164 }
              : phone?.kind === "digits"
                ? { phone: { contains: phone.digits } }
                : phone
                  ? { phone: "" }
                  : {};
          return { AND: [source ? { source } : {}, phoneWhere] };
        },
        count: (where) => db.suppression.count({ where }),
        page: (where, page) => db.suppression.findMany({ where, ...page }),
      });
      const show = access.show;
      // Masked records keep a usable id only for those who see the number.
      return rows.map((row) => ({ ...row, id: show(row.phone), phone: show(row.phone) }));
    },
  );

  fastify.get("/:id", { preHandler: writers, schema: { params: PhoneParams, response: { 200: Suppression } } }, async (request) => {
    const row = await db.suppression.findUnique({ where: { phone: phoneOf(request.params.id) } });
    if (!row) throw notFound("This number has not opted out");
    return { ...row, id: row.phone };
  });

  fastify.post("/", { preHandler: writers, schema: { body: SuppressionInput, response: { 200: Suppression } } }, async (request) => {
    const user = currentUser(request);
    const phone = phoneOf(request.body.phone);
    const { created } = await suppress(db, phone, "console", request.body.detail ?? undefined, new Date(), { confirm });
    const row = await db.suppression.findUniqueOrThrow({ where: { phone } });
    if (created)
      await writeAudit(db, { actorId: user.id, action: "create", resource: "suppressions", resourceId: phone, after: row, ip: request.ip });
    return { ...row, id: row.phone };
  });

  fastify.delete("/:id", { preHandler: adminOnly, schema: { params: PhoneParams, response: { 200: Suppression } } }, async (request) => {
    const user = currentUser(request);
    const phone = phoneOf(request.params.id);
    const before = await db.suppression.findUnique({ where: { phone } });
    if (!before) throw notFound("This number has not opted out");
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "suppressions",
      action: "delete",
      write: (tx) => tx.suppression.delete({ where: { phone } }),
      audit: () => ({ resourceId: phone, before }),
    });
    return { ...before, id: before.phone };
  });
};

export default suppressionRoutes;
