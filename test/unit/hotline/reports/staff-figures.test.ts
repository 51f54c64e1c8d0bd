import { describe, expect, it } from "vitest";
import { presenceFigures, type StaffTotals, staffRow } from "../../../../server/hotline/reports/staff-figures.js";

const totals = (fields: Partial<StaffTotals>): StaffTotals => ({
  staffId: 1,
  name: "Lan",
  agencyId: 2,
  agencyName: "Sở Tư pháp",
  answered: 0,
  talkSeconds: 0,
  talked: 0,
  loggedInSeconds: 0,
  busySeconds: 0,
  wrapUpSeconds: 0,
  wrapUps: 0,
  ...fields,
});

describe("staff figures", () => {
  it("weighs occupancy and wrap-up of a group by time, not by person", () => {
    const group = [
      totals({ loggedInSeconds: 3600, busySeconds: 1800, wrapUpSeconds: 120, wrapUps: 2 }),
      totals({ loggedInSeconds: 7200, busySeconds: 720, wrapUpSeconds: 30, wrapUps: 1 }),
    ];
    expect(presenceFigures(group)).toEqual({ occupancy: 2520 / 10800, averageWrapUpSeconds: 50 });
  });

  it("has no occupancy without time logged in, and a mean talk only over calls with a talk time", () => {
    expect(presenceFigures([])).toEqual({ occupancy: null, averageWrapUpSeconds: null });
    expect(staffRow(totals({ answered: 3, talked: 2, talkSeconds: 300 }))).toMatchObject({
      answered: 3,
      averageTalkSeconds: 150,
      occupancy: null,
      averageWrapUpSeconds: null,
    });
  });
});
