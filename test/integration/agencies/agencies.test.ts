// The agency tree as the console shows and edits it: ancestors, child counts, admin-only writes
// with an audit trail, and each supervisor or agent seeing only their own agency's subtree.
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

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const auditFor = (id: number, action: string) =>
  t.db.auditLog.findMany({ where: { resource: "agencies", resourceId: String(id), action }, orderBy: { id: "asc" } });

describe("reading one agency", () => {
  it("returns the ancestors root-first and the number of children", async () => {
    const { province, department, unit } = seeded.agencies;
    const response = await call(admin, "GET", `/api/agencies/${unit.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: unit.id,
      code: "STP-HCTP",
      parentId: department.id,
      childCount: 0,
      ancestors: [
        { id: province.id, code: "GL", name: "UBND tỉnh Gia Lai" },
        { id: department.id, code: "STP", name: "Sở Tư pháp" },
      ],
    });
    const root = (await call(admin, "GET", `/api/agencies/${province.id}`)).json();
    expect(root).toMatchObject({ childCount: 3, ancestors: [] });
  });

  it("names its parent and fallback to a supervisor even though both are outside their subtree", async () => {
    const { province, department, wardB } = seeded.agencies;
    await t.db.agency.update({ where: { id: department.id }, data: { fallbackId: wardB.id } });
    const supervisor = await login(t.app, "stp.giamsat");
    const response = await call(supervisor, "GET", `/api/agencies/${department.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ancestors: [{ id: province.id, code: "GL", name: "UBND tỉnh Gia Lai" }],
      fallback: { id: wardB.id, code: "P-PLEIKU", name: "Phường Pleiku" },
    });
    // Their names only: the records themselves stay out of reach.
    expect(Object.keys(response.json().fallback).sort()).toEqual(["code", "id", "name"]);
    expect((await call(supervisor, "GET", `/api/agencies/${wardB.id}`)).statusCode).toBe(403);
    await t.db.agency.update({ where: { id: department.id }, data: { fallbackId: null } });
    expect((await call(supervisor, "GET", `/api/agencies/${department.id}`)).json().fallback).toBeNull();
  });

  it("answers 404 for an agency that does not exist and 400 for a malformed id", async () => {
    expect((await call(admin, "GET", "/api/agencies/999999")).statusCode).toBe(404);
    const bad = await call(admin, "GET", "/api/agencies/abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toHaveProperty("id");
  });
});

describe("administrators editing agencies", () => {
  it("creates an agency under a parent and records who did it", async () => {
    const { wardB } = seeded.agencies;
    const payload = { code: "P-PLEIKU-TDD", name: "Tổ tiếp dân", kind: "unit", parentId: wardB.id, phone: "0269 3821 234" };
    const response = await call(admin, "POST", "/api/agencies", payload);
    expect(response.statusCode).toBe(200);
    const created = response.json();
    expect(created).toMatchObject({ ...payload, active: true, childCount: 0 });
    expect((await call(admin, "GET", `/api/agencies/${wardB.id}`)).json().childCount).toBe(1);
    expect(await auditFor(created.id, "create")).toMatchObject([{ actorId: seeded.users.admin.id, after: payload }]);
  });

  it("accepts react-admin's whole record on PUT, ignoring read-only fields, and audits before and after", async () => {
    const { wardA, province } = seeded.agencies;
    const record = (await call(admin, "GET", `/api/agencies/${wardA.id}`)).json();
    const response = await call(admin, "PUT", `/api/agencies/${wardA.id}`, { ...record, name: "Phường Quy Nhơn (mới)", childCount: 99 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: wardA.id, name: "Phường Quy Nhơn (mới)", parentId: province.id, childCount: 0 });
    const entries = await auditFor(wardA.id, "update");
    expect(entries).toMatchObject([
      { actorId: seeded.users.admin.id, before: { name: "Phường Quy Nhơn" }, after: { name: "Phường Quy Nhơn (mới)" } },
    ]);
    expect(entries[0]?.after).not.toHaveProperty("childCount");
    expect(entries[0]?.after).not.toHaveProperty("ancestors");
  });

  it("deletes an agency with no children or users and audits what it was", async () => {
    const leaf = (
      await call(admin, "POST", "/api/agencies", { code: "TAM", name: "Tạm thời", kind: "commune", parentId: seeded.agencies.province.id })
    ).json();
    const response = await call(admin, "DELETE", `/api/agencies/${leaf.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: leaf.id, code: "TAM" });
    expect((await call(admin, "GET", `/api/agencies/${leaf.id}`)).statusCode).toBe(404);
    expect(await auditFor(leaf.id, "delete")).toMatchObject([
      { actorId: seeded.users.admin.id, before: { code: "TAM", name: "Tạm thời" } },
    ]);
  });

  it("refuses a code that is already taken with 409 naming code", async () => {
    const { department, wardA } = seeded.agencies;
    const create = await call(admin, "POST", "/api/agencies", { code: "STP", name: "Trùng mã", kind: "department" });
    expect(create.statusCode).toBe(409);
    expect(create.json().errors).toEqual({ code: "tthc.validation.taken" });
    const update = await call(admin, "PUT", `/api/agencies/${wardA.id}`, { code: department.code, name: wardA.name, kind: "ward" });
    expect(update.statusCode).toBe(409);
    expect(update.json().errors).toEqual({ code: "tthc.validation.taken" });
    expect(await t.db.agency.count({ where: { code: "STP" } })).toBe(1);
  });

  it("refuses to place an agency under itself or its own descendant", async () => {
    const { department, unit, province } = seeded.agencies;
    for (const parentId of [department.id, unit.id]) {
      const response = await call(admin, "PUT", `/api/agencies/${department.id}`, { ...department, parentId });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual({ parentId: "tthc.validation.parent_cycle" });
    }
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: department.id } })).parentId).toBe(province.id);
  });

  it("refuses a phone that is not a Vietnamese number, a commune or ward with no parent, and a code in another format", async () => {
    const { province, wardA } = seeded.agencies;
    const base = { code: "X-MOI", name: "Xã Mới", kind: "commune", parentId: province.id };
    const refusals = [
      [{ ...base, phone: "12345" }, { phone: "tthc.validation.phone" }],
      [{ ...base, phone: "0256 38" }, { phone: "tthc.validation.phone" }],
      [{ ...base, parentId: null }, { parentId: "tthc.validation.parent_required" }],
      [{ ...base, kind: "ward", parentId: undefined }, { parentId: "tthc.validation.parent_required" }],
      [{ ...base, code: "XÃ MỚI" }, { code: "tthc.validation.agency_code_format" }],
    ] as const;
    for (const [payload, errors] of refusals) {
      const response = await call(admin, "POST", "/api/agencies", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors).toEqual(errors);
    }
    expect(await t.db.agency.count({ where: { code: "X-MOI" } })).toBe(0);
    // A mobile and a landline are both fine, and kept as typed.
    for (const [code, phone] of [
      ["X-MOI", "0912 345 678"],
      ["X-MOI-2", "0256 3822 478"],
    ]) {
      const created = await call(admin, "POST", "/api/agencies", { ...base, code, phone });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json()).toMatchObject({ phone });
    }
    const record = (await call(admin, "GET", `/api/agencies/${wardA.id}`)).json();
    const orphaned = await call(admin, "PUT", `/api/agencies/${wardA.id}`, { ...record, parentId: null });
    expect(orphaned.json().errors).toEqual({ parentId: "tthc.validation.parent_required" });
  });

  it("refuses a parent that does not exist", async () => {
    for (const parentId of [999999, 99999999999]) {
      const response = await call(admin, "POST", "/api/agencies", { code: "MO-COI", name: "Mồ côi", kind: "unit", parentId });
      expect(response.statusCode, String(parentId)).toBe(400);
      expect(response.json().errors).toHaveProperty("parentId");
    }
    const response = await call(admin, "POST", "/api/agencies", { code: "MO-COI", name: "Mồ côi", kind: "unit", parentId: 999999 });
    expect(response.json().errors).toEqual({ parentId: "tthc.validation.not_found" });
    expect(await t.db.agency.count({ where: { code: "MO-COI" } })).toBe(0);
  });

  it("refuses to delete an agency that still has sub-agencies or users, deleting nothing", async () => {
    const { department, wardA } = seeded.agencies;
    const before = await t.db.agency.count();
    for (const agency of [department, wardA]) {
      const response = await call(admin, "DELETE", `/api/agencies/${agency.id}`);
      expect(response.statusCode, agency.code).toBe(409);
      expect(await auditFor(agency.id, "delete")).toEqual([]);
    }
    expect(await t.db.agency.count()).toBe(before);
  });

  it("answers 400 naming the field for an invalid kind, an empty name or a missing code", async () => {
    const cases: [object, string][] = [
      [{ code: "X1", name: "X", kind: "planet" }, "kind"],
      [{ code: "X1", name: "", kind: "unit" }, "name"],
      [{ name: "X", kind: "unit" }, "code"],
      [{ code: "có dấu cách", name: "X", kind: "unit" }, "code"],
      [{ code: "X1", name: "X", kind: "unit", phone: "gọi tôi" }, "phone"],
    ];
    for (const [payload, field] of cases) {
      const response = await call(admin, "POST", "/api/agencies", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors, JSON.stringify(payload)).toHaveProperty([field]);
    }
  });

  it("answers 404 when updating or deleting an agency that does not exist", async () => {
    expect((await call(admin, "PUT", "/api/agencies/999999", { code: "Z", name: "Z", kind: "unit" })).statusCode).toBe(404);
    expect((await call(admin, "DELETE", "/api/agencies/999999")).statusCode).toBe(404);
  });
});

describe("who sees and edits which agencies", () => {
  const ids = (body: { id: number }[]) => body.map((a) => a.id).sort((a, b) => a - b);

  it("shows a department supervisor the department and its unit only", async () => {
    const { department, unit, wardA } = seeded.agencies;
    const supervisor = await login(t.app, "stp.giamsat");
    const list = await call(supervisor, "GET", listUrl("agencies", { range: [0, 24] }));
    expect(list.headers["content-range"]).toBe("agencies 0-1/2");
    expect(ids(list.json())).toEqual([department.id, unit.id].sort((a, b) => a - b));
    expect((await call(supervisor, "GET", `/api/agencies/${unit.id}`)).statusCode).toBe(200);
    expect((await call(supervisor, "GET", `/api/agencies/${wardA.id}`)).statusCode).toBe(403);
    // getMany cannot be used to reach outside the subtree either.
    expect((await call(supervisor, "GET", listUrl("agencies", { filter: { id: [wardA.id] } }))).json()).toEqual([]);
  });

  it("shows an agent only their own ward", async () => {
    const { wardA, department } = seeded.agencies;
    const agent = await login(t.app, "quynhon.nv1");
    const list = await call(agent, "GET", "/api/agencies");
    expect(ids(list.json())).toEqual([wardA.id]);
    expect(list.headers["content-range"]).toBe("agencies 0-0/1");
    expect((await call(agent, "GET", `/api/agencies/${department.id}`)).statusCode).toBe(403);
  });

  it("shows a viewer the whole province", async () => {
    const viewer = await login(t.app, "lanhdao.xem");
    const list = await call(viewer, "GET", "/api/agencies");
    expect(list.json().length).toBe(await t.db.agency.count());
    expect((await call(viewer, "GET", `/api/agencies/${seeded.agencies.unit.id}`)).statusCode).toBe(200);
  });

  it("lets only administrators create, update or delete agencies", async () => {
    const { unit } = seeded.agencies;
    const auditBefore = await t.db.auditLog.count({ where: { resource: "agencies" } });
    for (const username of ["stp.giamsat", "quynhon.nv1", "lanhdao.xem"]) {
      const cookie = await login(t.app, username);
      const body = { code: "CAM", name: "Không được", kind: "unit", parentId: unit.id };
      expect((await call(cookie, "POST", "/api/agencies", body)).statusCode, username).toBe(403);
      expect((await call(cookie, "PUT", `/api/agencies/${unit.id}`, { ...body, code: unit.code })).statusCode, username).toBe(403);
      expect((await call(cookie, "DELETE", `/api/agencies/${unit.id}`)).statusCode, username).toBe(403);
    }
    expect(await t.db.agency.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ name: unit.name });
    expect(await t.db.agency.count({ where: { code: "CAM" } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { resource: "agencies" } })).toBe(auditBefore);
  });
});
