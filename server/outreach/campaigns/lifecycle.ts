// The campaign lifecycle as a pure table: draft → pending_approval → scheduled → running ⇄ paused →
// completed | cancelled. Routes and workers ask `nextStatus` and then make the change with a
// conditional UPDATE (WHERE status = the one checked), so two concurrent actions cannot both win.
import type { CampaignStatus } from "../../generated/prisma/enums.js";

export type CampaignAction = "update" | "submit" | "approve" | "reject" | "launch" | "pause" | "resume" | "cancel" | "resend_failed";

const TRANSITIONS: Record<CampaignAction, Partial<Record<CampaignStatus, CampaignStatus>>> = {
  update: { draft: "draft" },
  submit: { draft: "pending_approval" },
  approve: { pending_approval: "scheduled" },
  reject: { pending_approval: "draft", scheduled: "draft" },
  launch: { scheduled: "running" },
  pause: { running: "paused" },
  resume: { paused: "running" },
  cancel: { draft: "cancelled", pending_approval: "cancelled", scheduled: "cancelled", running: "cancelled", paused: "cancelled" },
  // Failed recipients get a new attempt; the campaign runs again until they reach a final state.
  resend_failed: { completed: "running", paused: "paused", running: "running" },
};

/** What a human reads when the action does not fit the campaign's state (sent with 409). */
const NEEDS: Record<CampaignAction, string> = {
  update: "only a draft can be edited",
  submit: "only a draft can be submitted for approval",
  approve: "only a campaign waiting for approval can be approved",
  reject: "only a campaign waiting for approval or approved but not launched can be sent back to draft",
  launch: "only an approved (scheduled) campaign can be launched",
  pause: "only a running campaign can be paused",
  resume: "only a paused campaign can be resumed",
  cancel: "a completed or cancelled campaign cannot be cancelled",
  resend_failed: "failed recipients can be resent only while the campaign runs, is paused or has completed",
};

export type Transition = { ok: true; from: CampaignStatus; to: CampaignStatus } | { ok: false; message: string };

export function nextStatus(current: CampaignStatus, action: CampaignAction): Transition {
  const to = TRANSITIONS[action][current];
  if (to === undefined) return { ok: false, message: `The campaign is ${current}: ${NEEDS[action]}` };
  return { ok: true, from: current, to };
}

/** States the dispatcher sends in. */
export const SENDING_STATUSES: readonly CampaignStatus[] = ["running"];
export const FINAL_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ["completed", "cancelled"];
