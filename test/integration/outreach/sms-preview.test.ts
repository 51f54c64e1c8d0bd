// POST /api/sms/preview: counting as typed, the composed message with the policy's label and opt-out
// text, cost per sender, validation and who may call it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff, createSender } from "../../helpers/campaigns.js";

let t: TestApp;
let manager: string;
let approver: string;
let agent: string;
let senderId: number;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  ({ manager, approver } = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies);
  agent = await login(t.app, "quynhon.nv1");
  senderId = (await createSender(t.db, { pricePerSegment: 350 })).id;
});
afterAll(() => t?.close());

const preview = (cookie: string, payload: object) =>
  t.app.inject({ method: "POST", url: "/api/sms/preview", headers: { cookie }, payload });

describe("POST /api/sms/preview", () => {
  it("counts the body as typed and offers its unaccented form", async () => {
    const response = await preview(manager, { body: "Đăng ký tài khoản định danh điện tử" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      encoding: "UCS-2",
      characters: 35,
      segments: 1,
      perSegment: 70,
      unaccented: "Dang ky tai khoan dinh danh dien tu",
      // "à" is in the GSM alphabet.
      nonGsmCharacters: ["Đ", "ă", "ý", "ả", "đ", "ị", "ệ", "ử"],
    });
  });

  it("counts the unaccented text when asked, and composes the message with the policy", async () => {
    const response = await preview(manager, {
      body: "Chào {{ten}}, mời bạn dùng dịch vụ công",
      unaccented: true,
      sample: { ten: "Chị Hà" },
    });
    const body = response.json();
    expect(body).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(body.composed).toEqual({
      text: "[QC] Chao Chi Ha, moi ban dung dich vu cong Tu choi QC soan TC gui 8xxx",
      encoding: "GSM-7",
      // 71 characters, "[" and "]" counting two each.
      characters: 73,
      segments: 1,
      perSegment: 160,
      missing: [],
    });
    expect(body.cost).toBeUndefined();
  });

  it("renders with a default sample contact and lists variables the sample lacks", async () => {
    const fallback = (await preview(manager, { body: "Chào {{ten}}" })).json();
    expect(fallback.composed.text).toBe("[QC] Chào Nguyễn Văn An Tu choi QC soan TC gui 8xxx");
    const given = (await preview(manager, { body: "{{ten}} ở {{xa}}", sample: { ten: "An" } })).json();
    expect(given.composed.missing).toEqual(["xa"]);
  });

  it("uses the stored policy", async () => {
    await t.db.setting.upsert({
      where: { key: "sms.policy" },
      create: {
        key: "sms.policy",
        value: { windowStart: "07:00", windowEnd: "22:00", maxPerDay: 3, requireConsent: true, label: "[AD]", optOutText: "STOP 8079" },
      },
      update: {
        value: { windowStart: "07:00", windowEnd: "22:00", maxPerDay: 3, requireConsent: true, label: "[AD]", optOutText: "STOP 8079" },
      },
    });
    try {
      expect((await preview(manager, { body: "Hi" })).json().composed.text).toBe("[AD] Hi STOP 8079");
    } finally {
      await t.db.setting.delete({ where: { key: "sms.policy" } });
    }
  });

  it("estimates the cost with the sender's price per segment", async () => {
    const body = "Đ".repeat(100); // with label and opt-out: 133 units → 2 parts in UCS-2
    const response = (await preview(approver, { body, senderId })).json();
    expect(response.composed).toMatchObject({ encoding: "UCS-2", segments: 2 });
    expect(response.cost).toEqual({ pricePerSegment: 350, currency: "VND", perMessage: 700, per1000: 700_000 });
    const unknown = await preview(manager, { body, senderId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual({ senderId: "tthc.validation.not_found" });
  });

  it("names the body when it is missing, empty or longer than 1,600 characters", async () => {
    for (const payload of [{}, { body: "" }, { body: "a".repeat(1601) }]) {
      const response = await preview(manager, payload);
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json().errors)).toEqual(["body"]);
    }
    expect((await preview(manager, { body: "a".repeat(1600) })).json().segments).toBe(11);
  });

  it("is for campaign staff and admins", async () => {
    expect((await preview(agent, { body: "Hi" })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: "/api/sms/preview", payload: { body: "Hi" } })).statusCode).toBe(401);
    expect((await preview(await login(t.app, "admin"), { body: "Hi" })).statusCode).toBe(200);
  });
});
