import { describe, expect, it } from "vitest";
import { nextStatus } from "../../../../server/outreach/campaigns/lifecycle.js";

describe("campaign lifecycle", () => {
  it("follows draft → pending_approval → scheduled → running ⇄ paused → completed | cancelled", () => {
    expect(nextStatus("draft", "submit")).toEqual({ ok: true, from: "draft", to: "pending_approval" });
    expect(nextStatus("pending_approval", "approve")).toMatchObject({ to: "scheduled" });
    expect(nextStatus("pending_approval", "reject")).toMatchObject({ to: "draft" });
    expect(nextStatus("scheduled", "launch")).toMatchObject({ to: "running" });
    expect(nextStatus("running", "pause")).toMatchObject({ to: "paused" });
    expect(nextStatus("paused", "resume")).toMatchObject({ to: "running" });
    expect(nextStatus("paused", "cancel")).toMatchObject({ to: "cancelled" });
    expect(nextStatus("completed", "resend_failed")).toMatchObject({ to: "running" });
  });

  it("explains a wrong state", () => {
    expect(nextStatus("draft", "launch")).toEqual({
      ok: false,
      message: "The campaign is draft: only an approved (scheduled) campaign can be launched",
    });
    expect(nextStatus("completed", "cancel").ok).toBe(false);
    expect(nextStatus("running", "update").ok).toBe(false);
    expect(nextStatus("cancelled", "resume").ok).toBe(false);
  });
});
