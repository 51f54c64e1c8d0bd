// /api/sms-senders: registered brandnames and the provider that sends for each, with the price per
// segment (cost estimates) and the send rate. Administrators write; campaign staff read.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { SenderBalance, SenderSettings, SmsSender } from "../../contract/outreach/senders.js";
import { SMS_PROVIDER_NAMES, SMS_PROVIDER_SECRETS } from "../../contract/sms-providers.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { createSenderProvider } from "../../messaging/registry.js";
import { openSecrets, sealSecrets } from "../../messaging/secrets.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { conflict, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { booleanFilter, idsWhere, listQuerystring, searchWhere, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { validBrandname } from "../compliance/policy.js";

const SenderInput = Type.Object(
  {
    brandname: Type.String({ minLength: 1, maxLength: 11 }),
    provider: Type.Enum([...SMS_PROVIDER_NAMES]),
    settings: Type.Optional(SenderSettings),
    /** Write-only vendor credentials (SMS_PROVIDER_SECRETS); an empty, null or missing one keeps the stored value. */
    // The console sends an untouched password field as null.
    secrets: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 200 }), Type.Null()]), { maxProperties: 10 }),
    ),
    pricePerSegment: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    messagesPerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type SenderBody = Type.Static<typeof SenderInput>;

const SORTABLE = ["id", "brandname", "provider", "pricePerSegment", "messagesPerSecond", "active", "createdAt"] as const;
/** Settings are stored in clear and shown to every campaign user: secrets belong in the environment. */
const SECRET_KEY = /secret|token|password|passwd|api[-_]?key|private|credential/i;
const MAX_SETTINGS_CHARS = 4000;

function secretKeyIn(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(secretKeyIn).find(Boolean);
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) return key;
    const nested = secretKeyIn(inner);
    if (nested) return nested;
  }
  return undefined;
}

/** The credentials to store: the stored ones (same provider) overlaid with the non-empty new ones, sealed. */
function sealedSecrets(key: string | undefined, body: SenderBody, before?: { provider: string; secrets: string | null }) {
  const allowed = SMS_PROVIDER_SECRETS[body.provider];
  const given = Object.entries(body.secrets ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
  );
  const unknown = given.find(([name]) => !allowed.includes(name));
  if (unknown) throw invalidField("secrets", "secret_unknown", `secrets: ${body.provider} has no credential "${unknown[0]}"`);
  if (given.length === 0 && before?.secrets && before.provider === body.provider) return before.secrets;
  const kept = before?.secrets && before.provider === body.provider && key ? openSecrets(key, before.secrets) : {};
  const secrets = { ...kept, ...Object.fromEntries(given) };
  if (Object.keys(secrets).length === 0) return null;
  // Never store a credential in clear text: without the key there is nothing to seal it with.
  if (!key) throw invalidField("secrets", "secrets_key_unset", "secrets: the server has no SMS_SECRETS_KEY to seal credentials with");
  return sealSecrets(key, secrets);
}

function senderData(body: SenderBody) {
  if (!validBrandname(body.brandname)) {
    throw invalidField(
      "brandname",
      "brandname",
      "brandname: at most 11 Latin letters, digits, -, _, . or spaces, with at least one letter and no space at either end",
    );
  }
  const settings = body.settings ?? {};
  const secret = secretKeyIn(settings);
  if (secret)
    throw invalidField("settings", "secret_setting", `settings: "${secret}" looks like a secret; keep secrets in the environment`);
  if (JSON.stringify(settings).length > MAX_SETTINGS_CHARS) throw invalidField("settings", "invalid", "settings: too large");
  const { secrets: _secrets, ...rest } = body;
  return { ...rest, settings: settings as Prisma.InputJsonValue };
}

type SenderRow = Prisma.SmsSenderGetPayload<{ omit: { searchKey: true } }>;
/** Which credentials are stored, never their values (nor the sealed text). */
const secretsSet = (key: string | undefined, sender: SenderRow) => {
  if (!sender.secrets || !key) return sender.secrets ? ["sealed"] : [];
  try {
    return Object.keys(openSecrets(key, sender.secrets)).sort();
  } catch {
    return ["sealed"];
  }
};
const presenter = (key: string | undefined) => (sender: SenderRow) => {
  const { secrets: _sealed, ...rest } = sender;
  return { ...rest, settings: (sender.settings ?? {}) as Record<string, unknown>, secretsSet: secretsSet(key, sender) };
};
const auditable = ({ createdAt: _c, updatedAt: _u, secrets, ...sender }: SenderRow) => ({ ...sender, secretsStored: secrets !== null });

const senderRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("sms-senders:read");
  const adminOnly = fastify.allow("sms-senders:write");
  const key = fastify.config.SMS_SECRETS_KEY;
  const present = presenter(key);

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(SmsSender) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "sms-senders",
        sortable: SORTABLE,
        defaultSort: ["brandname", "ASC"],
        where: (filter): Prisma.SmsSenderWhereInput => {
          const provider = stringFilter(filter, "provider");
          return {
            AND: [idsWhere(filter), searchWhere(filter), provider ? { provider } : {}, { active: booleanFilter(filter, "active") }],
          };
        },
        count: (where) => db.smsSender.count({ where }),
        page: (where, page) => db.smsSender.findMany({ where, ...page }),
      });
      return rows.map(present);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: SmsSender } } }, async (request) => {
    const sender = await db.smsSender.findUnique({ where: { id: request.params.id } });
    if (!sender) throw notFound("No such sender");
    return present(sender);
  });

  fastify.get("/:id/balance", { preHandler: readers, schema: { params: IdParams, response: { 200: SenderBalance } } }, async (request) => {
    const sender = await db.smsSender.findUnique({ where: { id: request.params.id } });
    if (!sender) throw notFound("No such sender");
    if (sender.provider !== "esms") return { supported: false, balance: null };
    try {
      const provider = createSenderProvider(fastify.config, {}, sender);
      if (!("balance" in provider) || typeof provider.balance !== "function") return { supported: false, balance: null };
      return { supported: true, balance: await (provider.balance as () => Promise<number>)() };
    } catch (error) {
      // The vendor's code or "not configured"; never the request (it carries the credentials).
      const code = (error as { code?: unknown }).code;
      return { supported: true, balance: null, error: typeof code === "string" ? code : "not_configured" };
    }
  });

  fastify.post("/", { preHandler: adminOnly, schema: { body: SenderInput, response: { 200: SmsSender } } }, async (request) => {
    const actor = currentUser(request);
    const data = { ...senderData(request.body), secrets: sealedSecrets(key, request.body) };
    const sender = await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "sms-senders",
      action: "create",
      write: (tx) => tx.smsSender.create({ data }),
      audit: (sender) => ({ resourceId: sender.id, after: auditable(sender) }),
    });
    return present(sender);
  });

  fastify.put(
    "/:id",
    { preHandler: adminOnly, schema: { params: IdParams, body: SenderInput, response: { 200: SmsSender } } },
    async (request) => {
      const actor = currentUser(request);
      const { id } = request.params;
      const before = await db.smsSender.findUnique({ where: { id } });
      if (!before) throw notFound("No such sender");
      const data = { ...senderData(request.body), secrets: sealedSecrets(key, request.body, before) };
      const sender = await auditedWrite(db, {
        actorId: actor.id,
        ip: request.ip,
        resource: "sms-senders",
        action: "update",
        write: (tx) => tx.smsSender.update({ where: { id }, data }),
        audit: (sender) => ({ resourceId: id, before: auditable(before), after: auditable(sender) }),
      });
      return present(sender);
    },
  );

  fastify.delete("/:id", { preHandler: adminOnly, schema: { params: IdParams, response: { 200: SmsSender } } }, async (request) => {
    const actor = currentUser(request);
    const { id } = request.params;
    const sender = await db.smsSender.findUnique({ where: { id }, include: { _count: { select: { campaigns: true } } } });
    if (!sender) throw notFound("No such sender");
    const { _count, ...row } = sender;
    // Campaigns keep the sender they were sent with; retire a used sender with `active: false`.
    if (_count.campaigns > 0) throw conflict("Campaigns use this sender; deactivate it instead", { id: "tthc.validation.in_use" });
    await auditedWrite(db, {
      actorId: actor.id,
      ip: request.ip,
      resource: "sms-senders",
      action: "delete",
      write: (tx) => tx.smsSender.delete({ where: { id } }),
      audit: () => ({ resourceId: id, before: auditable(row) }),
    });
    return present(row);
  });
};

export default senderRoutes;
