// The report roll-up tables by family and grain (migrations 20261205130000_report_rollups and
// 20261206100000_report_rollup_periods), with about how many rows one key of each holds, for
// period-parts.ts to choose the cheapest reading: day × agency figures are one row an agency whatever
// the grain; a wait histogram holds a row per distinct wait, and a month (year) has about four (five)
// times a day's; staff figures are one row a staff member.
import type { GrainCosts, GrainTables } from "./period-parts.js";

export const FIGURE_TABLES: GrainTables = {
  day: { table: "call_daily_figures", key: "day" },
  month: { table: "call_monthly_figures", key: "month" },
};
export const FIGURE_COSTS: GrainCosts = { day: 1, month: 1 };

export const WAIT_TABLES: GrainTables = {
  day: { table: "call_daily_waits", key: "day" },
  month: { table: "call_monthly_waits", key: "month" },
  year: { table: "call_yearly_waits", key: "year" },
};
export const WAIT_COSTS: GrainCosts = { day: 1, month: 4, year: 5 };

export const STAFF_TABLES: GrainTables = {
  day: { table: "call_daily_staff_figures", key: "day" },
  month: { table: "call_monthly_staff_figures", key: "month" },
};
export const STAFF_COSTS: GrainCosts = { day: 1, month: 1 };
