// The audit log narrowed as an administrator reads it: a period of Vietnam days, and the everyday
// sign-ins and sign-outs hidden (failed sign-ins stay); a bad filter is refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
  await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "ai-do", password: "khong-biet" } });
  // 23:30 on 1 March and 00:30 on 2 March, Vietnam time (UTC+7).
  await t.db.auditLog.createMany({
    data: [
      { action: "update", resource: "agencies", resourceId: "1", createdAt: new Date("2026-03-01T16:30:00Z") },
      { action: "delete", resource: "agencies", resourceId: "2", createdAt: new Date("2026-03-01T17:30:00Z") },
    ],
  });
});
afterAll(() => t.close());

const list = (filter: object) => t.app.inject({ url: listUrl("audit-logs", { filter }), headers: { cookie: admin } });
const actions = async (filter: object) => (await list(filter)).json().map((e: { action: string }) => e.action);

describe("audit log filters", () => {
  it("keeps the entries of whole Vietnam days from `from` to `to`", async () => {
    expect(await actions({ from: "2026-03-02", to: "2026-03-02" })).toEqual(["delete"]);
    expect(await actions({ to: "2026-03-01", resource: "agencies" })).toEqual(["update"]);
    expect(await actions({ from: "2026-03-01", to: "2026-03-02" })).toEqual(["delete", "update"]);
  });

  it("hides routine sign-ins but keeps failed ones", async () => {
    expect(await actions({ resource: "auth" })).toEqual(expect.arrayContaining(["login", "login_failed"]));
    const shown = await actions({ resource: "auth", hideLogins: true });
    expect(shown).toEqual(["login_failed"]);
    expect(await actions({ resource: "auth", hideLogins: false })).toContain("login");
  });

  it("refuses a day that does not exist or a toggle that is not a boolean, naming the filter", async () => {
    const day = await list({ from: "2026-02-30" });
    expect(day.statusCode).toBe(400);
    expect(day.json().errors).toEqual({ from: "tthc.validation.format" });
    const toggle = await list({ hideLogins: "yes" });
    expect(toggle.statusCode).toBe(400);
    expect(Object.keys(toggle.json().errors)).toEqual(["hideLogins"]);
  });
});
