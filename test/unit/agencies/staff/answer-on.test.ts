import { describe, expect, it } from "vitest";
import { clientIdentityOf, ringTargets, staffIdOfIdentity } from "../../../../server/agencies/staff/answer-on.js";

describe("where a staff member's calls ring", () => {
  it("derives the browser desk's Client identity from the user id, and reads it back", () => {
    expect(clientIdentityOf(7)).toBe("staff-7");
    expect(staffIdOfIdentity("staff-7")).toBe(7);
    for (const other of ["staff-", "staff-07", "staff-7x", "client:staff-7", "STAFF-7", "staff-12345678901", "quynhon.nv1"]) {
      expect(staffIdOfIdentity(other), other).toBeNull();
    }
  });

  it("rings the phone for phone, the browser for browser, never both", () => {
    expect(ringTargets({ id: 3, phone: "+84905000003", answerOn: "phone" })).toEqual({ phone: "+84905000003", clientIdentity: null });
    expect(ringTargets({ id: 3, phone: "+84905000003", answerOn: "browser" })).toEqual({ phone: null, clientIdentity: "staff-3" });
    // A browser choice needs no phone; a phone choice without a phone rings nothing.
    expect(ringTargets({ id: 4, phone: null, answerOn: "browser" })).toEqual({ phone: null, clientIdentity: "staff-4" });
    expect(ringTargets({ id: 4, phone: null, answerOn: "phone" })).toEqual({ phone: null, clientIdentity: null });
  });
});
