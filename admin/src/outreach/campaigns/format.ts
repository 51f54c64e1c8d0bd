// Money and times as Vietnamese officials read them.
const VND = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

export const formatVnd = (amount: number | null | undefined) => (amount == null ? "—" : VND.format(amount));
export const formatRate = (rate: number | null | undefined) => (rate == null ? "—" : RATE.format(rate));

const VIETNAM_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh, no daylight saving time

/** ISO instant → "YYYY-MM-DDTHH:mm" in Vietnam time, for <input type="datetime-local">. */
export function toVietnamLocal(iso: unknown): string {
  if (typeof iso !== "string" || !iso) return "";
  const time = new Date(iso).getTime();
  return Number.isNaN(time) ? "" : new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

/** "YYYY-MM-DDTHH:mm" typed as Vietnam time → ISO instant; empty → null. */
export function fromVietnamLocal(local: string): string | null {
  if (!local) return null;
  const time = new Date(`${local.length === 16 ? `${local}:00` : local}+07:00`).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
