// Money and times as Vietnamese officials read them; Vietnam time comes from the server's clock.
import { fromVietnamDateTime, vietnamDateTime } from "../../../../server/clock/vietnam-time";

const VND = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

export const formatVnd = (amount: number | null | undefined) => (amount == null ? "—" : VND.format(amount));
export const formatRate = (rate: number | null | undefined) => (rate == null ? "—" : RATE.format(rate));

/** ISO instant → "YYYY-MM-DDTHH:mm" in Vietnam time, for <input type="datetime-local">. */
export function toVietnamLocal(iso: unknown): string {
  if (typeof iso !== "string" || !iso) return "";
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? "" : vietnamDateTime(instant);
}

/** "YYYY-MM-DDTHH:mm" typed as Vietnam time → ISO instant; empty → null. */
export function fromVietnamLocal(local: string): string | null {
  if (!local) return null;
  return fromVietnamDateTime(local)?.toISOString() ?? null;
}
