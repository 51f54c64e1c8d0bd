// The caller ID Twilio reports (From) as the call log keeps it. Twilio passes on whatever the network
// sent: "+84912345678", but also "anonymous", "Restricted", "Unknown", "+266696687" (a withheld
// number) or, from a forged or broken trunk, any text at all, "=HYPERLINK(…)" included. Only a number
// that is valid somewhere is kept; anything else becomes the one marker the console shows as
// "Số ẩn" (withheld), so nothing odd ever reaches the database, the screens or an export.
import parsePhoneNumber from "libphonenumber-js/max";
import { normalizeVietnamesePhone } from "./normalize.js";

/** The stored caller of a call whose number was withheld or not a valid phone number. */
export const WITHHELD_CALLER = "anonymous";

export function storedCaller(from: string): string {
  const vietnamese = normalizeVietnamesePhone(from);
  if (vietnamese.ok) return vietnamese.e164;
  if (vietnamese.reason === "not_vietnamese") {
    const foreign = parsePhoneNumber(from.replace(/[\s.\-/()]/g, "").replace(/^00/, "+"));
    if (foreign?.isValid()) return foreign.number;
  }
  return WITHHELD_CALLER;
}
