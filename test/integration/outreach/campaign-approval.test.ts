// Issue 8 finding 3: the two-person rule and what an approval covers, through the real API. Nobody
// who wrote any of a campaign (created, edited, submitted it, or wrote its template) approves it, and
// a launch sends only what was approved: text, sender and the audience as it stood at approval.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../server/outreach/compliance/policy.js";
import { savePolicy } from "../../../server/outreach/compliance/settings.js";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { approvedCampaign, createList, createSender, phoneOf, READY_POLICY, seedCampaignPeople } from "../../helpers/campaigns.js";

let t: TestApp;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"] & { dual: string; approver2: string };
let senderId: number;

beforeAll(async () => {
  t = await startTestApp();
  const seeded = await seedCampaignPeople(t.db, t.app);
  const agencyId = seeded.people.manager.agencyId;
  // Holds both roles, like the attacker of the finding; and a second plain approver.
  await createUser(t.db, { username: "qc.kiemnhiem", roles: ["campaign_manager", "campaign_approver"], agencyId });
  await createUser(t.db, { username: "qc.duyet2", roles: ["campaign_approver"], agencyId });
  cookies = {
    ...seeded.cookies,
    dual: await login(t.app, "qc.kiemnhiem"),
    approver2: await login(t.app, "qc.duyet2"),
  };
  senderId = (await createSender(t.db)).id;
});
afterAll(async () => {
  await t?.close();
});

const post = (app: FastifyInstance, url: string, cookie: string, payload?: object) =>
  app.inject({ method: "POST", url, headers: { cookie }, ...(payload ? { payload } : {}) });
const action = (id: number, name: string, cookie: string) => post(t.app, `/api/campaigns/${id}/${name}`, cookie);

async function draft(cookie: string, listIds: number[], extra: object = {}) {
  const created = await post(t.app, "/api/campaigns", cookie, {
    name: "Mời dùng DVCTT",
    body: "Moi dung dich vu cong truc tuyen",
    senderId,
    audience: { listIds, segmentIds: [] },
    ...extra,
  });
  expect(created.statusCode).toBe(200);
  return created.json() as { id: number } & Record<string, unknown>;
}

describe("the approver wrote none of it", () => {
  it("refuses a manager-approver who edited another manager's draft, submitted and approved it himself", async () => {
    const listId = await createList(t.db, "two-person edit", 1, 3);
    const campaign = await draft(cookies.manager, [listId]);
    const edited = await t.app.inject({
      method: "PUT",
      url: `/api/campaigns/${campaign.id}`,
      headers: { cookie: cookies.dual },
      payload: { ...campaign, body: "Moi dung DVCTT, ban sua cua nguoi duyet" },
    });
    expect(edited.statusCode).toBe(200);
    expect((await action(campaign.id, "submit", cookies.dual)).statusCode).toBe(200);

    const own = await action(campaign.id, "approve", cookies.dual);
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toMatch(/Two-person rule/);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("pending_approval");

    // Someone who touched none of it approves; the record says who wrote it.
    const approved = await action(campaign.id, "approve", cookies.approver);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe("scheduled");
    const ids = (await t.db.user.findMany({ where: { username: { in: ["qc.soanthao", "qc.kiemnhiem"] } } })).map((u) => u.id).sort();
    expect(approved.json().editorIds).toEqual(ids);
  });

  it("counts whoever submitted it, and whoever wrote the template its text came from", async () => {
    const listId = await createList(t.db, "two-person template", 10, 2);
    const submittedOnly = await draft(cookies.manager, [listId]);
    expect((await action(submittedOnly.id, "submit", cookies.dual)).statusCode).toBe(200);
    expect((await action(submittedOnly.id, "approve", cookies.dual)).statusCode).toBe(403);

    const template = await post(t.app, "/api/sms-templates", cookies.dual, {
      name: "Mẫu của người kiêm nhiệm",
      body: "Moi {{ten}} dung DVCTT",
    });
    expect(template.statusCode).toBe(200);
    const fromTemplate = await draft(cookies.manager, [listId], { body: undefined, templateId: template.json().id });
    expect(fromTemplate.body).toBe("Moi {{ten}} dung DVCTT");
    expect((await action(fromTemplate.id, "submit", cookies.manager)).statusCode).toBe(200);
    expect((await action(fromTemplate.id, "approve", cookies.dual)).statusCode).toBe(403);
    expect((await action(fromTemplate.id, "approve", cookies.approver)).statusCode).toBe(200);
  });
});

