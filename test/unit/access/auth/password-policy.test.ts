import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../../../server/access/auth/password-policy.js";
import { PASSWORD } from "../../../helpers/app.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD } from "../../../helpers/demo.js";

describe("password policy", () => {
  it("accepts the passwords the tests log in with, for the users they belong to", async () => {
    const fixtures: [string, { username: string; name?: string }][] = [
      [PASSWORD, { username: "admin" }],
      [PASSWORD, { username: "stp.giamsat" }],
      [DEMO_ADMIN_PASSWORD, { username: "admin", name: "Quản trị hệ thống" }],
      // test/browser/console.test.ts (AGENT), test/browser/campaigns.test.ts, simulator and flows API tests.
      ["mat-khau-moi-2026", { username: "nv.quynhon", name: "Trần Thị Thu" }],
      ["chien-dich-thu-nghiem", { username: "chiendich.quanly", name: "Trần Thị Quản Lý" }],
      [DEMO_STAFF_PASSWORD, { username: "" }],
    ];
    for (const [password, owner] of fixtures) expect(await passwordProblem(password, owner), password).toBeNull();
  });

  it("refuses the owner's name whatever the case, accents or separators", async () => {
    const owner = { username: "tran.thu", name: "Trần Thị Thu", email: "thu.tt@gialai.gov.vn" };
    expect(await passwordProblem("TRANTHITHU-ngay-mai", owner)).toBe("password_personal");
    expect(await passwordProblem("đi-học-trần thị thu", owner)).toBe("password_personal");
    expect(await passwordProblem("Tran.Thu.2026-xyz", owner)).toBe("password_personal");
    expect(await passwordProblem("thu.tt@gialai.gov.vn", owner)).toBe("password_personal");
    // Words of the name alone are common Vietnamese syllables, not refused by themselves.
    expect(await passwordProblem("thu-nghiem-cua-chung-toi", owner)).toBeNull();
  });
});
