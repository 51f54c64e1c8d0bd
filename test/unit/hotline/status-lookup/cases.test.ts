import { describe, expect, it } from "vitest";
import { caseStatus } from "../../../../server/hotline/status-lookup/cases.js";

describe("the cases adapter's answer", () => {
  const row = { code: "GL-2026-004821", dueDate: new Date("2026-12-12"), agency: { code: "VPDKDD" } };

  it("says the deadline while the case is worked", () => {
    expect(caseStatus({ ...row, state: "in_progress", answeredAt: null })).toEqual({
      reference: "GL-2026-004821",
      stateLabel: "đang được xử lý",
      expectedDate: "2026-12-12",
      agencyCode: "VPDKDD",
    });
  });

  it("says the Vietnam day it was answered once answered or closed, and the new deadline once reopened", () => {
    // 18:30 UTC on the 3rd is already the 4th in Vietnam.
    const answeredAt = new Date("2026-12-03T18:30:00Z");
    expect(caseStatus({ ...row, state: "answered", answeredAt })).toMatchObject({
      stateLabel: "đã được trả lời",
      expectedDate: "2026-12-04",
    });
    expect(caseStatus({ ...row, state: "closed", answeredAt })).toMatchObject({ stateLabel: "đã hoàn thành", expectedDate: "2026-12-04" });
    expect(caseStatus({ ...row, state: "reopened", answeredAt })).toMatchObject({ expectedDate: "2026-12-12" });
  });
});
