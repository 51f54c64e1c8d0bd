// Issue 8 finding 9: masked numbers cannot be unmasked through search. Who may search by number, and
// how, is decided with who sees it (server/phone/access.ts): full → any part; masked with look-up
// (approvers on contacts) → a complete number only, audited and rate-limited; masked report readers
// (viewers on the call log) → no filter by number at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_LOOKUPS_PER_HOUR } from "../../../server/platform/audit/phone-lookups.js";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";

let t: TestApp;
const cookie: Record<string, string> = {};
let targetId: number;
let approverId: number;

const TARGET = "+84912345666";

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  const staff = await addCampaignStaff(t.db, t.app, agencies.province.id);
  approverId = staff.users.approver.id;
  for (const username of ["admin", "lanhdao.xem"]) cookie[username] = await login(t.app, username);
  cookie.pdcd = staff.cookies.approver;
  cookie.qlcd = staff.cookies.manager;
  targetId = (await t.db.contact.create({ data: { phone: TARGET, name: "Nguyễn Văn A" } })).id;
  // Decoys with the same mask: the mask alone does not say which record is which.
  await t.db.contact.create({ data: { phone: "+84919999666", name: "Trần Thị B" } });
  await t.db.suppression.create({ data: { phone: TARGET, source: "keyword", receivedAt: new Date() } });
  await createCall(t.db, { agencyId: agencies.wardA.id, caller: TARGET });
});
afterAll(async () => {
  await t?.close();
});

const get = (who: string, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: cookie[who] as string } });
const contacts = (who: string, filter: object) => get(who, listUrl("contacts", { filter }));

/**
 * The attack of the finding: the mask shows +84 91x xxx 666; search "8491d…" for each unknown digit
 * (with the record's id, so decoys do not confuse it) until the record answers. Returns the number
 * recovered, or null, and how many searches it took.
 */
async function prefixAttack(who: string): Promise<{ recovered: string | null; searches: number; statuses: Set<number> }> {
  let known = "91";
  let searches = 0;
  const statuses = new Set<number>();
  for (let position = 0; position < 4; position++) {
    let found = false;
    for (let digit = 0; digit <= 9 && !found; digit++) {
      searches += 1;
      const response = await contacts(who, { id: [targetId], q: `84${known}${digit}` });
      statuses.add(response.statusCode);
      if (response.statusCode === 200 && response.json().length === 1) {
        known += String(digit);
        found = true;
      }
    }
    if (!found) return { recovered: null, searches, statuses };
  }
  return { recovered: `+84${known}666`, searches, statuses };
}

describe("contacts: approvers see masked numbers", () => {
  it("the prefix attack recovers nothing: every partial search is refused, naming the filter", async () => {
    const listed = await contacts("pdcd", { id: [targetId] });
    expect(listed.json()[0].phone).toBe("+84 91x xxx 666");

    const attack = await prefixAttack("pdcd");
    expect(attack.recovered).toBeNull();
    expect([...attack.statuses]).toEqual([400]);
    const refused = await contacts("pdcd", { q: "849123" });
    expect(refused.json()).toMatchObject({ errors: { q: "tthc.validation.phone_complete_required" } });
    expect(refused.json().message).toMatch(/filter q: .*complete phone number/);
    // Names are still searched as before.
    expect((await contacts("pdcd", { q: "Nguyễn" })).json().map((c: { id: number }) => c.id)).toEqual([targetId]);
  });

  it("roles that see numbers in full keep searching by part of one", async () => {
    const attack = await prefixAttack("qlcd");
    expect(attack.recovered).toBe(TARGET);
    expect((await contacts("admin", { q: "2345" })).json().map((c: { phone: string }) => c.phone)).toEqual([TARGET]);
  });

  it("a complete number is found, audited with the number masked, and limited per hour", async () => {
    const before = await t.db.auditLog.count({ where: { action: "search_by_phone" } });
    const found = await contacts("pdcd", { q: "0912 345 666" });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject([{ id: targetId, phone: "+84 91x xxx 666" }]);

    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "search_by_phone", actorId: approverId },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ resource: "contacts", after: { filter: "q", phone: "+84 91x xxx 666" } });
    expect(JSON.stringify(audit)).not.toContain("912345666");

    // Whether the number opted out is the same kind of look-up, counted in the same allowance.
    const suppressed = await get("pdcd", listUrl("suppressions", { filter: { q: TARGET } }));
    expect(suppressed.json()).toMatchObject([{ phone: "+84 91x xxx 666" }]);
    expect(await t.db.auditLog.count({ where: { action: "search_by_phone" } })).toBe(before + 2);

    const statuses: number[] = [];
    for (let i = 2; i < PHONE_LOOKUPS_PER_HOUR + 2; i++) {
      statuses.push((await contacts("pdcd", { q: `+8491234${String(i).padStart(4, "0")}` })).statusCode);
    }
    expect(statuses.slice(0, PHONE_LOOKUPS_PER_HOUR - 2).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(PHONE_LOOKUPS_PER_HOUR - 2)).toEqual([429, 429]);
    const limited = await contacts("pdcd", { q: TARGET });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(await t.db.auditLog.count({ where: { action: "search_by_phone" } })).toBe(before + PHONE_LOOKUPS_PER_HOUR);
    // Other people's allowance is their own; those who see numbers in full are not counted.
    expect((await contacts("qlcd", { q: TARGET })).statusCode).toBe(200);
  });
});

describe("call log: viewers see masked callers", () => {
  it("refuses a viewer's filter by caller, naming the filter, whatever the value", async () => {
    const listed = await get("lanhdao.xem", listUrl("calls"));
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((c: { caller: string }) => c.caller)).toEqual(["+84 91x xxx 666"]);
    for (const caller of [TARGET, "0912345666", "91234", "abc"]) {
      const response = await get("lanhdao.xem", listUrl("calls", { filter: { caller } }));
      expect(response.statusCode, caller).toBe(403);
      expect(response.json()).toMatchObject({ errors: { caller: "tthc.validation.phone_filter_forbidden" } });
    }
  });

  it("staff who see callers in full filter by a whole number or part of one", async () => {
    expect((await get("admin", listUrl("calls", { filter: { caller: "0912 345 666" } }))).json()).toHaveLength(1);
    expect((await get("admin", listUrl("calls", { filter: { caller: "345666" } }))).json()).toHaveLength(1);
    expect((await get("admin", listUrl("calls", { filter: { caller: "345667" } }))).json()).toHaveLength(0);
  });
});
