// Numbers as officials read them: durations mm:ss, rates as Vietnamese percentages, times in Vietnam.
import { addDays, vietnamClock } from "../../../../server/clock/vietnam-time";

/** 95 → "01:35"; an hour or more → "1:02:05"; null → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

const PERCENT = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 });
const NUMBER = new Intl.NumberFormat("vi-VN");

export const formatPercent = (rate: number | null | undefined) => (rate == null ? "—" : PERCENT.format(rate));
export const formatNumber = (n: number | null | undefined) => (n == null ? "—" : NUMBER.format(n));

const TIME = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Asia/Ho_Chi_Minh",
});
export const formatTime = (iso: string) => TIME.format(new Date(iso));
export const formatDateTime = (iso: string) => DATE_TIME.format(new Date(iso));

/** Today's date in Vietnam as YYYY-MM-DD, shifted by `days`. */
export function vietnamDay(days = 0, now = new Date()): string {
  return addDays(vietnamClock(now).date, days);
}

/** A link into the call list with these filters (react-admin reads `filter` from the query string). */
export function callsListPath(filter: Record<string, unknown>): string {
  const query = new URLSearchParams({ filter: JSON.stringify(filter), sort: "startedAt", order: "DESC", page: "1", perPage: "25" });
  return `/calls?${query.toString()}`;
}
