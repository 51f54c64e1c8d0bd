// Console accounts, managed by administrators only: validation, roles that take effect at once,
// deactivation and password resets that end sessions, and no way for an admin to lock themself out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, PASSWORD, seedSmallProvince, startTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;

beforeAll(async () => {
  // A few deliberate failed logins below must not trip the failed-login limit.
  t = await startTestApp({ LOGIN_MAX_FAILURES: "100", LOGIN_ADDRESS_MAX_FAILURES: "1000" });
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const tryLogin = async (username: string, password: string) =>
  (await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } })).statusCode;
const me = (cookie: string) => t.app.inject({ url: "/api/auth/me", headers: { cookie } });

let counter = 0;
/** Creates a fresh user through the API and returns the response body. */
async function createUser(fields: Record<string, unknown> = {}) {
  counter += 1;
  const payload = {
    username: `nguoidung${counter}`,
    password: "mat-khau-dai-du",
    name: `Người dùng ${counter}`,
    roles: ["agent"],
    agencyId: seeded.agencies.wardB.id,
    ...fields,
  };
  const response = await call(admin, "POST", "/api/users", payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("creating users", () => {
  it("creates a user who can log in with the roles given, never exposing the password hash", async () => {
    const { department } = seeded.agencies;
    const payload = {
      username: "stp.tongdai",
      password: "mot-mat-khau-moi",
      name: "Trần Thị B",
      email: "ttb@stp.gialai.gov.vn",
      roles: ["supervisor", "agent"],
      agencyId: department.id,
    };
    const response = await call(admin, "POST", "/api/users", payload);
    expect(response.statusCode).toBe(200);
    const created = response.json();
    expect(created).toMatchObject({ username: "stp.tongdai", roles: ["supervisor", "agent"], agencyId: department.id, active: true });
    expect(created).not.toHaveProperty("password");
    expect(created).not.toHaveProperty("passwordHash");
    expect((await call(admin, "GET", `/api/users/${created.id}`)).json()).not.toHaveProperty("passwordHash");
    for (const user of (await call(admin, "GET", "/api/users")).json()) expect(user).not.toHaveProperty("passwordHash");

    const cookie = await login(t.app, "stp.tongdai", "mot-mat-khau-moi");
    expect((await me(cookie)).json()).toMatchObject({ roles: ["supervisor", "agent"], agency: { id: department.id } });

    const entry = await t.db.auditLog.findFirstOrThrow({ where: { resource: "users", action: "create", resourceId: String(created.id) } });
    expect(entry).toMatchObject({ actorId: seeded.users.admin.id, after: { username: "stp.tongdai", roles: ["supervisor", "agent"] } });
    expect(JSON.stringify(entry.after)).not.toMatch(/password/i);
  });

  it("refuses a password shorter than 12 characters", async () => {
    const response = await call(admin, "POST", "/api/users", {
      username: "ngan",
      password: "12345678901",
      name: "Ngắn",
      roles: ["agent"],
      agencyId: seeded.agencies.wardA.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual({ password: "tthc.validation.password_too_short" });
    expect(await t.db.user.count({ where: { username: "ngan" } })).toBe(0);
  });

  it("refuses guessable passwords and ones made of the user's own username, name or e-mail, naming the reason", async () => {
    const person = {
      username: "thanhtra.vien01",
      name: "Nguyễn Văn Mạnh",
      email: "manh.nv@gialai.gov.vn",
      roles: ["agent"],
      agencyId: seeded.agencies.wardA.id,
    };
    const refused: [string, string][] = [
      // What the issue found accepted.
      ["1234567890", "password_too_short"],
      ["aaaaaaaaaa", "password_too_short"],
      ["password12", "password_too_short"],
      [" ".repeat(10), "password_too_short"],
      // The same mistakes at the minimum length.
      ["123456789012", "password_too_weak"],
      ["aaaaaaaaaaaa", "password_too_weak"],
      ["password1234", "password_too_weak"],
      [" ".repeat(12), "password_too_weak"],
      ["qwertyuiop[]", "password_too_weak"],
      ["thanhtra.vien01", "password_personal"],
      ["Thanhtra.Vien01!", "password_personal"],
      ["NguyenVanManh-2026", "password_personal"],
      ["manh.nv@gialai.gov.vn", "password_personal"],
    ];
    for (const [password, reason] of refused) {
      const response = await call(admin, "POST", "/api/users", { ...person, password });
      expect(response.statusCode, password).toBe(400);
      expect(response.json().errors, password).toEqual({ password: `tthc.validation.${reason}` });
    }
    expect(await t.db.user.count({ where: { username: person.username } })).toBe(0);

    const created = await call(admin, "POST", "/api/users", { ...person, password: "dong-lua-chin-vang" });
    expect(created.statusCode, created.body).toBe(200);
    for (const [password, reason] of refused) {
      const reset = await call(admin, "POST", `/api/users/${created.json().id}/password`, { password });
      expect(reset.statusCode, password).toBe(400);
      expect(reset.json().errors, password).toEqual({ password: `tthc.validation.${reason}` });
    }
    expect(await tryLogin(person.username, "dong-lua-chin-vang")).toBe(200);
  });

  it("refuses unknown or missing roles and an agency that does not exist, naming the field", async () => {
    const base = { username: "sai", password: "mat-khau-dai-du", name: "Sai", roles: ["agent"], agencyId: seeded.agencies.wardA.id };
    const cases: [object, RegExp][] = [
      [{ roles: ["wizard"] }, /^roles/],
      [{ roles: [] }, /^roles/],
      [{ roles: ["agent", "agent"] }, /^roles/],
      [{ agencyId: 999999 }, /^agencyId$/],
      [{ agencyId: 99999999999 }, /^agencyId$/],
      [{ email: "khong-phai-email" }, /^email$/],
      [{ username: "có dấu" }, /^username$/],
    ];
    for (const [change, field] of cases) {
      const response = await call(admin, "POST", "/api/users", { ...base, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(Object.keys(response.json().errors), JSON.stringify(change)).toEqual([expect.stringMatching(field)]);
    }
    const noAgency = await call(admin, "POST", "/api/users", { ...base, agencyId: 999999 });
    expect(noAgency.json().errors).toEqual({ agencyId: "tthc.validation.not_found" });
    expect(await t.db.user.count({ where: { username: "sai" } })).toBe(0);
  });

  it("refuses a username or email that is already taken with 409 naming it", async () => {
    const first = await createUser({ email: "trung@gialai.gov.vn" });
    const again = await call(admin, "POST", "/api/users", { ...first, username: first.username, password: "mat-khau-dai-du" });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual({ username: "tthc.validation.taken" });
    const sameEmail = await call(admin, "POST", "/api/users", {
      ...first,
      username: "nguoi-khac",
      password: "mat-khau-dai-du",
      email: "trung@gialai.gov.vn",
    });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().errors).toEqual({ email: "tthc.validation.taken" });
  });
});

describe("updating users", () => {
  it("changes roles, agency and active from react-admin's whole record, audited, effective at once", async () => {
    const user = await createUser();
    const cookie = await login(t.app, user.username, "mat-khau-dai-du");
    const { department } = seeded.agencies;
    const response = await call(admin, "PUT", `/api/users/${user.id}`, {
      ...user,
      roles: ["supervisor"],
      agencyId: department.id,
      passwordHash: "bị bỏ qua",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: user.id, username: user.username, roles: ["supervisor"], agencyId: department.id });
    expect((await me(cookie)).json()).toMatchObject({ roles: ["supervisor"], agency: { id: department.id } });
    expect(await tryLogin(user.username, "mat-khau-dai-du")).toBe(200);

    const entry = await t.db.auditLog.findFirstOrThrow({ where: { resource: "users", action: "update", resourceId: String(user.id) } });
    expect(entry).toMatchObject({
      actorId: seeded.users.admin.id,
      before: { roles: ["agent"], agencyId: seeded.agencies.wardB.id, active: true },
      after: { roles: ["supervisor"], agencyId: department.id, active: true },
    });
  });

  it("ends a deactivated user's sessions and refuses their login", async () => {
    const user = await createUser();
    const cookie = await login(t.app, user.username, "mat-khau-dai-du");
    expect((await me(cookie)).statusCode).toBe(200);
    const response = await call(admin, "PUT", `/api/users/${user.id}`, { ...user, active: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().active).toBe(false);
    expect((await me(cookie)).statusCode).toBe(401);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await tryLogin(user.username, "mat-khau-dai-du")).toBe(401);
  });

  it("resets a password: 204, old sessions and password stop working, the new one works, audited", async () => {
    const user = await createUser();
    const cookie = await login(t.app, user.username, "mat-khau-dai-du");
    const tooShort = await call(admin, "POST", `/api/users/${user.id}/password`, { password: "ngan" });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors).toEqual({ password: "tthc.validation.password_too_short" });

    const reset = await call(admin, "POST", `/api/users/${user.id}/password`, { password: "mat-khau-sau-reset" });
    expect(reset.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
    expect(await tryLogin(user.username, "mat-khau-dai-du")).toBe(401);
    expect(await tryLogin(user.username, "mat-khau-sau-reset")).toBe(200);
    const entries = await t.db.auditLog.findMany({ where: { resource: "users", action: "password_reset", resourceId: String(user.id) } });
    expect(entries).toMatchObject([{ actorId: seeded.users.admin.id }]);
    expect(JSON.stringify(entries[0]?.after ?? null)).not.toMatch(/mat-khau/);
    expect((await call(admin, "POST", "/api/users/999999/password", { password: "mat-khau-sau-reset" })).statusCode).toBe(404);
  });

  it("does not let an administrator deactivate themself or drop their own admin role", async () => {
    const self = (await call(admin, "GET", `/api/users/${seeded.users.admin.id}`)).json();
    const deactivate = await call(admin, "PUT", `/api/users/${self.id}`, { ...self, active: false });
    expect(deactivate.statusCode).toBe(400);
    expect(deactivate.json().errors).toEqual({ active: "tthc.validation.self_lockout" });
    const demote = await call(admin, "PUT", `/api/users/${self.id}`, { ...self, roles: ["viewer"] });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().errors).toEqual({ roles: "tthc.validation.self_lockout" });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: self.id } })).toMatchObject({ active: true, roles: ["admin"] });
    expect((await call(admin, "DELETE", `/api/users/${self.id}`)).statusCode).toBe(400);
  });
});

