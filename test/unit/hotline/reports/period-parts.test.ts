// A period read as signed ranges of the day, month and year roll-ups: every day of the period counted
// exactly once and no other day at all, and the long periods the reports use read from few rows.
import { describe, expect, it } from "vitest";
import { addDays } from "../../../../server/clock/vietnam-time.js";
import { type GrainCosts, type PeriodPart, periodParts } from "../../../../server/hotline/reports/period-parts.js";

const WAITS: GrainCosts = { day: 1, month: 4, year: 5 };
const FIGURES: GrainCosts = { day: 1, month: 1 };

/** The first day of the next key of a grain. */
function next(grain: PeriodPart["grain"], key: string): string {
  if (grain === "day") return addDays(key, 1);
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7));
  if (grain === "year" || month === 12) return `${year + 1}-01-01`;
  return `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** How many times each day is counted by the parts (every day of a month or year key). */
function coverage(parts: readonly PeriodPart[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const part of parts) {
    for (let key = part.from; key < part.until; key = next(part.grain, key)) {
      for (let day = key; day < next(part.grain, key); day = addDays(day, 1)) counted.set(day, (counted.get(day) ?? 0) + part.sign);
    }
  }
  return counted;
}

function expectExactly(parts: readonly PeriodPart[], from: string, to: string) {
  const counted = coverage(parts);
  for (const [day, count] of counted) expect(count, day).toBe(day >= from && day <= to ? 1 : 0);
  for (let day = from; day <= to; day = addDays(day, 1)) expect(counted.get(day), day).toBe(1);
}

describe("periodParts", () => {
  it("reads a year ending today as last year's last month less its first day plus this year's histogram", () => {
    expect(periodParts("2025-12-02", "2026-12-01", "2026-12-01", WAITS)).toEqual([
      { grain: "day", from: "2025-12-01", until: "2025-12-02", sign: -1 },
      { grain: "day", from: "2026-12-02", until: "2027-01-01", sign: -1 },
      { grain: "month", from: "2025-12-01", until: "2026-01-01", sign: 1 },
      { grain: "year", from: "2026-01-01", until: "2027-01-01", sign: 1 },
    ]);
  });

  it("reads a whole month from its key alone, and a few days day by day", () => {
    expect(periodParts("2026-11-01", "2026-11-30", "2026-12-01", WAITS)).toEqual([
      { grain: "month", from: "2026-11-01", until: "2026-12-01", sign: 1 },
    ]);
    expect(periodParts("2026-11-10", "2026-11-12", "2026-12-01", FIGURES)).toEqual([
      { grain: "day", from: "2026-11-10", until: "2026-11-13", sign: 1 },
    ]);
  });

  it("counts every day of any period once and no other day", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const from = addDays("2024-11-15", random(900));
      const to = addDays(from, random(i % 3 === 0 ? 800 : 70));
      const today = addDays("2025-06-01", random(700));
      for (const costs of [WAITS, FIGURES]) expectExactly(periodParts(from, to, today, costs), from, to);
    }
  });
});
