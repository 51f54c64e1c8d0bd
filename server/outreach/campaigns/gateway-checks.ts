// What a gateway that sends advertising in batches (eSMS) needs before a campaign may start: one
// text for every number (no {{variables}}), at least its minimum of numbers per request, and a
// balance that covers the estimated cost. Asked at launch; each refusal names its reason.
import type { Campaign } from "../../generated/prisma/client.js";
import type { SmsProvider } from "../../messaging/provider.js";
import type { Db } from "../../platform/db/client.js";
import { templateVariables } from "../templates/template.js";
import { estimateCampaign } from "./estimate.js";

export async function gatewayLaunchRefusal(
  db: Db,
  campaign: Omit<Campaign, "searchKey">,
  provider: SmsProvider,
  now: Date,
): Promise<string | null> {
  const batch = provider.batch;
  if (!batch) return null;
  if (templateVariables(campaign.body).length > 0) {
    return "Cổng này gửi tin quảng cáo theo lô, một nội dung cho mọi số: không dùng biến cá nhân hoá. This gateway sends advertising in batches with one text for every number: personalised {{variables}} cannot be used.";
  }
  const estimate = await estimateCampaign(db, campaign, now);
  if (estimate.sendable < batch.minNumbers) {
    return `Chỉ ${estimate.sendable} số nhận được tin; cổng này cần ít nhất ${batch.minNumbers} số mỗi lô. Only ${estimate.sendable} numbers can receive the campaign; this gateway needs at least ${batch.minNumbers} per batch.`;
  }
  const withBalance = provider as SmsProvider & { balance?: () => Promise<number> };
  if (typeof withBalance.balance === "function") {
    let balance: number;
    try {
      balance = await withBalance.balance();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return `Không đọc được số dư của cổng (${typeof code === "string" ? code : "error"}). The gateway's balance could not be read (${typeof code === "string" ? code : "error"}).`;
    }
    if (estimate.costVnd > balance) {
      return `Chi phí ước tính ${estimate.costVnd} đ vượt số dư ${balance} đ. The estimated cost (${estimate.costVnd} VND) exceeds the gateway's balance (${balance} VND).`;
    }
  }
  return null;
}
