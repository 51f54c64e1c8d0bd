// Dates and times as Vietnamese officials write them, typed as text: "30/04/2026", "07:30",
// "30/04/2026 07:30" (24-hour, Vietnam time). Native date and time inputs follow the browser's
// locale (mm/dd/yyyy, AM/PM), so the console types digits into masked text and converts them to
// the values the API reads: "YYYY-MM-DD", "HH:MM" and ISO instants.
import { parseTimeOfDay } from "../../../../server/clock/time-of-day";
import { fromVietnamDateTime, isRealDate, vietnamDateTime } from "../../../../server/clock/vietnam-time";

export const DATE_MASK = "dd/mm/yyyy";
export const TIME_MASK = "hh:mm";
export const DATE_TIME_MASK = `${DATE_MASK} ${TIME_MASK}`;

/** Keeps the digits typed and puts the mask's separators between them: "3004" → "30/04". */
export function applyMask(text: string, mask: string): string {
  const digits = text.replace(/\D/g, "");
  let out = "";
  let next = 0;
  for (const slot of mask) {
    if (next >= digits.length) break;
    out += /[a-z]/.test(slot) ? digits[next++] : slot;
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** "2026-04-30" → "30/04/2026"; anything else unchanged (text still being typed). */
export function dateToText(value: unknown): string {
  if (typeof value !== "string") return "";
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** "30/04/2026" → "2026-04-30"; null for a date that does not exist (31/02) or is not complete. */
export function textToDate(text: string): string | null {
  const match = VN_DATE.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  return isRealDate(iso) ? iso : null;
}

export const isIsoDate = (value: unknown): boolean => typeof value === "string" && ISO_DATE.test(value) && isRealDate(value);

/** "07:30" is a time of day; "24:00" only where the day's end is meant (a closing time, a window's end). */
export function isTimeOfDay(value: unknown, endOfDay: boolean): boolean {
  if (typeof value !== "string") return false;
  const minutes = parseTimeOfDay(value);
  return minutes !== null && (endOfDay || minutes < 24 * 60);
}

/** An ISO instant → "30/04/2026 07:30" in Vietnam time; anything else unchanged. */
export function instantToText(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  const instant = new Date(value);
  if (!value.includes("T") || Number.isNaN(instant.getTime())) return value;
  const [date, time] = vietnamDateTime(instant).split("T");
  return `${dateToText(date)} ${time}`;
}

/** "30/04/2026 07:30" read as Vietnam time → ISO instant; null when incomplete or not a real moment. */
export function textToInstant(text: string): string | null {
  const [dateText, time] = text.split(" ");
  const date = textToDate(dateText ?? "");
  if (!date || !isTimeOfDay(time, false)) return null;
  return fromVietnamDateTime(`${date}T${time}`)?.toISOString() ?? null;
}
