// Segments as SQL against real contacts: the filter's conditions, the agency subtree, and the
// audience query the campaign engine materialises recipients with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceContactsSql, segmentWhereSql } from "../../../server/outreach/segments/audience.js";
import { createUser, listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let admin: string;
let agencies: Awaited<ReturnType<typeof seedSmallProvince>>["agencies"];

beforeAll(async () => {
  t = await startTestApp();
  ({ agencies } = await seedSmallProvince(t.db));
  admin = await login(t.app, "admin");
  const c = (phone: string, data: object) => t.db.contact.create({ data: { phone, ...data } });
  await c("+84912000001", { agencyId: agencies.wardA.id, ageGroup: "18-30", tags: ["thanh-nien"], consentStatus: "granted" });
  await c("+84912000002", { agencyId: agencies.wardB.id, ageGroup: "31-45", tags: ["dvctt"], consentStatus: "refused" });
  await c("+84912000003", { agencyId: agencies.unit.id, ageGroup: "18-30", tags: [], consentStatus: "unknown" });
  await c("+84912000004", { tags: ["dvctt", "thanh-nien"] });
});
afterAll(async () => {
  await t?.close();
});

const phones = async (filter: Parameters<typeof segmentWhereSql>[0]) =>
  (await t.db.$queryRaw<{ phone: string }[]>`SELECT c.phone FROM contacts c WHERE ${segmentWhereSql(filter)} ORDER BY c.phone`).map((r) =>
    r.phone.slice(-1),
  );

describe("segment filters", () => {
  it("combines conditions with AND, tags with ANY, agencies with their subtree", async () => {
    expect(await phones({})).toEqual(["1", "2", "3", "4"]);
    expect(await phones({ ageGroups: ["18-30"] })).toEqual(["1", "3"]);
    expect(await phones({ tags: ["thanh-nien", "nope"] })).toEqual(["1", "4"]);
    expect(await phones({ consent: ["granted", "unknown"] })).toEqual(["1", "3", "4"]);
    expect(await phones({ agencyIds: [agencies.department.id] })).toEqual(["3"]);
    expect(await phones({ agencyIds: [agencies.province.id] })).toEqual(["1", "2", "3"]);
    expect(await phones({ agencyIds: [agencies.province.id], ageGroups: ["18-30"], tags: ["thanh-nien"] })).toEqual(["1"]);
    expect(await phones({ tags: [] })).toEqual([]);
  });

  it("selects an audience of lists OR segments, each contact once", async () => {
    const list = await t.db.contactList.create({ data: { name: "L" } });
    const [c4] = await t.db.contact.findMany({ where: { phone: "+84912000004" } });
    await t.db.contactListMember.create({ data: { listId: list.id, contactId: c4?.id ?? 0 } });
    const sql = audienceContactsSql({ listIds: [list.id], segmentIds: [7, 8] }, [
      { id: 7, filter: { tags: ["thanh-nien"] } },
      { id: 8, filter: { ageGroups: ["31-45"] } },
      { id: 9, filter: {} },
    ]);
    const rows = await t.db.$queryRaw<{ id: number; phone: string }[]>`SELECT * FROM (${sql}) a ORDER BY phone`;
    expect(rows.map((r) => r.phone)).toEqual(["+84912000001", "+84912000002", "+84912000004"]);
    const none = audienceContactsSql({ listIds: [], segmentIds: [] }, []);
    expect(await t.db.$queryRaw`SELECT * FROM (${none}) a`).toEqual([]);
  });

  it("saves validated segments and counts them", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/segments",
      headers: { cookie: admin },
      payload: { name: "x", filter: { consent: ["maybe"] } },
    });
    expect(bad.statusCode).toBe(400);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/segments",
      headers: { cookie: admin },
      payload: { name: "Thanh niên", filter: { tags: ["thanh-nien"] } },
    });
    expect(created.statusCode, created.body).toBe(200);
    const count = await t.app.inject({ method: "GET", url: `/api/segments/${created.json().id}/count`, headers: { cookie: admin } });
    expect(count.json()).toEqual({ count: 2 });
    const live = await t.app.inject({
      method: "POST",
      url: "/api/segments/count",
      headers: { cookie: admin },
      payload: { filter: { consent: ["refused"] } },
    });
    expect(live.json()).toEqual({ count: 1 });

    // The segments list shows each segment's audience size, as the campaign wizard would count it.
    const listed = await t.app.inject({ method: "GET", url: listUrl("segments", { filter: { q: "Thanh" } }), headers: { cookie: admin } });
    expect(listed.json()).toEqual([expect.objectContaining({ name: "Thanh niên", memberCount: 2 })]);
  });
});

describe("list members from the contacts grid", () => {
  const members = (method: "POST" | "DELETE", listId: number, payload: object, cookie = admin) =>
    t.app.inject({ method, url: `/api/contact-lists/${listId}/members`, headers: { cookie }, payload });
  const memberPhones = async (listId: number) =>
    (await t.db.contactListMember.findMany({ where: { listId }, include: { contact: true } })).map((m) => m.contact.phone.slice(-1)).sort();

  it("adds the ticked contacts, or every contact the grid's filter matches, audited", async () => {
    const list = await t.db.contactList.create({ data: { name: "Đoàn viên" } });
    const [c1] = await t.db.contact.findMany({ where: { phone: "+84912000001" } });
    const ticked = await members("POST", list.id, { contactIds: [c1?.id ?? 0, 2147483647] });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json()).toEqual({ count: 1 });

    // The grid filtered by tag: the contact already in the list is not counted twice.
    const filtered = await members("POST", list.id, { filter: { tag: "thanh-nien" } });
    expect(filtered.json()).toEqual({ count: 1 });
    expect(await memberPhones(list.id)).toEqual(["1", "4"]);
    const consent = await members("POST", list.id, { filter: { consentStatus: "refused", agencyId: agencies.wardB.id } });
    expect(consent.json()).toEqual({ count: 1 });
    expect(await memberPhones(list.id)).toEqual(["1", "2", "4"]);

    const audit = await t.db.auditLog.findMany({
      where: { resource: "contact-lists", resourceId: String(list.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.after])).toEqual([
      ["add_members", { count: 1, contactIds: [c1?.id, 2147483647] }],
      ["add_members", { count: 1, filter: { tag: "thanh-nien" } }],
      ["add_members", { count: 1, filter: { consentStatus: "refused", agencyId: agencies.wardB.id } }],
    ]);

    const removed = await members("DELETE", list.id, { filter: { tag: "dvctt" } });
    expect(removed.json()).toEqual({ count: 2 });
    expect(await memberPhones(list.id)).toEqual(["1"]);
  });

  it("needs ids or a filter, a real list, and contacts:write", async () => {
    const list = await t.db.contactList.create({ data: { name: "Trống" } });
    const neither = await members("POST", list.id, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors).toEqual({ contactIds: "tthc.validation.required" });
    const both = await members("POST", list.id, { contactIds: [1], filter: {} });
    expect(both.statusCode).toBe(400);
    const badFilter = await members("POST", list.id, { filter: { consentStatus: "maybe" } });
    expect(badFilter.statusCode).toBe(400);
    expect((await members("POST", 999999, { contactIds: [1] })).statusCode).toBe(404);
    const approver = await createUser(t.db, { username: "duyet.ds", roles: ["campaign_approver"], agencyId: agencies.province.id });
    const refused = await members("POST", list.id, { filter: {} }, await login(t.app, approver.username));
    expect(refused.statusCode).toBe(403);
    expect(await t.db.contactListMember.count({ where: { listId: list.id } })).toBe(0);
  });
});