describe("deleting users", () => {
  it("refuses to delete a user with audit activity, who stays", async () => {
    const active = await createUser();
    await login(t.app, active.username, "mat-khau-dai-du");
    const refused = await call(admin, "DELETE", `/api/users/${active.id}`);
    expect(refused.statusCode).toBe(409);
    expect(await t.db.user.count({ where: { id: active.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { resource: "users", action: "delete", resourceId: String(active.id) } })).toBe(0);
  });

  it("deletes a fresh user, audited, even after a mistyped login of theirs", async () => {
    const fresh = await createUser();
    expect(await tryLogin(fresh.username, "go-sai-mat-khau")).toBe(401);
    const response = await call(admin, "DELETE", `/api/users/${fresh.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: fresh.id, username: fresh.username });
    expect(response.json()).not.toHaveProperty("passwordHash");
    expect((await call(admin, "GET", `/api/users/${fresh.id}`)).statusCode).toBe(404);
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { resource: "users", action: "delete", resourceId: String(fresh.id) } });
    expect(entry).toMatchObject({ actorId: seeded.users.admin.id, before: { username: fresh.username } });
    // The failed login stays in the log, no longer linked to the removed account.
    const failed = await t.db.auditLog.findFirstOrThrow({ where: { action: "login_failed", resourceId: String(fresh.id) } });
    expect(failed.actorId).toBeNull();
  });
});

describe("only administrators manage users", () => {
  it("answers 403 to supervisors, agents and viewers", async () => {
    const target = seeded.users.viewer.id;
    for (const username of ["stp.giamsat", "quynhon.nv1", "lanhdao.xem"]) {
      const cookie = await login(t.app, username);
      const body = { name: "X", roles: ["admin"], agencyId: seeded.agencies.province.id };
      expect((await call(cookie, "GET", "/api/users")).statusCode, username).toBe(403);
      expect((await call(cookie, "GET", `/api/users/${target}`)).statusCode, username).toBe(403);
      expect((await call(cookie, "POST", "/api/users", { ...body, username: "hacker", password: "mat-khau-dai-du" })).statusCode).toBe(403);
      expect((await call(cookie, "PUT", `/api/users/${target}`, body)).statusCode, username).toBe(403);
      expect((await call(cookie, "POST", `/api/users/${target}/password`, { password: "mat-khau-dai-du" })).statusCode).toBe(403);
      expect((await call(cookie, "DELETE", `/api/users/${target}`)).statusCode, username).toBe(403);
    }
    expect(await t.db.user.findUniqueOrThrow({ where: { id: target } })).toMatchObject({ roles: ["viewer"], active: true });
    expect(await tryLogin("lanhdao.xem", PASSWORD)).toBe(200);
  });
});
