// What an approval covers, and who may give it.
//
// Two-person rule: nobody who wrote any of the campaign approves it. "Wrote" means: created it, saved
// an edit of it, submitted it for approval, or created or edited the template its text was taken
// from (editorIds, kept by the routes; a template's editors are copied in when a campaign takes its text).
//
// An approval is a record of exactly what would be sent: the text, the sender (brandname and the
// provider behind it) and the audience as a fingerprint, the count and an MD5 of the sorted distinct
// numbers. Launch writes the recipient snapshot and, in the same transaction, compares the snapshot's
// fingerprint and the campaign's text and sender with the approval: any difference (a contact added to
// a list, a segment redefined, a sender renamed…) rolls the launch back and returns the campaign to
// pending approval. So whatever path changes the audience, nothing unapproved can be sent: the check
// is on what the snapshot holds, not on the ways of changing it.

import { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { conflict, forbidden, notFound } from "../../platform/http/errors.js";
import { znsParams } from "../zns/fill.js";
import { nextStatus } from "./lifecycle.js";
import { audienceRowsSql, parseAudience } from "./materialise.js";

type Tx = Prisma.TransactionClient | Db;

export interface Approval {
  body: string;
  unaccented: boolean;
  senderId: number;
  brandname: string;
  provider: string;
  /** Distinct numbers in the audience (skipped ones included: the snapshot records them too). */
  recipients: number;
  audienceHash: string;
  /** 'sms' or 'zns_sms_fallback'; absent in approvals recorded before ZNS existed (they were SMS). */
  channel?: string;
  /** The ZNS the approver read: Zalo's template, its text and each parameter's source; null for SMS. */
  zns?: ZnsTerms | null;
}

/** What a ZNS campaign sends besides its SMS: the template as Zalo knows it and where each value comes from. */
export interface ZnsTerms {
  znsTemplateId: number;
  oaId: string;
  templateId: string;
  preview: string;
  /** name → source, the campaign's mapping over the template's own sources, sorted by name. */
  sources: Record<string, string>;
}

export function parseApproval(value: unknown): Approval | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<Approval>;
  if (typeof v.body !== "string" || typeof v.audienceHash !== "string" || typeof v.recipients !== "number") return null;
  return v as Approval;
}

/** The editors after `ids` joined: sorted, each once. */
export function withEditors(current: readonly number[], ids: readonly number[]): number[] {
  return [...new Set([...current, ...ids])].sort((a, b) => a - b);
}

interface Fingerprint {
  recipients: number;
  audienceHash: string;
}

async function fingerprintOf(db: Tx, phones: Prisma.Sql): Promise<Fingerprint> {
  const [row] = await db.$queryRaw<{ n: number; hash: string }[]>`
    SELECT count(*)::int AS n, coalesce(md5(string_agg(p.phone, ',' ORDER BY p.phone)), '') AS hash FROM (${phones}) p`;
  return { recipients: row?.n ?? 0, audienceHash: row?.hash ?? "" };
}

/** The audience as it is now: the numbers a launch at this moment would snapshot. */
export async function audienceFingerprint(db: Tx, audience: unknown): Promise<Fingerprint> {
  const rows = await audienceRowsSql(db as Db, parseAudience(audience));
  return fingerprintOf(db, Prisma.sql`SELECT DISTINCT c.phone FROM (${rows}) a JOIN contacts c ON c.id = a.contact_id`);
}

/** The numbers the launch snapshot holds. */
export function snapshotFingerprint(db: Tx, campaignId: number): Promise<Fingerprint> {
  return fingerprintOf(db, Prisma.sql`SELECT phone FROM campaign_recipients WHERE campaign_id = ${campaignId}`);
}

interface Terms {
  body: string;
  unaccented: boolean;
  senderId: number;
  channel: string;
  znsTemplateId: number | null;
  znsParams: unknown;
}

const TERMS_SELECT = {
  body: true,
  unaccented: true,
  senderId: true,
  channel: true,
  znsTemplateId: true,
  znsParams: true,
} as const;

/** The ZNS part of the terms: read from the template now, so editing the template after approval shows. */
async function znsTermsOf(db: Tx, campaign: Terms): Promise<ZnsTerms | null> {
  if (campaign.channel !== "zns_sms_fallback" || campaign.znsTemplateId === null) return null;
  const t = await db.znsTemplate.findUniqueOrThrow({ where: { id: campaign.znsTemplateId } });
  const overrides =
    campaign.znsParams && typeof campaign.znsParams === "object" && !Array.isArray(campaign.znsParams)
      ? (campaign.znsParams as Record<string, unknown>)
      : {};
  const sources: Record<string, string> = {};
  for (const p of [...znsParams(t.params)].sort((a, b) => a.name.localeCompare(b.name))) {
    const override = overrides[p.name];
    sources[p.name] = typeof override === "string" && override !== "" ? override : p.source;
  }
  return { znsTemplateId: t.id, oaId: t.oaId, templateId: t.templateId, preview: t.preview, sources };
}

/** The campaign's text, sender and channel with an audience fingerprint: what would be sent. */
export async function termsOf(db: Tx, campaign: Terms, audience: Fingerprint): Promise<Approval> {
  const sender = await db.smsSender.findUniqueOrThrow({ where: { id: campaign.senderId }, select: { brandname: true, provider: true } });
  return {
    body: campaign.body,
    unaccented: campaign.unaccented,
    senderId: campaign.senderId,
    ...sender,
    ...audience,
    channel: campaign.channel,
    zns: await znsTermsOf(db, campaign),
  };
}

