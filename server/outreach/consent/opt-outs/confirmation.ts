// The one confirmation an opt-out gets (Decree 91/2020): when the request was received and that
// sending stops, nothing else, no advertising. Unaccented so it is one GSM-7 part on every gateway.

import { vietnamClock } from "../../../clock/vietnam-time.js";
import { sendSms } from "../../../messaging/messages.js";
import type { SmsProvider } from "../../../messaging/provider.js";
import { maskPhone } from "../../../phone/mask.js";
import type { Db } from "../../../platform/db/client.js";

export const OPT_OUT_CONFIRMATION_PURPOSE = "opt_out_confirmation";

/** "Tong dai TTHC Gia Lai da nhan yeu cau tu choi luc 21:05 23/11/2026. Tu nay quy vi se khong nhan tin quang cao." */
export function confirmationText(receivedAt: Date): string {
  const { date, minutes } = vietnamClock(receivedAt);
  const [y, m, d] = date.split("-");
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `Tong dai TTHC Gia Lai da nhan yeu cau tu choi luc ${hh}:${mm} ${d}/${m}/${y}. Tu nay quy vi se khong nhan tin quang cao.`;
}

export interface ConfirmationDeps {
  db: Db;
  sms: SmsProvider;
  publicBaseUrl?: string;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * The `confirm` option of suppress(). A failed send is logged and not retried: the suppression
 * itself is what matters, and a retry risks a second message after an unclear failure.
 */
export function optOutConfirmation(deps: ConfirmationDeps): (phone: string, receivedAt: Date) => Promise<void> {
  return async (phone, receivedAt) => {
    try {
      await sendSms(
        deps.db,
        deps.sms,
        { to: phone, body: confirmationText(receivedAt), purpose: OPT_OUT_CONFIRMATION_PURPOSE },
        { publicBaseUrl: deps.publicBaseUrl },
      );
    } catch (error) {
      deps.log?.warn(
        { to: maskPhone(phone), err: error instanceof Error ? error.message : String(error) },
        "opt-out confirmation not sent",
      );
    }
  };
}
