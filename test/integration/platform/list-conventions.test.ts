// The ra-data-simple-rest list conventions (sort, range, filter, Content-Range) as react-admin's
// stock data provider uses them, on every console list: agencies, users and the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie: admin } });
const codes = (body: { code: string }[]) => body.map((a) => a.code);

describe("sort", () => {
  it("orders agencies by the requested field and direction", async () => {
    const asc = await get(listUrl("agencies", { sort: ["code", "ASC"] }));
    expect(asc.statusCode).toBe(200);
    expect(codes(asc.json())).toEqual(["GL", "P-PLEIKU", "P-QUYNHON", "STP", "STP-HCTP"]);
    const desc = await get(listUrl("agencies", { sort: ["code", "DESC"] }));
    expect(codes(desc.json())).toEqual(["STP-HCTP", "STP", "P-QUYNHON", "P-PLEIKU", "GL"]);
  });

  it("orders users and audit entries too", async () => {
    const users = await get(listUrl("users", { sort: ["username", "DESC"] }));
    expect(users.json().map((u: { username: string }) => u.username)).toEqual(["stp.giamsat", "quynhon.nv1", "lanhdao.xem", "admin"]);
    const audit = await get(listUrl("audit-logs", { sort: ["id", "ASC"] }));
    const ids = audit.json().map((e: { id: number }) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe("range and Content-Range", () => {
  it("returns the requested slice and the total", async () => {
    const first = await get(listUrl("agencies", { sort: ["code", "ASC"], range: [0, 1] }));
    expect(first.headers["content-range"]).toBe("agencies 0-1/5");
    expect(codes(first.json())).toEqual(["GL", "P-PLEIKU"]);
    const second = await get(listUrl("agencies", { sort: ["code", "ASC"], range: [2, 3] }));
    expect(second.headers["content-range"]).toBe("agencies 2-3/5");
    expect(codes(second.json())).toEqual(["P-QUYNHON", "STP"]);
    const last = await get(listUrl("agencies", { sort: ["code", "ASC"], range: [4, 9] }));
    expect(last.headers["content-range"]).toBe("agencies 4-4/5");
    expect(codes(last.json())).toEqual(["STP-HCTP"]);
  });

  it("answers a page past the end with no records and the real total", async () => {
    const response = await get(listUrl("agencies", { range: [25, 49] }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
    expect(response.headers["content-range"]).toMatch(/^agencies \d+-\d+\/5$/);
  });

  it("sends Content-Range on users and audit-logs, and defaults to the first 25", async () => {
    const users = await get(listUrl("users", { range: [0, 1] }));
    expect(users.headers["content-range"]).toBe("users 0-1/4");
    expect(users.json()).toHaveLength(2);
    const all = await get("/api/agencies");
    expect(all.headers["content-range"]).toBe("agencies 0-4/5");
    const audit = await get(listUrl("audit-logs", { range: [0, 0] }));
    const total = await t.db.auditLog.count();
    expect(audit.headers["content-range"]).toBe(`audit-logs 0-0/${total}`);
  });
});

describe("filter", () => {
  it("searches agencies by name or code with q, ignoring case", async () => {
    const byName = await get(listUrl("agencies", { filter: { q: "phường" }, sort: ["code", "ASC"] }));
    expect(codes(byName.json())).toEqual(["P-PLEIKU", "P-QUYNHON"]);
    expect(byName.headers["content-range"]).toBe("agencies 0-1/2");
    const byCode = await get(listUrl("agencies", { filter: { q: "stp-" } }));
    expect(codes(byCode.json())).toEqual(["STP-HCTP"]);
  });

  it("treats % and _ in a search as the characters themselves, not wildcards", async () => {
    for (const q of ["%", "_", "P_Q"]) {
      const response = await get(listUrl("agencies", { filter: { q } }));
      expect(response.statusCode).toBe(200);
      expect(codes(response.json()), q).toEqual([]);
    }
    expect(codes((await get(listUrl("agencies", { filter: { q: "P-Q" } }))).json())).toEqual(["P-QUYNHON"]);
  });

  it("filters agencies by parentId, kind and active, combined", async () => {
    const { province, department } = seeded.agencies;
    const children = await get(listUrl("agencies", { filter: { parentId: province.id }, sort: ["code", "ASC"] }));
    expect(codes(children.json())).toEqual(["P-PLEIKU", "P-QUYNHON", "STP"]);
    const wards = await get(listUrl("agencies", { filter: { parentId: province.id, kind: "ward" } }));
    expect(wards.headers["content-range"]).toBe("agencies 0-1/2");
    expect((await get(listUrl("agencies", { filter: { active: false } }))).json()).toEqual([]);
    const units = await get(listUrl("agencies", { filter: { parentId: department.id, active: true } }));
    expect(codes(units.json())).toEqual(["STP-HCTP"]);
  });

  it("returns exactly the listed records for getMany's id filter", async () => {
    const { unit, wardB } = seeded.agencies;
    const many = await get(listUrl("agencies", { filter: { id: [unit.id, wardB.id] } }));
    expect(
      many
        .json()
        .map((a: { id: number }) => a.id)
        .sort(),
    ).toEqual([unit.id, wardB.id].sort());
    const one = await get(listUrl("users", { filter: { id: seeded.users.agent.id } }));
    expect(one.json().map((u: { username: string }) => u.username)).toEqual(["quynhon.nv1"]);
  });

  it("filters users by q, agencyId, role and active", async () => {
    const { users, agencies } = seeded;
    expect((await get(listUrl("users", { filter: { q: "QUYNHON" } }))).json()).toMatchObject([{ id: users.agent.id }]);
    const inProvince = await get(listUrl("users", { filter: { agencyId: agencies.province.id }, sort: ["username", "ASC"] }));
    expect(inProvince.json().map((u: { username: string }) => u.username)).toEqual(["admin", "lanhdao.xem"]);
    expect((await get(listUrl("users", { filter: { role: "supervisor" } }))).json()).toMatchObject([{ id: users.supervisor.id }]);
    expect((await get(listUrl("users", { filter: { active: true } }))).headers["content-range"]).toBe("users 0-3/4");
  });

  it("ignores query parameters it does not know", async () => {
    const response = await get("/api/agencies?foo=bar&_start=3");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-range"]).toBe("agencies 0-4/5");
  });
});

describe("malformed list parameters", () => {
  const raw = (resource: string, name: string, value: string) => `/api/${resource}?${name}=${encodeURIComponent(value)}`;
  const cases: [name: "sort" | "range" | "filter", value: string, errorKey: string][] = [
    ["sort", "name", "sort"],
    ["sort", '{"field":"name"}', "sort"],
    ["sort", '["name"]', "sort"],
    ["sort", '["name","UP"]', "sort"],
    ["sort", '["passwordHash","ASC"]', "sort"],
    ["sort", '[1,"ASC"]', "sort"],
    ["range", "0-24", "range"],
    ["range", "[0]", "range"],
    ["range", "[5,2]", "range"],
    ["range", "[-1,3]", "range"],
    ["range", "[0.5,3]", "range"],
    ["range", '["0","24"]', "range"],
    ["range", "[0,100000000]", "range"],
    ["range", "[1e20,1e20]", "range"],
    ["filter", "{q:1}", "filter"],
    ["filter", "[1,2]", "filter"],
    ["filter", "null", "filter"],
    ["filter", '"q"', "filter"],
    ["filter", '{"id":["x"]}', "filter"],
    ["filter", '{"id":[99999999999]}', "filter"],
    ["filter", '{"id":true}', "filter"],
    ["filter", '{"active":"yes"}', "active"],
  ];

  for (const resource of ["agencies", "users", "audit-logs"]) {
    it(`answers 400 naming the parameter on /api/${resource}`, async () => {
      for (const [name, value, errorKey] of cases) {
        if (resource === "audit-logs" && errorKey === "active") continue; // the audit log has no active filter
        const response = await get(raw(resource, name, value));
        expect(response.statusCode, `${name}=${value}`).toBe(400);
        expect(response.json().errors, `${name}=${value}`).toHaveProperty([errorKey]);
      }
    });
  }

  it("rejects filters of the wrong type or out of range with 400, never 500", async () => {
    const checks: [resource: string, filter: object, errorKey: string][] = [
      ["agencies", { q: 123 }, "q"],
      ["agencies", { kind: "planet" }, "kind"],
      ["agencies", { parentId: "abc" }, "parentId"],
      ["agencies", { parentId: true }, "parentId"],
      ["agencies", { parentId: [1] }, "parentId"],
      ["agencies", { parentId: 99999999999 }, "parentId"],
      ["users", { role: "wizard" }, "role"],
      ["users", { agencyId: -1 }, "agencyId"],
      ["audit-logs", { actorId: 1.5 }, "actorId"],
      ["audit-logs", { action: { not: "x" } }, "action"],
    ];
    for (const [resource, filter, errorKey] of checks) {
      const response = await get(listUrl(resource, { filter }));
      expect(response.statusCode, `${resource} ${JSON.stringify(filter)}`).toBe(400);
      expect(response.json().errors).toHaveProperty([errorKey]);
    }
  });

  it("rejects a repeated parameter", async () => {
    const response = await get("/api/agencies?sort=%5B%22name%22%2C%22ASC%22%5D&sort=%5B%22code%22%2C%22ASC%22%5D");
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty("sort");
  });
});
