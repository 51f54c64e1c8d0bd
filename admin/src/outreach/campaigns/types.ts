// What the console derives from the campaigns API's records (their shapes are in the shared contract,
// server/contract/outreach/campaigns.ts): choice lists, progress figures, the live states.
import { CAMPAIGN_STATUSES, type CampaignStatus, RECIPIENT_STATUSES } from "../../../../server/contract/enums";
import type { Counts } from "../../../../server/contract/outreach/campaigns";

export const statusChoices = CAMPAIGN_STATUSES.map((id) => ({ id, name: `tthc.campaigns.statuses.${id}` }));
export const recipientStatusChoices = RECIPIENT_STATUSES.map((id) => ({ id, name: `tthc.campaigns.recipient_statuses.${id}` }));

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
