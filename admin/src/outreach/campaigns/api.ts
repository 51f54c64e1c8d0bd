// The campaign endpoints that are not CRUD: workflow actions, estimate, progress.
import type { Identifier } from "react-admin";
import type { Campaign, Estimate, Progress, SampleMessage } from "../../../../server/contract/outreach/campaigns";
import type { LinkStats } from "../../../../server/contract/outreach/links";
import { API_URL, httpClient } from "../../dataProvider";

export const CAMPAIGN_ACTIONS = ["submit", "approve", "reject", "launch", "pause", "resume", "cancel", "resend-failed"] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const campaignUrl = (id: Identifier) => `${API_URL}/campaigns/${encodeURIComponent(id)}`;

export async function runAction(id: Identifier, action: CampaignAction, body: Record<string, unknown> = {}): Promise<Campaign | undefined> {
  const { json } = await httpClient(`${campaignUrl(id)}/${action}`, { method: "POST", body: JSON.stringify(body) });
  return json as Campaign | undefined;
}

export async function fetchEstimate(id: Identifier): Promise<Estimate> {
  return (await httpClient(`${campaignUrl(id)}/estimate`)).json as Estimate;
}

export async function fetchSampleMessage(id: Identifier): Promise<SampleMessage> {
  return (await httpClient(`${campaignUrl(id)}/sample-message`)).json as SampleMessage;
}

export async function fetchProgress(id: Identifier): Promise<Progress> {
  return (await httpClient(`${campaignUrl(id)}/progress`)).json as Progress;
}

/** The results export; a plain link, so the browser sends the session cookie and saves the file. */
export const resultsCsvUrl = (id: Identifier) => `${campaignUrl(id)}/results.csv`;

/** ra-data-simple-rest resource path of a campaign's recipients (GET /api/campaigns/:id/recipients). */
export const recipientsResource = (id: Identifier) => `campaigns/${encodeURIComponent(id)}/recipients`;

export async function fetchLinkStats(id: Identifier): Promise<LinkStats> {
  return (await httpClient(`${campaignUrl(id)}/links`)).json as LinkStats;
}
