// Issue 14 point 2 through the campaign API: a campaign chooses its channel and, for Zalo ZNS with
// SMS fallback, a ZNS template and where each parameter's value comes from. Bad choices are a 400
// naming the field; the approval covers the channel, the template and the mapping, so changing any
// of them after approval sends the campaign back for approval at launch.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sealSecrets } from "../../../server/messaging/secrets.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { approvedCampaign, createList, createSender, openSendingRoundTheClock, seedCampaignPeople } from "../../helpers/campaigns.js";
import { type EsmsStub, STUB_API_KEY, STUB_SECRET_KEY, startEsmsStub } from "../../helpers/esms-stub.js";

const KEY = randomBytes(32).toString("base64");
let t: TestApp;
let stub: EsmsStub;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
let esmsId: number;
let templateId: number;

beforeAll(async () => {
  stub = await startEsmsStub();
  t = await startTestApp({ SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url });
  cookies = (await seedCampaignPeople(t.db, t.app)).cookies;
  const sender = await t.db.smsSender.create({
    data: {
      brandname: "TTHC GIALAI",
      provider: "esms",
      settings: { sandbox: "0" },
      secrets: sealSecrets(KEY, { apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY }),
      messagesPerSecond: 0,
      pricePerSegment: 800,
    },
  });
  esmsId = sender.id;
  const template = await t.app.inject({
    method: "POST",
    url: "/api/zns-templates",
    headers: { cookie: cookies.manager },
    payload: {
      name: "Nhắc hồ sơ",
      senderId: esmsId,
      oaId: "1397492183140006179",
      templateId: "2056446",
      params: [
        { name: "customer_name", sample: "Nguyễn Văn A", source: "ten" },
        { name: "portal", sample: "dichvucong.gialai.gov.vn", source: "const:dichvucong.gialai.gov.vn" },
      ],
      preview: "Xin chào <customer_name>, mời bạn nộp hồ sơ tại <portal>.",
      tag: "2",
    },
  });
  expect(template.statusCode, template.body).toBe(200);
  templateId = template.json().id;
  await openSendingRoundTheClock(t.db);
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

const create = (payload: object) => t.app.inject({ method: "POST", url: "/api/campaigns", headers: { cookie: cookies.manager }, payload });
const action = (id: number, name: string, cookie: string) =>
  t.app.inject({ method: "POST", url: `/api/campaigns/${id}/${name}`, headers: { cookie } });

it("creates a ZNS campaign with its template and mapping, and refuses bad choices naming the field", async () => {
  const listId = await createList(t.db, "zns api", 40_000, 3);
  const base = {
    name: "ZNS",
    body: "Nop ho so tai dichvucong.gialai.gov.vn",
    senderId: esmsId,
    audience: { listIds: [listId], segmentIds: [] },
  };
  const created = await create({
    ...base,
    channel: "zns_sms_fallback",
    znsTemplateId: templateId,
    znsParams: { portal: "const:dvc.gialai.gov.vn" },
  });
  expect(created.statusCode, created.body).toBe(200);
  // The sample shows the ZNS filled for the first contact of the audience, with the campaign's constant.
  const sample = await t.app.inject({
    method: "GET",
    url: `/api/campaigns/${created.json().id}/sample-message`,
    headers: { cookie: cookies.manager },
  });
  expect(sample.json().zns).toEqual({
    text: "Xin chào Công dân 40000, mời bạn nộp hồ sơ tại dvc.gialai.gov.vn.",
    params: { customer_name: "Công dân 40000", portal: "dvc.gialai.gov.vn" },
  });
  expect(created.json()).toMatchObject({
    channel: "zns_sms_fallback",
    znsTemplateId: templateId,
    znsParams: { portal: "const:dvc.gialai.gov.vn" },
  });
  // The same campaign switched back to SMS keeps no template.
  const sms = await t.app.inject({
    method: "PUT",
    url: `/api/campaigns/${created.json().id}`,
    headers: { cookie: cookies.manager },
    payload: { ...(created.json() as object), channel: "sms" },
  });
  expect(sms.statusCode, sms.body).toBe(200);
  expect(sms.json()).toMatchObject({ channel: "sms", znsTemplateId: null, znsParams: {} });

  const sink = await createSender(t.db);
  const inactive = await t.db.znsTemplate.create({
    data: { name: "Cũ", senderId: esmsId, oaId: "1", templateId: "1", params: [], preview: "x", tag: "2", active: false },
  });
  const otherEsms = await t.db.smsSender.create({
    data: { brandname: "KHAC", provider: "esms", messagesPerSecond: 0, pricePerSegment: 800 },
  });
  const zns = { ...base, channel: "zns_sms_fallback", znsTemplateId: templateId };
  const refusals: [object, string, RegExp][] = [
    [{ ...base, channel: "zns_sms_fallback" }, "znsTemplateId", /needs a ZNS template/],
    [{ ...zns, znsTemplateId: 999_999 }, "znsTemplateId", /no such/],
    [{ ...zns, znsTemplateId: inactive.id }, "znsTemplateId", /no longer active/],
    [{ ...zns, senderId: otherEsms.id }, "znsTemplateId", /another sender/],
    [{ ...zns, senderId: sink.id }, "senderId", /cannot send Zalo ZNS/],
    [{ ...zns, znsParams: { nope: "ten" } }, "znsParams", /no parameter nope/],
    [{ ...zns, znsParams: { portal: "ten; drop" } }, "znsParams", /contact field or const/],
    [{ ...base, channel: "zalo" }, "channel", /./],
  ];
  for (const [payload, field, message] of refusals) {
    const refused = await create(payload);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain(field);
    expect(refused.json().message).toMatch(message);
  }
});

it("sends the campaign back for approval when its ZNS template, mapping or channel changed after approval", async () => {
  // eSMS sends advertising in batches of at least 30 numbers: the launch checks it first.
  const listId = await createList(t.db, "zns approval", 41_000, 35);
  const id = await approvedCampaign(t.app, cookies, {
    name: "ZNS duyệt",
    senderId: esmsId,
    listIds: [listId],
    body: "Nop ho so tai dichvucong.gialai.gov.vn",
    zns: { channel: "zns_sms_fallback", znsTemplateId: templateId },
  });
  const shown = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}`, headers: { cookie: cookies.approver } });
  expect(shown.json().approval).toMatchObject({
    channel: "zns_sms_fallback",
    zns: { znsTemplateId: templateId, templateId: "2056446", sources: { customer_name: "ten", portal: "const:dichvucong.gialai.gov.vn" } },
  });

  // A manager edits the template's parameter source after approval: the launch is refused.
  const template = await t.app.inject({ method: "GET", url: `/api/zns-templates/${templateId}`, headers: { cookie: cookies.manager } });
  const { id: _id, samplePreview: _s, createdAt: _c, updatedAt: _u, ...fields } = template.json();
  const edited = await t.app.inject({
    method: "PUT",
    url: `/api/zns-templates/${templateId}`,
    headers: { cookie: cookies.manager },
    payload: { ...fields, params: [fields.params[0], { ...fields.params[1], source: "const:trang-khac.vn" }] },
  });
  expect(edited.statusCode, edited.body).toBe(200);
  const launched = await action(id, "launch", cookies.manager);
  expect(launched.statusCode, launched.body).toBe(409);
  expect(launched.json().message).toMatch(/ZNS template or its parameters changed/);
  expect(await t.db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending_approval", approval: null });

  // Approved again for the new source; then the channel is switched to SMS behind the approval's back.
  expect((await action(id, "approve", cookies.approver)).statusCode).toBe(200);
  await t.db.campaign.update({ where: { id }, data: { channel: "sms", znsTemplateId: null } });
  const relaunched = await action(id, "launch", cookies.manager);
  expect(relaunched.statusCode, relaunched.body).toBe(409);
  expect(relaunched.json().message).toMatch(/the channel changed: approved zns_sms_fallback, now sms/);

  // Back as approved, approved again: it launches.
  await t.db.campaign.update({ where: { id }, data: { channel: "zns_sms_fallback", znsTemplateId: templateId } });
  expect((await action(id, "approve", cookies.approver)).statusCode).toBe(200);
  const started = await action(id, "launch", cookies.manager);
  expect(started.statusCode, started.body).toBe(200);
  expect(started.json().status).toBe("running");
});
