// Opt-outs. A suppressed number is never sent a campaign message: the campaign engine skips it when
// materialising recipients and the worker checks isSuppressed again right before each send.
// The suppression row is the single source of "this opt-out was already confirmed": it is inserted
// with ON CONFLICT DO NOTHING and only the request that created it sends the confirmation, so a
// retried webhook or a second "TC" never produces a second SMS.
import type { SuppressionSource } from "../../../contract/enums.js";
import type { Db } from "../../../platform/db/client.js";

export interface SuppressOptions {
  /**
   * Sends the one confirmation SMS (server/outreach/consent/opt-outs/confirmation.ts). Omitted: none is sent. The
   * "provider" source never sends one: the carrier reported the unsubscribe and already blocks the number.
   */
  confirm?: (phone: string, receivedAt: Date) => Promise<void>;
}

const METHOD: Record<SuppressionSource, string> = {
  keyword: "SMS từ chối",
  console: "Ghi nhận trên bảng điều khiển",
  provider: "Nhà mạng báo đã hủy đăng ký",
  call: "Từ chối qua cuộc gọi",
};

/**
 * Records an opt-out of `phone` (E.164). Idempotent: `created` is false when the number was already
 * suppressed. The contact (if any) becomes "refused", with the opt-out as its evidence.
 */
export async function suppress(
  db: Db,
  phone: string,
  source: SuppressionSource,
  detail?: string,
  receivedAt: Date = new Date(),
  options: SuppressOptions = {},
): Promise<{ created: boolean }> {
  const inserted = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ phone: string }[]>`
      INSERT INTO suppressions (phone, source, detail, received_at)
      VALUES (${phone}, ${source}, ${detail?.slice(0, 500) ?? null}, ${receivedAt})
      ON CONFLICT (phone) DO NOTHING
      RETURNING phone`;
    if (rows.length === 0) return false;
    await tx.contact.updateMany({
      where: { phone },
      data: { consentStatus: "refused", consentSource: `opt_out:${source}`, consentAt: receivedAt, consentMethod: METHOD[source] },
    });
    return true;
  });
  if (inserted && source !== "provider" && options.confirm) await options.confirm(phone, receivedAt);
  return { created: inserted };
}

export async function isSuppressed(db: Db, phone: string): Promise<boolean> {
  return (await db.suppression.findUnique({ where: { phone }, select: { phone: true } })) !== null;
}
