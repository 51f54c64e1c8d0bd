import type { SmsPolicy } from "../../../../server/contract/outreach/sms-policy";
import { API_URL, httpClient } from "../../dataProvider";

const URL = `${API_URL}/settings/sms-policy`;

export async function fetchPolicy(): Promise<SmsPolicy> {
  return (await httpClient(URL)).json as SmsPolicy;
}

export async function savePolicy(policy: SmsPolicy): Promise<SmsPolicy> {
  const { windowStart, windowEnd, maxPerDay, requireConsent, label, optOutText } = policy;
  const body = { windowStart, windowEnd, maxPerDay, requireConsent, label, optOutText };
  return (await httpClient(URL, { method: "PUT", body: JSON.stringify(body) })).json as SmsPolicy;
}
