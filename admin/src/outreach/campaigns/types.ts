// Shapes of the campaigns API (server/outreach/campaigns), as the console reads them.
import type { RaRecord } from "react-admin";

export const CAMPAIGN_STATUSES = ["draft", "pending_approval", "scheduled", "running", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RECIPIENT_STATUSES = ["pending", "sending", "sent", "delivered", "failed", "skipped"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const statusChoices = CAMPAIGN_STATUSES.map((id) => ({ id, name: `tthc.campaigns.statuses.${id}` }));
export const recipientStatusChoices = RECIPIENT_STATUSES.map((id) => ({ id, name: `tthc.campaigns.recipient_statuses.${id}` }));

export interface Counts {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  skippedByReason: Record<string, number>;
}

export interface Audience {
  listIds: number[];
  segmentIds: number[];
}

export interface Approval {
  body: string;
  unaccented: boolean;
  senderId: number;
  brandname: string;
  recipients: number;
}

export interface Campaign extends RaRecord {
  id: number;
  name: string;
  status: CampaignStatus;
  templateId: number | null;
  body: string;
  unaccented: boolean;
  senderId: number;
  audience: Audience;
  scheduledAt: string | null;
  createdById: number;
  createdByName: string | null;
  approvedById: number | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /** What was approved: the text, the sender and how many numbers the audience held. */
  approval: Approval | null;
  /** Everyone who wrote any of it: none of them may approve it (two-person rule). */
  editorIds: number[];
  launchedAt: string | null;
  completedAt: string | null;
  pausedReason: string | null;
  /** Committed but waiting for the job queue (Redis unreachable); the worker starts it when it is back. */
  dispatchPendingSince: string | null;
  counts: Counts | null;
  createdAt: string;
  updatedAt: string;
}

export interface ComplianceItem {
  rule: string;
  ok: boolean;
  message: string;
}

export interface Estimate {
  audience: number;
  duplicates: number;
  suppressed: number;
  dnc: number;
  noConsent: number;
  sendable: number;
  encoding: string;
  segments: number;
  costVnd: number;
  compliance: ComplianceItem[];
}

export interface Progress {
  status: CampaignStatus;
  counts: Counts;
  sendRatePerSecond: number | null;
  pausedReason: string | null;
  dispatchPendingSince: string | null;
  startedAt: string | null;
  etaSeconds: number | null;
}

export interface SmsPreview {
  encoding: string;
  characters: number;
  segments: number;
  unaccented: string;
  composed: { text: string; encoding: string; characters: number; segments: number };
  cost?: number;
}

/** Messages handed over (sent, delivered, failed, skipped): the share of the bar that is done. */
export function processed(counts: Counts | null | undefined): number {
  if (!counts) return 0;
  return counts.sent + counts.delivered + counts.failed + counts.skipped;
}

export function percentDone(counts: Counts | null | undefined): number {
  if (!counts || counts.total <= 0) return 0;
  return Math.min(100, Math.round((processed(counts) / counts.total) * 1000) / 10);
}

/** States in which the dispatcher may still change the counts. */
export const LIVE_STATUSES: readonly CampaignStatus[] = ["running", "paused"];
