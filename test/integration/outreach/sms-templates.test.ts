// SMS templates (campaign managers write, approvers read) and senders (admins write, campaign staff
// read): validation, variables, audit and permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";

let t: TestApp;
let admin: string;
let manager: string;
let approver: string;
let agent: string;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  ({ manager, approver } = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies);
  admin = await login(t.app, "admin");
  agent = await login(t.app, "quynhon.nv1");
});
afterAll(() => t?.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });

describe("sms-templates", () => {
  it("creates, lists with Content-Range, updates and deletes, with the variables and an audit trail", async () => {
    const created = await call(manager, "POST", "/api/sms-templates", {
      name: "Mời đăng ký VNeID",
      body: "Chào {{ten}}, {{ xa }} mời bạn đăng ký tài khoản định danh. {{ten}}",
      unaccented: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    const template = created.json();
    expect(template).toMatchObject({ name: "Mời đăng ký VNeID", unaccented: true, variables: ["ten", "xa"] });

    const list = await call(approver, "GET", listUrl("sms-templates", { sort: ["name", "ASC"], range: [0, 9], filter: { q: "VNeID" } }));
    expect(list.statusCode).toBe(200);
    expect(list.headers["content-range"]).toBe("sms-templates 0-0/1");
    expect(list.json()[0].variables).toEqual(["ten", "xa"]);

    // react-admin sends the whole record back; read-only fields are dropped.
    const updated = await call(manager, "PUT", `/api/sms-templates/${template.id}`, { ...template, body: "Xin chào {{ma_ho_so}}" });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().variables).toEqual(["ma_ho_so"]);

    expect((await call(manager, "DELETE", `/api/sms-templates/${template.id}`)).statusCode).toBe(200);
    expect((await call(manager, "GET", `/api/sms-templates/${template.id}`)).statusCode).toBe(404);
    const actions = await t.db.auditLog.findMany({
      where: { resource: "sms-templates", resourceId: String(template.id) },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });

  it("names bad fields and taken names", async () => {
    const empty = await call(manager, "POST", "/api/sms-templates", { name: "X", body: "" });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().errors)).toEqual(["body"]);
    const long = await call(manager, "POST", "/api/sms-templates", { name: "X", body: "a".repeat(1601) });
    expect(Object.keys(long.json().errors)).toEqual(["body"]);
    const blankName = await call(manager, "POST", "/api/sms-templates", { name: "  ", body: "Hi" });
    expect(Object.keys(blankName.json().errors)).toEqual(["name"]);
    expect((await call(manager, "POST", "/api/sms-templates", { name: "Trùng", body: "Hi" })).statusCode).toBe(200);
    const taken = await call(manager, "POST", "/api/sms-templates", { name: "Trùng", body: "Hi" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual({ name: "tthc.validation.taken" });
  });

  it("lets approvers read only, and keeps others out", async () => {
    expect((await call(approver, "POST", "/api/sms-templates", { name: "A", body: "Hi" })).statusCode).toBe(403);
    expect((await call(agent, "GET", "/api/sms-templates")).statusCode).toBe(403);
    expect((await call(admin, "POST", "/api/sms-templates", { name: "Của admin", body: "Hi" })).statusCode).toBe(200);
  });
});

describe("sms-senders", () => {
  const sender = {
    brandname: "UBND GiaLai",
    provider: "twilio",
    pricePerSegment: 350,
    messagesPerSecond: 10,
    settings: { messagingServiceSid: "MG123" },
  };

  it("creates, reads, updates and audits a sender", async () => {
    const created = await call(admin, "POST", "/api/sms-senders", sender);
    expect(created.statusCode, created.body).toBe(200);
    const record = created.json();
    expect(record).toMatchObject({ ...sender, active: true });
    expect((await call(manager, "GET", listUrl("sms-senders", { filter: { provider: "twilio" } }))).json()).toHaveLength(1);
    expect((await call(approver, "GET", `/api/sms-senders/${record.id}`)).statusCode).toBe(200);
    const updated = await call(admin, "PUT", `/api/sms-senders/${record.id}`, { ...record, pricePerSegment: 400, active: false });
    expect(updated.json()).toMatchObject({ pricePerSegment: 400, active: false });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "sms-senders", action: "update" } });
    expect(audit.after).toMatchObject({ pricePerSegment: 400 });
    expect((await call(admin, "DELETE", `/api/sms-senders/${record.id}`)).statusCode).toBe(200);
  });

  it("validates the brandname, provider, price, rate and settings", async () => {
    for (const brandname of ["1022", "Sở Tư pháp", "UBNDGiaLai12", " DVC"]) {
      const response = await call(admin, "POST", "/api/sms-senders", { ...sender, brandname });
      expect(response.statusCode, brandname).toBe(400);
      expect(Object.keys(response.json().errors), brandname).toEqual(["brandname"]);
    }
    const cases: [object, string][] = [
      [{ provider: "viettel" }, "provider"],
      [{ pricePerSegment: -1 }, "pricePerSegment"],
      [{ messagesPerSecond: 0 }, "messagesPerSecond"],
      [{ messagesPerSecond: 1001 }, "messagesPerSecond"],
      [{ settings: { authToken: "abc" } }, "settings"],
      [{ settings: { nested: { apiKey: "abc" } } }, "settings"],
    ];
    for (const [change, field] of cases) {
      const response = await call(admin, "POST", "/api/sms-senders", { ...sender, brandname: "DVC-GL", ...change });
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json().errors), field).toContain(field);
    }
  });

  it("refuses to delete a sender that campaigns used", async () => {
    const record = (await call(admin, "POST", "/api/sms-senders", { ...sender, brandname: "DVC GL" })).json();
    const user = await t.db.user.findFirstOrThrow({ where: { username: "qlcd" } });
    await t.db.campaign.create({ data: { name: "C", body: "Hi", senderId: record.id, audience: {}, createdById: user.id } });
    const response = await call(admin, "DELETE", `/api/sms-senders/${record.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual({ id: "tthc.validation.in_use" });
  });

  it("is written by admins only and read by campaign staff", async () => {
    expect((await call(manager, "POST", "/api/sms-senders", { ...sender, brandname: "XYZ" })).statusCode).toBe(403);
    expect((await call(agent, "GET", "/api/sms-senders")).statusCode).toBe(403);
  });
});
