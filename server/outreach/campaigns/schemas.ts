// Request and response schemas of /api/campaigns. They are the contract shared with the console
// (server/contract/outreach/campaigns.ts); this module gathers them for the campaign routes.
import type Type from "typebox";
import type { CampaignInput } from "../../contract/outreach/campaigns.js";

export { CAMPAIGN_STATUSES as STATUSES, RECIPIENT_STATUSES } from "../../contract/enums.js";
export { Campaign, CampaignInput, Estimate, Progress, Recipient, SampleMessage } from "../../contract/outreach/campaigns.js";

/** The body as the handlers read it. */
export type CampaignBody = Type.Static<typeof CampaignInput>;
