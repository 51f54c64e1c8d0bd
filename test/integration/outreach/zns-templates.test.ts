// /api/zns-templates: campaign managers register Zalo ZNS templates for an eSMS sender; approvers read
// them; bad input is a 400 naming the field; the answer carries the preview filled with the samples.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedCampaignPeople } from "../../helpers/campaigns.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it("registers a ZNS template with its parameters and shows its preview filled with the samples", async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  const esms = await t.db.smsSender.create({ data: { brandname: "TTHC ZNS", provider: "esms" } });
  const sink = await t.db.smsSender.create({ data: { brandname: "SINK ZNS", provider: "sink" } });
  const payload = {
    name: "Nhắc hồ sơ",
    senderId: esms.id,
    oaId: "1397492183140006179",
    templateId: "2056446",
    params: [
      { name: "customer_name", sample: "Nguyễn Văn A", source: "ten" },
      { name: "portal", sample: "dichvucong.gialai.gov.vn", source: "const:dichvucong.gialai.gov.vn" },
    ],
    preview: "Xin chào <customer_name>, mời nộp hồ sơ tại <portal>.",
    tag: "2",
  };
  const post = (body: object, cookie = cookies.manager) =>
    t.app.inject({ method: "POST", url: "/api/zns-templates", headers: { cookie }, payload: body });
  const created = await post(payload);
  expect(created.statusCode, created.body).toBe(200);
  expect(created.json()).toMatchObject({
    active: true,
    samplePreview: "Xin chào Nguyễn Văn A, mời nộp hồ sơ tại dichvucong.gialai.gov.vn.",
  });

  const listed = await t.app.inject({ method: "GET", url: "/api/zns-templates", headers: { cookie: cookies.approver } });
  expect(listed.statusCode).toBe(200);
  expect(listed.json().map((z: { templateId: string }) => z.templateId)).toEqual(["2056446"]);
  // Approvers read, only managers write.
  expect((await post({ ...payload, name: "x", templateId: "9" }, cookies.approver)).statusCode).toBe(403);

  const refusals: [object, string][] = [
    [{ ...payload, name: "Khác", senderId: sink.id }, "senderId"],
    [{ ...payload, name: "Khác" }, "templateId"],
    [{ ...payload, name: "Nhắc hồ sơ", templateId: "77" }, "name"],
    [{ ...payload, name: "Khác", templateId: "78", params: [payload.params[0], payload.params[0]] }, "params"],
    [{ ...payload, name: "Khác", templateId: "79", tag: "4" }, "tag"],
  ];
  for (const [body, field] of refusals) {
    const refused = await post(body);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain(field);
  }

  const id = created.json().id as number;
  const updated = await t.app.inject({
    method: "PUT",
    url: `/api/zns-templates/${id}`,
    headers: { cookie: cookies.manager },
    payload: { ...payload, active: false },
  });
  expect(updated.statusCode, updated.body).toBe(200);
  expect(updated.json().active).toBe(false);
});