describe("an approval covers exactly what is sent", () => {
  it("refuses a launch after contacts were added to the approved list, and sends the campaign back for approval", async () => {
    const listId = await createList(t.db, "frozen audience", 100, 1);
    const id = await approvedCampaign(t.app, cookies, { name: "frozen", senderId, listIds: [listId] });
    const approved = (await t.app.inject({ method: "GET", url: `/api/campaigns/${id}`, headers: { cookie: cookies.approver } })).json();
    // The approval screen shows what was approved: text, sender, how many numbers.
    expect(approved.approval).toMatchObject({
      body: "Moi {{ten}} dung dich vu cong truc tuyen tai dichvucong.gov.vn",
      brandname: "UBND GiaLai",
      recipients: 1,
    });

    // The author adds five contacts to the approved list, then launches.
    await createList(t.db, "five more", 101, 5);
    const added = await t.db.contact.findMany({ where: { phone: { in: [101, 102, 103, 104, 105].map(phoneOf) } } });
    const members = await post(t.app, `/api/contact-lists/${listId}/members`, cookies.manager, { contactIds: added.map((c) => c.id) });
    expect(members.json()).toEqual({ count: 5 });

    const launched = await action(id, "launch", cookies.manager);
    expect(launched.statusCode).toBe(409);
    expect(launched.json().message).toMatch(/approved 1 recipients, now 6/);
    expect(await t.db.campaignRecipient.count({ where: { campaignId: id } })).toBe(0);
    const back = await t.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(back).toMatchObject({ status: "pending_approval", approvedById: null, approval: null });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { resource: "campaigns", resourceId: String(id), action: "return_for_approval" },
    });
    expect(audit.after).toMatchObject({ differences: ["approved 1 recipients, now 6"] });
    expect(audit.before).toMatchObject({ approval: { recipients: 1, brandname: "UBND GiaLai" } });

    // Approved again, by a different approver, for six: the launch sends to six.
    const again = await action(id, "approve", cookies.approver2);
    expect(again.statusCode).toBe(200);
    expect(again.json().approval).toMatchObject({ recipients: 6 });
    const approveAudit = await t.db.auditLog.findFirstOrThrow({
      where: { resource: "campaigns", resourceId: String(id), action: "approve" },
      orderBy: { id: "desc" },
    });
    expect(approveAudit.after).toMatchObject({
      approval: { recipients: 6, brandname: "UBND GiaLai", body: expect.stringContaining("Moi") },
    });
    const relaunched = await action(id, "launch", cookies.manager);
    expect(relaunched.statusCode).toBe(200);
    expect(relaunched.json()).toMatchObject({ status: "running", counts: { total: 6 } });
  });

  it("refuses a launch when the same number of different people would receive it", async () => {
    const listId = await createList(t.db, "swapped", 200, 3);
    const id = await approvedCampaign(t.app, cookies, { name: "swapped", senderId, listIds: [listId] });
    const [first] = await t.db.contact.findMany({ where: { phone: phoneOf(200) } });
    await t.app.inject({
      method: "DELETE",
      url: `/api/contact-lists/${listId}/members`,
      headers: { cookie: cookies.manager },
      payload: { contactIds: [first?.id] },
    });
    await createList(t.db, "swap in", 203, 1);
    const swapIn = await t.db.contact.findFirstOrThrow({ where: { phone: phoneOf(203) } });
    await post(t.app, `/api/contact-lists/${listId}/members`, cookies.manager, { contactIds: [swapIn.id] });

    const launched = await action(id, "launch", cookies.approver);
    expect(launched.statusCode).toBe(409);
    expect(launched.json().message).toMatch(/same number of recipients \(3\) but different numbers/);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("pending_approval");
  });

  it("refuses a launch after the sender was renamed", async () => {
    const sender = await createSender(t.db, { brandname: "SoTTTT" });
    const listId = await createList(t.db, "sender change", 300, 2);
    const id = await approvedCampaign(t.app, cookies, { name: "sender", senderId: sender.id, listIds: [listId] });
    await t.db.smsSender.update({ where: { id: sender.id }, data: { brandname: "QuangCao" } });
    const launched = await action(id, "launch", cookies.approver);
    expect(launched.statusCode).toBe(409);
    expect(launched.json().message).toMatch(/sender changed: approved SoTTTT \(sink\), now QuangCao \(sink\)/);
  });

  it("refuses to plan a later launch of a changed audience, saying what changed", async () => {
    const listId = await createList(t.db, "later", 400, 2);
    const id = await approvedCampaign(t.app, cookies, {
      name: "later",
      senderId,
      listIds: [listId],
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await createList(t.db, "later extra", 402, 1);
    const extra = await t.db.contact.findFirstOrThrow({ where: { phone: phoneOf(402) } });
    await post(t.app, `/api/contact-lists/${listId}/members`, cookies.manager, { contactIds: [extra.id] });
    const launched = await action(id, "launch", cookies.manager);
    expect(launched.statusCode).toBe(409);
    expect(launched.json().message).toMatch(/approved 2 recipients, now 3/);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("pending_approval");
  });
});

describe("the opt-out number is set before any campaign goes out", () => {
  it("fails the checklist and refuses submission and launch while the opt-out text holds the placeholder", async () => {
    const listId = await createList(t.db, "placeholder", 400, 2);
    const ready = await approvedCampaign(t.app, cookies, { name: "approved before", senderId, listIds: [listId] });
    const campaign = await draft(cookies.manager, [listId]);
    await savePolicy(t.db, DEFAULT_POLICY);
    try {
      const estimate = (
        await t.app.inject({ method: "GET", url: `/api/campaigns/${campaign.id}/estimate`, headers: { cookie: cookies.manager } })
      ).json();
      expect(estimate.compliance).toContainEqual({
        rule: "opt_out_number",
        ok: false,
        message: expect.stringContaining('still holds the placeholder "8xxx"'),
      });

      const submitted = await action(campaign.id, "submit", cookies.manager);
      expect(submitted.statusCode).toBe(409);
      expect(submitted.json().errors).toEqual({ optOutText: "tthc.validation.opt_out_placeholder" });
      expect((await t.db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("draft");
      // Approved while the number was set; the launch checks again.
      const launched = await action(ready, "launch", cookies.manager);
      expect(launched.statusCode).toBe(409);
      expect(await t.db.campaignRecipient.count({ where: { campaignId: ready } })).toBe(0);
    } finally {
      await savePolicy(t.db, READY_POLICY);
    }
    const estimate = (
      await t.app.inject({ method: "GET", url: `/api/campaigns/${campaign.id}/estimate`, headers: { cookie: cookies.manager } })
    ).json();
    expect(estimate.compliance).toContainEqual(expect.objectContaining({ rule: "opt_out_number", ok: true }));
    expect((await action(campaign.id, "submit", cookies.manager)).statusCode).toBe(200);
  });
});