/** Field by field: the approval comes back from jsonb, which does not keep key order. */
function sameZns(a: ZnsTerms | null, b: ZnsTerms | null): boolean {
  if (a === null || b === null) return a === b;
  const sources = (z: ZnsTerms) => JSON.stringify(Object.entries(z.sources ?? {}).sort(([x], [y]) => x.localeCompare(y)));
  return (
    a.znsTemplateId === b.znsTemplateId &&
    a.oaId === b.oaId &&
    a.templateId === b.templateId &&
    a.preview === b.preview &&
    sources(a) === sources(b)
  );
}

/** What differs between the approval and what would be sent now, in words; empty when nothing. */
export function differences(approved: Approval | null, now: Approval): string[] {
  if (!approved) return ["no record of what was approved"];
  const found: string[] = [];
  if (approved.body !== now.body || approved.unaccented !== now.unaccented) found.push("the text changed");
  if (approved.senderId !== now.senderId || approved.brandname !== now.brandname || approved.provider !== now.provider) {
    found.push(`the sender changed: approved ${approved.brandname} (${approved.provider}), now ${now.brandname} (${now.provider})`);
  }
  if ((approved.channel ?? "sms") !== now.channel)
    found.push(`the channel changed: approved ${approved.channel ?? "sms"}, now ${now.channel}`);
  else if (!sameZns(approved.zns ?? null, now.zns ?? null)) found.push("the Zalo ZNS template or its parameters changed");
  if (approved.recipients !== now.recipients) found.push(`approved ${approved.recipients} recipients, now ${now.recipients}`);
  else if (approved.audienceHash !== now.audienceHash)
    found.push(`the same number of recipients (${now.recipients}) but different numbers`);
  return found;
}

/** What the approval screen and the audit log show (the fingerprint's hash is for machines). */
export function shownApproval(approval: Approval | null) {
  if (!approval) return null;
  const { body, unaccented, senderId, brandname, recipients } = approval;
  return { body, unaccented, senderId, brandname, recipients, channel: approval.channel ?? "sms", zns: approval.zns ?? null };
}

/** What the person launching reads (409) when the campaign went back for approval. */
export const launchRefusal = (found: string[]) =>
  `Launch refused, what would be sent is not what was approved: ${found.join("; ")}. The campaign is back waiting for approval.`;

/** Thrown inside the launch transaction to roll the snapshot back. */
export class ApprovalNoLongerHolds extends Error {
  constructor(readonly differences: string[]) {
    super(launchRefusal(differences));
  }
}

/** Before a launch is planned for later: the same comparison against the audience as it is now. */
export async function liveDifferences(db: Db, campaign: Terms & { audience: unknown; approval: unknown }): Promise<string[]> {
  return differences(parseApproval(campaign.approval), await termsOf(db, campaign, await audienceFingerprint(db, campaign.audience)));
}

/** Inside the launch transaction, after the snapshot is written: throws if it is not what was approved. */
export async function assertSnapshotApproved(tx: Tx, campaignId: number): Promise<void> {
  const campaign = await tx.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { ...TERMS_SELECT, approval: true },
  });
  const found = differences(parseApproval(campaign.approval), await termsOf(tx, campaign, await snapshotFingerprint(tx, campaignId)));
  if (found.length > 0) throw new ApprovalNoLongerHolds(found);
}

/** The launch was refused: back to pending approval, the approval cleared, the difference audited. */
export async function returnForApproval(
  db: Db,
  campaignId: number,
  found: string[],
  actorId: number | null,
  ip: string | null,
  now: Date,
): Promise<void> {
  await auditedWrite(db, {
    actorId,
    ip,
    resource: "campaigns",
    action: "return_for_approval",
    write: async (tx) => {
      const before = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { approval: true, approvedById: true } });
      const { count } = await tx.campaign.updateMany({
        where: { id: campaignId, status: "scheduled" },
        data: {
          status: "pending_approval",
          approvedById: null,
          approvedAt: null,
          approval: Prisma.DbNull,
          launchedAt: null,
          updatedAt: now,
        },
      });
      return { before, returned: count > 0 };
    },
    audit: ({ before, returned }) =>
      returned
        ? {
            resourceId: campaignId,
            before: { status: "scheduled", approvedById: before.approvedById, approval: shownApproval(parseApproval(before.approval)) },
            after: { status: "pending_approval", differences: found },
          }
        : null,
  });
}

/**
 * pending_approval → scheduled, recording what is approved. The row is locked while the audience is
 * fingerprinted, so the approval and the campaign it describes are the same version.
 */
export async function approveCampaign(db: Db, campaignId: number, approverId: number, ip: string, now: Date): Promise<void> {
  await auditedWrite(db, {
    actorId: approverId,
    ip,
    resource: "campaigns",
    action: "approve",
    write: async (tx) => {
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM campaigns WHERE id = ${campaignId} FOR UPDATE`;
      if (locked.length === 0) throw notFound("No such campaign");
      const before = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      const step = nextStatus(before.status, "approve");
      if (!step.ok) throw conflict(step.message);
      if (before.editorIds.includes(approverId)) {
        throw forbidden(
          "Two-person rule: you wrote, edited or submitted this campaign (or its template); another campaign approver must approve it",
        );
      }
      const approval = await termsOf(tx, before, await audienceFingerprint(tx, before.audience));
      await tx.campaign.update({
        where: { id: campaignId },
        data: { status: step.to, approvedById: approverId, approvedAt: now, approval: approval as unknown as Prisma.InputJsonValue },
      });
      return { from: before.status, to: step.to, approval };
    },
    audit: ({ from, to, approval }) => ({
      resourceId: campaignId,
      before: { status: from },
      after: { status: to, approvedById: approverId, approval: shownApproval(approval) },
    }),
    // Fingerprinting a large audience takes longer than the default 5 s.
    transaction: { timeout: 5 * 60_000, maxWait: 30_000 },
  });
}
