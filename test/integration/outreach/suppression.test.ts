// Opt-outs: the signed inbound-SMS webhook with keywords in any form, exactly one confirmation
// through the sink provider, console opt-outs, Twilio 21610, and the DNC list's replace semantics.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseXml } from "../../../server/hotline/simulator/xml.js";
import { sendSms } from "../../../server/messaging/messages.js";
import { createTwilioSmsProvider } from "../../../server/messaging/vendors/twilio.js";
import { replaceDncList } from "../../../server/outreach/consent/dnc/dnc.js";
import { confirmationText } from "../../../server/outreach/consent/opt-outs/confirmation.js";
import { isSuppressed } from "../../../server/outreach/consent/opt-outs/suppress.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";
import { signedPost } from "../../helpers/twilio.js";
import { startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;
let admin: string;
let manager: string;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  ({ manager } = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies);
  admin = await login(t.app, "admin");
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});
beforeEach(async () => {
  await t.db.suppression.deleteMany();
  await t.db.smsMessage.deleteMany();
});

const inbound = (from: string, body: string) =>
  signedPost(t.app, t.config, t.db, "/twilio/sms/inbound", { From: from, Body: body, MessageSid: `SM${randomBytes(16).toString("hex")}` });
const confirmations = (to: string) => t.db.smsMessage.findMany({ where: { recipient: to, purpose: "opt_out_confirmation" } });

describe("opt-out keywords by SMS", () => {
  it.each([
    "TC",
    "tc",
    " Tc. ",
    "TU CHOI",
    "tu  choi",
    "TỪ CHỐI",
    "từ chối",
    "Từ Chối QC",
    "HUY",
    "huy",
    "HỦY",
    "hủy!",
    "STOP",
    "stop",
    "TUCHOI",
  ])("%j suppresses the sender and confirms once", async (body) => {
    const response = await inbound("+84912345678", body);
    expect(response.status).toBe(200);
    expect(parseXml(response.body)).toMatchObject({ name: "Response", children: [] });
    expect(await isSuppressed(t.db, "+84912345678")).toBe(true);
    const [sms, ...more] = await confirmations("+84912345678");
    expect(more).toEqual([]);
    expect(sms?.body).toMatch(
      /^Tong dai TTHC Gia Lai da nhan yeu cau tu choi luc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\. Tu nay quy vi se khong nhan tin quang cao\.$/,
    );
  });

  it.each(["Xin chào", "TCX", "Tôi muốn hỏi thủ tục", "", "CHOI"])("%j is not an opt-out", async (body) => {
    await inbound("+84912345678", body);
    expect(await isSuppressed(t.db, "+84912345678")).toBe(false);
    expect(await confirmations("+84912345678")).toEqual([]);
  });

  it("sends exactly one confirmation however many times the number opts out or Twilio retries", async () => {
    for (const body of ["TC", "TC", "STOP", "Hủy"]) expect((await inbound("84912345678", body)).status).toBe(200);
    expect(await confirmations("+84912345678")).toHaveLength(1);
    const row = await t.db.suppression.findUniqueOrThrow({ where: { phone: "+84912345678" } });
    expect(row).toMatchObject({ source: "keyword", detail: "TC" });
  });

  it("marks the contact as refused with the opt-out as evidence", async () => {
    await t.db.contact.create({ data: { phone: "+84912345670", consentStatus: "granted", consentSource: "Phiếu", consentMethod: "Ký" } });
    await inbound("+84912345670", "TU CHOI");
    expect(await t.db.contact.findUniqueOrThrow({ where: { phone: "+84912345670" } })).toMatchObject({
      consentStatus: "refused",
      consentSource: "opt_out:keyword",
    });
  });

  it("refuses an unsigned or wrongly signed webhook", async () => {
    const unsigned = await t.app.inject({
      method: "POST",
      url: "/twilio/sms/inbound",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "From=%2B84912345678&Body=TC",
    });
    expect(unsigned.statusCode).toBe(403);
    const forged = await t.app.inject({
      method: "POST",
      url: "/twilio/sms/inbound",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "AAAA" },
      payload: "From=%2B84912345678&Body=TC",
    });
    expect(forged.statusCode).toBe(403);
    expect(await isSuppressed(t.db, "+84912345678")).toBe(false);
  });

  it("words the confirmation with the Vietnam time it was received, without advertising", () => {
    expect(confirmationText(new Date("2026-11-23T14:05:00Z"))).toBe(
      "Tong dai TTHC Gia Lai da nhan yeu cau tu choi luc 21:05 23/11/2026. Tu nay quy vi se khong nhan tin quang cao.",
    );
    expect(confirmationText(new Date())).not.toMatch(/\[QC\]|dichvucong|http/i);
  });
});

