// The audit log as administrators read it: newest first, filterable, naming the actor, and
// impossible to change through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let agencyId: number;

interface Entry {
  id: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  createdAt: string;
}

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
  await login(t.app, "lanhdao.xem");
  // Someone who does not exist tries to log in: an entry with no actor.
  await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "ai-do", password: "khong-biet" } });
  const headers = { cookie: admin };
  const created = await t.app.inject({
    method: "POST",
    url: "/api/agencies",
    headers,
    payload: { code: "X-MOI", name: "Xã mới", kind: "commune", parentId: seeded.agencies.province.id },
  });
  agencyId = created.json().id;
  await t.app.inject({
    method: "PUT",
    url: `/api/agencies/${agencyId}`,
    headers,
    payload: { code: "X-MOI", name: "Xã Mới", kind: "commune" },
  });
});
afterAll(() => t.close());

const get = (url: string, cookie = admin) => t.app.inject({ url, headers: { cookie } });

describe("reading the audit log", () => {
  it("lists the newest entries first by default, with the actor's name", async () => {
    const response = await get("/api/audit-logs");
    expect(response.statusCode).toBe(200);
    const entries: Entry[] = response.json();
    const total = await t.db.auditLog.count();
    expect(response.headers["content-range"]).toBe(`audit-logs 0-${total - 1}/${total}`);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries[0]).toMatchObject({ action: "update", resource: "agencies", resourceId: String(agencyId), actorName: "admin (admin)" });
    const anonymous = entries.find((e) => e.action === "login_failed");
    expect(anonymous).toMatchObject({ actorId: null, actorName: null });
  });

  it("filters by resource, action and actor", async () => {
    const agencies: Entry[] = (await get(listUrl("audit-logs", { filter: { resource: "agencies" } }))).json();
    expect(agencies.map((e) => e.action)).toEqual(["update", "create"]);

    const logins = await get(listUrl("audit-logs", { filter: { resource: "auth", action: "login" } }));
    const loginEntries: Entry[] = logins.json();
    expect(loginEntries.map((e) => e.actorName).sort()).toEqual(["admin (admin)", "lanhdao.xem (lanhdao.xem)"]);
    expect(logins.headers["content-range"]).toBe("audit-logs 0-1/2");

    const byViewer: Entry[] = (await get(listUrl("audit-logs", { filter: { actorId: seeded.users.viewer.id } }))).json();
    expect(byViewer).toEqual([expect.objectContaining({ action: "login", actorId: seeded.users.viewer.id })]);

    const forRecord: Entry[] = (
      await get(listUrl("audit-logs", { filter: { resource: "agencies", resourceId: String(agencyId) } }))
    ).json();
    expect(forRecord).toHaveLength(2);
  });

  it("returns one entry with its before and after", async () => {
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { resource: "agencies", action: "update" } });
    const response = await get(`/api/audit-logs/${entry.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: entry.id,
      actorName: "admin (admin)",
      before: { name: "Xã mới" },
      after: { name: "Xã Mới" },
    });
    expect((await get("/api/audit-logs/999999")).statusCode).toBe(404);
  });

  it("pages with range, oldest first when asked", async () => {
    const total = await t.db.auditLog.count();
    const page = await get(listUrl("audit-logs", { sort: ["createdAt", "ASC"], range: [1, 2] }));
    expect(page.headers["content-range"]).toBe(`audit-logs 1-2/${total}`);
    const all = await t.db.auditLog.findMany({ orderBy: [{ createdAt: "asc" }, { id: "desc" }], select: { id: true } });
    expect(page.json().map((e: Entry) => e.id)).toEqual(all.slice(1, 3).map((e) => e.id));
  });
});

describe("the audit log cannot be changed", () => {
  it("has no write routes: POST, PUT, PATCH and DELETE are refused and change nothing", async () => {
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { resource: "agencies" } });
    const before = await t.db.auditLog.count();
    const attempts = [
      { method: "POST", url: "/api/audit-logs", payload: { action: "login", resource: "auth" } },
      { method: "PUT", url: `/api/audit-logs/${entry.id}`, payload: { action: "nothing" } },
      { method: "PATCH", url: `/api/audit-logs/${entry.id}`, payload: { action: "nothing" } },
      { method: "DELETE", url: `/api/audit-logs/${entry.id}` },
      { method: "DELETE", url: "/api/audit-logs" },
    ] as const;
    for (const attempt of attempts) {
      const response = await t.app.inject({ ...attempt, headers: { cookie: admin } });
      expect([404, 405], `${attempt.method} ${attempt.url}`).toContain(response.statusCode);
    }
    expect(await t.db.auditLog.count()).toBe(before);
    expect(await t.db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("is shown to administrators only", async () => {
    const entry = await t.db.auditLog.findFirstOrThrow();
    for (const username of ["stp.giamsat", "quynhon.nv1", "lanhdao.xem"]) {
      const cookie = await login(t.app, username);
      expect((await get("/api/audit-logs", cookie)).statusCode, username).toBe(403);
      expect((await get(`/api/audit-logs/${entry.id}`, cookie)).statusCode, username).toBe(403);
    }
  });
});
