// GET/PUT /api/settings/sms-policy: defaults, validation naming the field, audit, and roles.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, decide, type RecipientFacts } from "../../../server/outreach/compliance/policy.js";
import { loadPolicy, POLICY_KEY } from "../../../server/outreach/compliance/settings.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";

let t: TestApp;
let admin: string;
let manager: string;
let agent: string;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  ({ manager } = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies);
  admin = await login(t.app, "admin");
  agent = await login(t.app, "quynhon.nv1");
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.db.setting.deleteMany({ where: { key: POLICY_KEY } });
});

const URL = "/api/settings/sms-policy";
const get = (cookie: string) => t.app.inject({ method: "GET", url: URL, headers: { cookie } });
const put = (cookie: string, payload: object) => t.app.inject({ method: "PUT", url: URL, headers: { cookie }, payload });
const policy = {
  windowStart: "08:00",
  windowEnd: "20:30",
  maxPerDay: 2,
  requireConsent: true,
  label: "[QC]",
  optOutText: "Tu choi QC soan TC gui 8079",
};

describe("sms policy settings", () => {
  it("starts from the lawful defaults, saves a change and audits it", async () => {
    expect((await get(admin)).json()).toEqual(DEFAULT_POLICY);
    const saved = await put(admin, policy);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual(policy);
    expect((await get(manager)).json()).toEqual(policy);
    expect(await loadPolicy(t.db)).toEqual(policy);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "settings", resourceId: "sms-policy" } });
    expect(audit.before).toEqual(DEFAULT_POLICY);
    expect(audit.after).toEqual(policy);
  });

  it("names the field of a bad value and keeps the stored policy", async () => {
    const cases: [object, string][] = [
      [{ windowStart: "7:00" }, "windowStart"],
      [{ windowStart: "24:00" }, "windowStart"],
      [{ windowEnd: "24:01" }, "windowEnd"],
      [{ windowEnd: "25:00" }, "windowEnd"],
      [{ windowStart: "22:00", windowEnd: "07:00" }, "windowEnd"],
      [{ maxPerDay: 0 }, "maxPerDay"],
      [{ maxPerDay: 11 }, "maxPerDay"],
      [{ label: "" }, "label"],
      [{ label: "   " }, "label"],
      [{ optOutText: "" }, "optOutText"],
    ];
    for (const [change, field] of cases) {
      const response = await put(admin, { ...policy, ...change });
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json().errors), field).toEqual([field]);
    }
    expect(await t.db.setting.count({ where: { key: POLICY_KEY } })).toBe(0);
  });

  it("accepts a round-the-clock window, 00:00 to 24:00, which the worker then applies", async () => {
    const roundTheClock = { ...policy, windowStart: "00:00", windowEnd: "24:00" };
    const saved = await put(admin, roundTheClock);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await get(manager)).json()).toEqual(roundTheClock);
    const stored = await loadPolicy(t.db);
    expect(stored).toEqual(roundTheClock);
    // 23:30 in Vietnam, outside the lawful default window: sent at once under this policy.
    const lateEvening = new Date("2026-03-02T16:30:00Z");
    const facts: RecipientFacts = { consent: "granted", suppressed: false, dnc: false, sentInLast24h: [], mobile: true };
    expect(decide(lateEvening, facts, stored, "UBND GiaLai")).toEqual({ action: "send" });
  });

  it("falls back to the defaults when the stored value is broken", async () => {
    await t.db.setting.create({ data: { key: POLICY_KEY, value: { ...policy, windowStart: "23:00" } } });
    expect(await loadPolicy(t.db)).toEqual(DEFAULT_POLICY);
  });

  it("is changed by admins only", async () => {
    expect((await put(manager, policy)).statusCode).toBe(403);
    expect((await get(agent)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: URL })).statusCode).toBe(401);
  });
});
