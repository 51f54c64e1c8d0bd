// Money and rates as Vietnamese officials read them.

const VND = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

export const formatVnd = (amount: number | null | undefined) => (amount == null ? "—" : VND.format(amount));
export const formatRate = (rate: number | null | undefined) => (rate == null ? "—" : RATE.format(rate));