describe("opt-outs from the console and from Twilio", () => {
  it("records a console opt-out with one confirmation; only administrators remove it, audited", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/suppressions",
      headers: { cookie: manager },
      payload: { phone: "0912 345 671", detail: "Gọi 1022" },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ id: "+84912345671", source: "console" });
    await t.app.inject({ method: "POST", url: "/api/suppressions", headers: { cookie: manager }, payload: { phone: "+84912345671" } });
    expect(await confirmations("+84912345671")).toHaveLength(1);

    const list = await t.app.inject({ method: "GET", url: "/api/suppressions", headers: { cookie: manager } });
    expect(list.headers["content-range"]).toBe("suppressions 0-0/1");

    const url = `/api/suppressions/${encodeURIComponent("+84912345671")}`;
    expect((await t.app.inject({ method: "DELETE", url, headers: { cookie: manager } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url, headers: { cookie: admin } })).statusCode).toBe(200);
    expect(await isSuppressed(t.db, "+84912345671")).toBe(false);
    expect(
      await t.db.auditLog.findFirst({ where: { resource: "suppressions", action: "delete", resourceId: "+84912345671" } }),
    ).not.toBeNull();
  });

  it("suppresses a number Twilio refuses with 21610, at send time and from a receipt, without a confirmation", async () => {
    stub.handle((request) =>
      request.method === "POST"
        ? { status: 400, body: { code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 } }
        : undefined,
    );
    const twilio = createTwilioSmsProvider({ client: stub.client(), messagingServiceSid: `MG${"0b".repeat(16)}` });
    await expect(sendSms(t.db, twilio, { to: "+84912345672", body: "[QC] x", purpose: "campaign" })).rejects.toMatchObject({
      code: "21610",
    });
    expect(await t.db.suppression.findUnique({ where: { phone: "+84912345672" } })).toMatchObject({ source: "provider", detail: "21610" });
    stub.handle(undefined);

    const sent = await sendSms(t.db, twilio, { to: "+84912345673", body: "[QC] y", purpose: "campaign" });
    const receipt = await signedPost(t.app, t.config, t.db, `/twilio/sms/status?m=${sent.id}`, {
      MessageSid: sent.providerMessageId,
      MessageStatus: "failed",
      ErrorCode: "21610",
    });
    expect(receipt.status).toBe(204);
    expect(await isSuppressed(t.db, "+84912345673")).toBe(true);
    expect(await t.db.smsMessage.count({ where: { purpose: "opt_out_confirmation" } })).toBe(0);
  });
});

describe("the national Do-Not-Call list", () => {
  async function* lines(...values: string[]) {
    yield* values;
  }

  it("replaces the whole list on each import, counting invalid lines", async () => {
    expect(
      await replaceDncList(
        t.db,
        lines("So dien thoai", "0912000001", "84912000002,extra", '"+84 912 000 003"', "0912000001", "abc", "12", ""),
      ),
    ).toEqual({
      imported: 3,
      rejected: 2,
    });
    expect(await replaceDncList(t.db, lines("0912000009"))).toEqual({ imported: 1, rejected: 0 });
    expect((await t.db.dncNumber.findMany()).map((n) => n.phone)).toEqual(["+84912000009"]);
  });

  it("keeps the old list when an import fails part-way", async () => {
    async function* broken() {
      yield "0912000010";
      throw new Error("upload cut");
    }
    await expect(replaceDncList(t.db, broken())).rejects.toThrow("upload cut");
    expect((await t.db.dncNumber.findMany()).map((n) => n.phone)).toEqual(["+84912000009"]);
  });

  it("imports a file through the API, remembers who and when, and checks a number", async () => {
    const boundary = "----dnc";
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dnc.txt"\r\nContent-Type: text/plain\r\n\r\n0912000021\r\n0912000022\r\nxyz\r\n\r\n--${boundary}--\r\n`;
    const response = await t.app.inject({
      method: "POST",
      url: "/api/dnc/import",
      headers: { cookie: manager, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ count: 2, imported: 2, rejected: 1, lastImport: { byName: "QLCD", fileName: "dnc.txt" } });
    const status = await t.app.inject({ method: "GET", url: "/api/dnc", headers: { cookie: manager } });
    expect(status.json()).toMatchObject({ count: 2, lastImport: { imported: 2 } });
    const check = await t.app.inject({ method: "GET", url: "/api/dnc/check?phone=0912%20000%20021", headers: { cookie: manager } });
    expect(check.json()).toEqual({ phone: "+84912000021", onDnc: true, suppressed: false });
  });
});
