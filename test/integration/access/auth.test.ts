import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSION_NAMES, permissionsOf } from "../../../server/contract/permissions.js";
import { login, PASSWORD, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
});
afterAll(() => t.close());

describe("console login", () => {
  it("sets an httpOnly SameSite session cookie and /me returns the user with roles, agency and permissions", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "stp.giamsat", password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "tthc_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(response.json().user).not.toHaveProperty("passwordHash");

    const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: `tthc_session=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: "stp.giamsat",
      roles: ["supervisor"],
      agency: { id: seeded.agencies.department.id, name: "Sở Tư pháp" },
    });
    // The console's canAccess reads these: the supervisor's, from the one table.
    expect(me.json().permissions).toEqual(permissionsOf(["supervisor"]));
    expect(me.json().permissions).toEqual(expect.arrayContaining(["agencies:edit", "hours-overrides:write", "simulator:run"]));
    expect(me.json().permissions).not.toContain("users:manage");
  });

  it("sends administrators every permission", async () => {
    const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: await login(t.app, "admin") } });
    expect(me.json().permissions).toEqual(PERMISSION_NAMES);
  });

  it("refuses a wrong password with 401 and records the failed login in the audit log", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "lanhdao.xem", password: "sai-mat-khau" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "invalid_credentials" });
    const entry = await t.db.auditLog.findFirst({ where: { action: "login_failed", actorId: seeded.users.viewer.id } });
    expect(entry?.after).toMatchObject({ username: "lanhdao.xem", reason: "wrong_password" });
  });

  it("answers anonymous API calls with 401", async () => {
    for (const url of ["/api/auth/me", "/api/agencies", "/api/users", "/api/audit-logs"]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
    expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie: "tthc_session=forged" } })).statusCode).toBe(401);
  });

  it("ends the session on logout", async () => {
    const cookie = await login(t.app, "quynhon.nv1");
    const logout = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(401);
    expect(await t.db.auditLog.count({ where: { action: "logout", actorId: seeded.users.agent.id } })).toBe(1);
  });

  it("rejects malformed login bodies with 400, not 500", async () => {
    for (const payload of [{}, { username: "admin" }, { username: 1, password: [] }]) {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload });
      expect(response.statusCode).toBe(400);
    }
    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{oops",
    });
    expect(notJson.statusCode).toBe(400);
  });
});
