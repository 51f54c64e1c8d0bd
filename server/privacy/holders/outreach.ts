// The SMS campaigns' holders: the contact and its lists, opt-outs, the national DNC copy, campaign
// recipients, their links, every SMS sent to the number. Campaign recipients and messages stay for
// the campaign's counts and the provider's receipts, with the number replaced by its token.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { KEPT_REASONS, mentions, plain, redacted, tokenOf } from "./match.js";
import type { FoundRecord, Holder } from "./types.js";

const rows = async (db: Db, query: Prisma.Sql): Promise<FoundRecord[]> => (await db.$queryRaw<Record<string, unknown>[]>(query)).map(plain);

/** The citizen's campaign recipients, before or after their number was replaced by the token. */
const citizenRecipients = (phone: string) => Prisma.sql`(SELECT id FROM campaign_recipients WHERE phone IN (${phone}, ${tokenOf(phone)}))`;
const campaignLink = (record: FoundRecord) => (record.campaignId ? `/campaigns/${record.campaignId}/show` : undefined);

export const contactListMembers: Holder = {
  model: "ContactListMember",
  kind: "contact-list-members",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT m.list_id || ':' || m.contact_id AS id, m.list_id AS "listId", l.name AS "listName", m.contact_id AS "contactId", m.added_at AS "addedAt"
      FROM contact_list_members m JOIN contacts c ON c.id = m.contact_id JOIN contact_lists l ON l.id = m.list_id
      WHERE c.phone = ${phone} ORDER BY m.added_at`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db
      .$executeRaw`DELETE FROM contact_list_members m USING contacts c WHERE c.id = m.contact_id AND c.phone = ${phone}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: (record) => `/contact-lists/${record.listId}/show`,
};

export const contacts: Holder = {
  model: "Contact",
  kind: "contacts",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, phone, name, agency_id AS "agencyId", age_group AS "ageGroup", tags, attributes, carrier,
        consent_status::text AS "consentStatus", consent_source AS "consentSource", consent_at AS "consentAt",
        consent_method AS "consentMethod", created_at AS "createdAt"
      FROM contacts WHERE phone = ${phone} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM contacts WHERE phone = ${phone}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: (record) => `/contacts/${record.id}/show`,
};

export const contactImportErrors: Holder = {
  model: "ContactImportError",
  kind: "contact-import-errors",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, import_id AS "importId", row_number AS "rowNumber", column_name AS "column", value, reason
      FROM contact_import_errors WHERE ${mentions(Prisma.sql`value`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM contact_import_errors WHERE ${mentions(Prisma.sql`value`, phone)}`;
    return { erased, anonymised: 0, kept: 0 };
  },
};

/** The opt-out row goes: the erased number's hash (outreach/consent/erased) keeps it from being messaged. */
export const suppressions: Holder = {
  model: "Suppression",
  kind: "suppressions",
  find: (db, phone) =>
    rows(db, Prisma.sql`SELECT phone AS id, phone, source, detail, received_at AS "receivedAt" FROM suppressions WHERE phone = ${phone}`),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM suppressions WHERE phone = ${phone}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: () => "/suppressions",
};

/** The national Do-Not-Call list is the state's, not ours: kept as imported (and it only ever stops messages). */
export const dncNumbers: Holder = {
  model: "DncNumber",
  kind: "dnc",
  find: (db, phone) => rows(db, Prisma.sql`SELECT phone AS id, phone FROM dnc_numbers WHERE phone = ${phone}`),
  async erase(ctx, phone) {
    const kept = await ctx.db.dncNumber.count({ where: { phone } });
    return { erased: 0, anonymised: 0, kept, ...(kept > 0 ? { keptReason: KEPT_REASONS.dnc } : {}) };
  },
  link: () => "/dnc",
};

export const recipientLinks: Holder = {
  model: "RecipientLink",
  kind: "recipient-links",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT rl.code AS id, rl.link_id AS "linkId", rl.recipient_id AS "recipientId", r.campaign_id AS "campaignId", rl.created_at AS "createdAt"
      FROM recipient_links rl JOIN campaign_recipients r ON r.id = rl.recipient_id WHERE r.phone = ${phone} ORDER BY rl.created_at`,
    ),
  async erase(ctx, phone) {
    const erased = await ctx.db.$executeRaw`DELETE FROM recipient_links WHERE recipient_id IN ${citizenRecipients(phone)}`;
    return { erased, anonymised: 0, kept: 0 };
  },
  link: campaignLink,
};

/** Who opened a link (only with per-recipient links): the click stays in the campaign's count, not who made it. */
export const linkRequests: Holder = {
  model: "LinkRequest",
  kind: "link-requests",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT q.id, q.link_id AS "linkId", q.campaign_id AS "campaignId", q.kind::text AS kind, q.at
      FROM link_requests q JOIN campaign_recipients r ON r.id = q.recipient_id WHERE r.phone = ${phone} ORDER BY q.id`,
    ),
  async erase(ctx, phone) {
    const anonymised = await ctx.db
      .$executeRaw`UPDATE link_requests SET recipient_id = NULL WHERE recipient_id IN ${citizenRecipients(phone)}`;
    return { erased: 0, anonymised, kept: 0 };
  },
  link: campaignLink,
};

export const smsMessages: Holder = {
  model: "SmsMessage",
  kind: "sms-messages",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT id, recipient, body, purpose, status, provider, call_id AS "callId", campaign_id AS "campaignId",
        case_id AS "caseId", sent_at AS "sentAt", delivered_at AS "deliveredAt", created_at AS "createdAt"
      FROM sms_messages WHERE recipient = ${phone} OR ${mentions(Prisma.sql`body`, phone)} ORDER BY id`,
    ),
  async erase(ctx, phone) {
    // The row stays for the campaign's counts and the provider's receipts; what it said to whom goes.
    const own = await ctx.db.$executeRaw`UPDATE sms_messages SET recipient = ${tokenOf(phone)}, body = ''
      WHERE recipient = ${phone}`;
    const others = await ctx.db.$executeRaw`UPDATE sms_messages SET body = ${redacted(Prisma.sql`body`, phone)}
      WHERE ${mentions(Prisma.sql`body`, phone)}`;
    return { erased: 0, anonymised: own + others, kept: 0 };
  },
  link: campaignLink,
};

export const campaignRecipients: Holder = {
  model: "CampaignRecipient",
  kind: "campaign-recipients",
  find: (db, phone) =>
    rows(
      db,
      Prisma.sql`SELECT r.id, r.campaign_id AS "campaignId", c.name AS "campaignName", r.phone, r.status::text AS status,
        r.skip_reason AS "skipReason", r.sent_at AS "sentAt", r.delivered_at AS "deliveredAt"
      FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.phone = ${phone} ORDER BY r.id`,
    ),
  async erase(ctx, phone) {
    // Counted in the campaign's results as before, with the token for a number; one still waiting is
    // skipped as suppressed (the same reason an opt-out gives, see outreach/consent/erased).
    const anonymised = await ctx.db.$executeRaw`UPDATE campaign_recipients
      SET phone = ${tokenOf(phone)}, contact_id = NULL, last_error = NULL,
        status = (CASE WHEN status = 'pending' THEN 'skipped' ELSE status END)::"RecipientStatus",
        skip_reason = CASE WHEN status = 'pending' THEN 'suppressed' ELSE skip_reason END,
        updated_at = now()
      WHERE phone = ${phone}`;
    return { erased: 0, anonymised, kept: 0 };
  },
  link: campaignLink,
};
