// The acceptance test of a data-subject request's core (docs/privacy-requests.md): a citizen's
// footprint in every registered table is found, exported, erased (recordings deleted at Twilio through
// the real SDK against the local stub; interrupted once and resumed, then run again), after which only
// the documented keepers remain, and a campaign launched afterwards skips the number. Withdrawal of
// consent is refused by the worker's check at the next send.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCampaign } from "../../../server/outreach/campaigns/service.js";
import { phoneHash } from "../../../server/phone/hash.js";
import { HttpError } from "../../../server/platform/http/errors.js";
import { type ErasureCheckpoint, runErasure } from "../../../server/privacy/erasure/run.js";
import { twilioRecordingDeleter } from "../../../server/privacy/erasure/twilio.js";
import { buildExportArchive } from "../../../server/privacy/export/build.js";
import { findFootprint } from "../../../server/privacy/find.js";
import { privacyHash } from "../../../server/privacy/hash.js";
import { erasedNumbers } from "../../../server/privacy/holders/platform.js";
import { EXCUSED, HOLDERS } from "../../../server/privacy/holders/registry.js";
import { withdrawConsent } from "../../../server/privacy/withdrawal.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createSender,
  fakeClock,
  inProcessDeps,
  runCampaign,
  scriptedProvider,
  seedCampaignPeople,
} from "../../helpers/campaigns.js";
import { startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const PHONE = "+84912345678";
const NATIONAL = "0912345678";
const OTHER = "+84987654321";
const REC_CALL = `RE${"1".repeat(32)}`;
const REC_VOICEMAIL = `RE${"2".repeat(32)}`;
/** 10:00 in Vietnam on a weekday: inside the sending window. */
const TEN = new Date("2026-03-10T10:00:00+07:00");

let t: TestApp;
let stub: TwilioRestStub;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
let senderId: number;
let agencyId: number;
let staffId: number;

beforeAll(async () => {
  t = await startTestApp();
  stub = await startTwilioRestStub();
  const seeded = await seedCampaignPeople(t.db, t.app);
  cookies = seeded.cookies;
  staffId = seeded.people.manager.id;
  agencyId = seeded.people.manager.agencyId;
  senderId = (await createSender(t.db)).id;
});
afterAll(async () => {
  await stub?.close();
  await t?.close();
});

async function listWith(name: string, phones: string[]): Promise<number> {
  const list = await t.db.contactList.create({ data: { name } });
  for (const phone of phones) {
    const contact = await t.db.contact.upsert({
      where: { phone },
      create: {
        phone,
        name: "Nguyễn Văn An",
        consentStatus: "granted",
        consentSource: "form",
        consentAt: TEN,
        consentMethod: "Phiếu đăng ký",
      },
      update: {},
    });
    await t.db.contactListMember.create({ data: { listId: list.id, contactId: contact.id } });
  }
  return list.id;
}

async function sendCampaign(name: string, listId: number) {
  const id = await approvedCampaign(t.app, cookies, { name, senderId, listIds: [listId] });
  const clock = fakeClock(TEN);
  expect(await launchCampaign(t.db, clock.now(), id, null, null)).toMatchObject({ ok: true });
  const { provider, sent } = scriptedProvider();
  await runCampaign(inProcessDeps(t.db, clock, provider), id, { advance: clock.advance });
  return { id, sent };
}

/** The citizen's footprint in every registered table. */
async function createFootprint() {
  const call = await t.db.call.create({
    data: {
      callSid: `CA${"a".repeat(32)}`,
      caller: PHONE,
      hotline: "+842693000000",
      status: "completed",
      state: { step: "done", vars: { from: PHONE } },
      agencyId,
      staffId,
      talkSeconds: 95,
      termination: "answered",
    },
  });
  await t.db.callEvent.create({
    data: { callId: call.id, kind: "voice", dedupeKey: "start", data: { From: PHONE, CallSid: call.callSid } },
  });
  await t.db.recording.create({
    data: { recordingSid: REC_CALL, callId: call.id, kind: "call", status: "completed", durationSeconds: 95 },
  });
  await t.db.surveyAnswer.create({ data: { callId: call.id, question: "satisfaction", value: 5, channel: "ivr" } });
  await t.db.surveyLink.create({ data: { id: "a".repeat(64), callId: call.id, expiresAt: new Date(TEN.getTime() + 86_400_000) } });
  await t.db.queueEntry.create({ data: { callId: call.id, agencyId, outcome: "answered", staffId } });
  const note = await t.db.callNote.create({
    data: { callId: call.id, authorId: staffId, question: "Hỏi thủ tục cấp lại giấy khai sinh", answer: "Đã hướng dẫn", state: "draft" },
  });

  // A voicemail out of hours, and the callback request it left.
  const voicemailCall = await t.db.call.create({
    data: { callSid: `CA${"b".repeat(32)}`, caller: PHONE, hotline: "+842693000000", status: "completed", state: {}, agencyId },
  });
  await t.db.recording.create({
    data: { recordingSid: REC_VOICEMAIL, callId: voicemailCall.id, kind: "voicemail", status: "completed", durationSeconds: 20 },
  });
  const callback = await t.db.callbackRequest.create({
    data: { callId: voicemailCall.id, agencyId, phone: PHONE, dueAt: new Date(TEN.getTime() + 3_600_000) },
  });
  await t.db.callbackAttempt.create({
    data: { requestId: callback.id, userId: staffId, outcome: "no_answer", note: "Gọi lại không nghe máy" },
  });

  // Another citizen's call whose note names this number (free text, national form).
  const otherCall = await t.db.call.create({
    data: { callSid: `CA${"c".repeat(32)}`, caller: OTHER, hotline: "+842693000000", status: "completed", state: {}, agencyId },
  });
  await t.db.callNote.create({
    data: {
      callId: otherCall.id,
      authorId: staffId,
      question: `Hỏi hộ mẹ, số của mẹ là ${NATIONAL}`,
      answer: "Đã ghi nhận",
      state: "draft",
    },
  });

  // A case from the note, with its history, answer link and survey.
  const kase = await t.db.case.create({
    data: {
      code: "GL-2026-000001",
      phone: PHONE,
      citizenName: "Nguyễn Văn An",
      kind: "question",
      question: "Cấp lại giấy khai sinh",
      agencyId,
      source: "call_note",
      callId: call.id,
      noteId: note.id,
      dueDate: new Date("2026-03-20"),
      dueAt: new Date("2026-03-20T10:00:00Z"),
    },
  });
  await t.db.caseEvent.create({ data: { caseId: kase.id, type: "created", actorId: staffId, toState: "new" } });
  await t.db.caseLink.create({
    data: { id: "b".repeat(64), caseId: kase.id, purpose: "answer", expiresAt: new Date(TEN.getTime() + 86_400_000) },
  });
  await t.db.caseSurveyAnswer.create({ data: { caseId: kase.id, question: "satisfaction", value: 4 } });
  await t.db.caseCall.create({ data: { caseId: kase.id, callId: voicemailCall.id } });

  // A contact with consent in a list, sent a campaign (recipient + SMS message), a refused import row.
  const listId = await listWith("Đăng ký nhận tin", [PHONE, OTHER]);
  const campaign = await sendCampaign("Trước khi xoá", listId);
  expect(campaign.sent.map((m) => m.to).sort()).toEqual([PHONE, OTHER].sort());
  const contactImport = await t.db.contactImport.create({
    data: { fileName: "ds.csv", status: "done", mapping: {}, createdById: staffId },
  });
  await t.db.contactImportError.create({
    data: { importId: contactImport.id, rowNumber: 7, column: "phone", value: NATIONAL, reason: "duplicate" },
  });

  // Audit entries naming the number.
  await t.db.auditLog.create({
    data: {
      actorId: staffId,
      action: "update",
      resource: "contacts",
      resourceId: "1",
      before: { phone: PHONE },
      after: { phone: PHONE, name: "An" },
    },
  });
  await t.db.auditLog.create({
    data: { actorId: staffId, action: "create", resource: "suppressions", resourceId: PHONE, after: { phone: PHONE } },
  });
  // Link requests hold no personal data unless per-recipient links are on: a recipient's own link and its click.
  const recipient = await t.db.campaignRecipient.findFirstOrThrow({ where: { phone: PHONE, campaignId: campaign.id } });
  const link = await t.db.trackedLink.create({
    data: {
      code: "abc123",
      campaignId: campaign.id,
      url: "https://dichvucong.gov.vn",
      expiresAt: new Date(TEN.getTime() + 30 * 86_400_000),
    },
  });
  await t.db.recipientLink.create({ data: { code: "r-abc123", linkId: link.id, recipientId: recipient.id } });
  await t.db.linkRequest.create({ data: { linkId: link.id, campaignId: campaign.id, recipientId: recipient.id, kind: "click" } });
  // An opt-out made after that campaign.
  await t.db.suppression.create({ data: { phone: PHONE, source: "keyword", receivedAt: TEN } });
  // The national DNC list has it too (the state's list: kept).
  await t.db.dncNumber.create({ data: { phone: PHONE } });
  // The citizen's own request in the register (kept as proof it was handled).
  await t.db.dataSubjectRequest.create({
    data: {
      reference: "YC-2026-0001",
      phone: PHONE,
      phoneHash: privacyHash(PHONE),
      requesterName: "Nguyễn Văn An",
      identityCheck: "Đối chiếu CCCD",
      kind: "erasure",
      channel: "in_person",
      receivedAt: TEN,
      acknowledgeBy: new Date("2026-03-12"),
      completeBy: new Date("2026-03-25"),
    },
  });
  return { call, voicemailCall, otherCall };
}

const countsOf = (footprint: Awaited<ReturnType<typeof findFootprint>>) =>
  Object.fromEntries(footprint.kinds.map((k) => [k.kind, k.count]));

describe("a data-subject request's core, end to end", () => {
  let calls: Awaited<ReturnType<typeof createFootprint>>;

  it("finds the footprint in every kind, from any form of the number", async () => {
    calls = await createFootprint();
    const footprint = await findFootprint(t.db, "0912 345 678");
    expect(footprint.phone).toBe(PHONE);
    expect(countsOf(footprint)).toEqual({
      recordings: 2,
      notes: 2, // the citizen's own note and the other call's note naming the number
      "survey-answers": 1,
      "survey-links": 1,
      "queue-entries": 1,
      "call-events": 1,
      calls: 2,
      "callback-attempts": 1,
      "callback-requests": 1,
      "case-events": 1,
      "case-survey-answers": 1,
      "case-links": 1,
      "case-calls": 1,
      cases: 1,
      "recipient-links": 1,
      "link-requests": 1,
      "sms-messages": 1,
      "campaign-recipients": 1,
      "contact-list-members": 1,
      contacts: 1,
      "contact-import-errors": 1,
      suppressions: 1,
      dnc: 1,
      "audit-log": 2,
      "privacy-requests": 1,
    });
    // Every registered holder found something except the hash that does not exist yet.
    expect(HOLDERS.map((h) => h.kind).filter((k) => !(k in countsOf(footprint)))).toEqual(["erased-numbers"]);
    expect(footprint.kinds.find((k) => k.kind === "calls")?.links).toEqual([
      `/calls/${calls.call.id}/show`,
      `/calls/${calls.voicemailCall.id}/show`,
    ]);
  });

  it("refuses a malformed number with a 400 naming phone", async () => {
    const error = await findFootprint(t.db, "12ab").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(400);
    expect(JSON.stringify((error as HttpError).details)).toContain("phone");
  });

  it("exports every record, the recordings' audio and a manifest whose hashes match", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tthc-export-"));
    const audio = (sid: string) => Buffer.from(`ID3 fake mp3 of ${sid}`);
    const archive = await buildExportArchive({ db: t.db, phone: NATIONAL, dir, fetchRecording: async (sid) => audio(sid) });
    expect(archive.path.includes(PHONE) || archive.path.includes(NATIONAL)).toBe(false);
    const zip = await JSZip.loadAsync(readFileSync(archive.path));
    expect(archive.size).toBe(readFileSync(archive.path).length);

    const footprint = await findFootprint(t.db, PHONE);
    for (const kind of footprint.kinds) {
      const json = JSON.parse((await zip.file(`${kind.kind}.json`)?.async("string")) ?? "null");
      expect(json.map((r: { id: string }) => r.id).sort(), kind.kind).toEqual(kind.records.map((r) => r.id).sort());
      const csv = (await zip.file(`${kind.kind}.csv`)?.async("string")) ?? "";
      expect(csv.trim().split("\r\n").length, kind.kind).toBe(kind.count + 1);
    }
    expect(await zip.file(`audio/${REC_CALL}.mp3`)?.async("nodebuffer")).toEqual(audio(REC_CALL));
    expect(await zip.file(`audio/${REC_VOICEMAIL}.mp3`)?.async("nodebuffer")).toEqual(audio(REC_VOICEMAIL));

    const summary = (await zip.file("TOM-TAT.txt")?.async("string")) ?? "";
    expect(summary).toContain(`Số điện thoại: ${PHONE}`);
    expect(summary).toContain("Ghi âm cuộc gọi và lời nhắn thoại: 2 bản ghi");
    expect(summary).toContain("Danh sách không làm phiền quốc gia: 1 bản ghi");

    const manifest = JSON.parse((await zip.file("manifest.json")?.async("string")) ?? "{}");
    expect(manifest).toEqual(archive.manifest);
    expect(manifest.counts).toEqual(countsOf(footprint));
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]?.dir && n !== "manifest.json")
      .sort();
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(names);
    for (const file of manifest.files as { name: string; sha256: string }[]) {
      const data = (await zip.file(file.name)?.async("nodebuffer")) as Buffer;
      expect(createHash("sha256").update(data).digest("hex"), file.name).toBe(file.sha256);
    }
  });

  it("erases: interrupted once and resumed, run again, leaves only the documented keepers", async () => {
    const deleter = twilioRecordingDeleter(stub.client());
    // Twilio already lost the voicemail: a 404 counts as done.
    stub.handle((request) =>
      request.method === "DELETE" && request.path.includes(REC_VOICEMAIL)
        ? { status: 404, body: { code: 20404, message: "not found", status: 404 } }
        : undefined,
    );
    let saved: ErasureCheckpoint | undefined;
    let saves = 0;
    const interrupted = await runErasure({
      ctx: { db: t.db, requestId: 1, deleteRecordingAtTwilio: deleter },
      phone: PHONE,
      saveCheckpoint: async (checkpoint) => {
        saved = checkpoint;
        // The worker dies after the hash and the first three holders.
        if (++saves === 4) throw new Error("worker killed");
      },
    }).catch((e: Error) => e);
    expect((interrupted as Error).message).toBe("worker killed");
    expect(saved?.next).toBe(3);
    // The hash went in first: no send slips through while the rest runs.
    expect(await t.db.erasedNumber.count({ where: { hash: phoneHash(t.config.PRIVACY_HASH_KEY, PHONE) } })).toBe(1);

    const done = await runErasure({
      ctx: { db: t.db, requestId: 1, deleteRecordingAtTwilio: deleter },
      phone: PHONE,
      checkpoint: saved,
      saveCheckpoint: async (checkpoint) => {
        saved = checkpoint;
      },
    });
    expect(done.next).toBe(HOLDERS.length);
    const deletes = stub.requests.filter((r) => r.method === "DELETE").map((r) => r.path.split("/").pop());
    expect(deletes.sort()).toEqual([`${REC_CALL}.json`, `${REC_VOICEMAIL}.json`].sort());
    const report = Object.fromEntries(done.reports.map((r) => [r.kind, r]));
    expect(report.recordings).toMatchObject({ erased: 2, result: "erased" });
    expect(report.calls).toMatchObject({ anonymised: 2, kept: 2, result: "anonymised" });
    expect(report.calls?.keptReason).toMatch(/ẩn danh/);
    expect(report.dnc).toMatchObject({ kept: 1, result: "kept" });
    expect(report["audit-log"]).toMatchObject({ anonymised: 2, kept: 2 });
    expect(report["erased-numbers"]).toMatchObject({ kept: 1, result: "kept" });
    expect(done.reports.map((r) => r.kind)).toEqual(HOLDERS.map((h) => h.kind));

    // Find again: only the keepers, each without the number in clear.
    const after = await findFootprint(t.db, PHONE);
    expect(countsOf(after)).toEqual({ calls: 2, dnc: 1, "audit-log": 2, "erased-numbers": 1, "privacy-requests": 1 });
    const token = `hash:${privacyHash(PHONE).slice(0, 16)}`;
    for (const record of after.kinds.find((k) => k.kind === "calls")?.records ?? []) {
      expect(record).toMatchObject({ caller: null, callerHash: privacyHash(PHONE) });
    }
    const audit = JSON.stringify(after.kinds.find((k) => k.kind === "audit-log")?.records);
    expect(audit).toContain(token);
    expect(audit).not.toContain(PHONE);
    // The figures stay: the calls, their talk time and survey answer are still counted.
    expect(await t.db.call.count({ where: { callerHash: privacyHash(PHONE) } })).toBe(2);
    expect(await t.db.surveyAnswer.count({ where: { callId: calls.call.id } })).toBe(1);
    // The other citizen's note keeps its text without the number; their own data is untouched.
    const otherNote = await t.db.callNote.findFirstOrThrow({ where: { callId: calls.otherCall.id } });
    expect(otherNote.question).toBe(`Hỏi hộ mẹ, số của mẹ là ${token}`);
    expect(await t.db.contact.count({ where: { phone: OTHER } })).toBe(1);
    // Nowhere in the database is the number left in clear, except the state's DNC list.
    const dump = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (
      SELECT caller AS v FROM calls UNION ALL SELECT phone FROM contacts UNION ALL SELECT recipient FROM sms_messages
      UNION ALL SELECT phone FROM campaign_recipients UNION ALL SELECT phone FROM cases UNION ALL SELECT phone FROM callback_requests
      UNION ALL SELECT phone FROM suppressions UNION ALL SELECT before::text FROM audit_logs UNION ALL SELECT after::text FROM audit_logs
      UNION ALL SELECT data::text FROM call_events UNION ALL SELECT question FROM call_notes) x
      WHERE v LIKE '%${PHONE}%' OR v LIKE '%${NATIONAL}%'`);
    expect(dump[0]?.n).toBe(0);

    // A second full run changes nothing and deletes nothing more at Twilio.
    const before = stub.requests.length;
    const again = await runErasure({
      ctx: { db: t.db, requestId: 1, deleteRecordingAtTwilio: deleter },
      phone: PHONE,
      saveCheckpoint: async () => {},
    });
    expect(again.reports.filter((r) => r.erased + r.anonymised > 0)).toEqual([]);
    expect(stub.requests.length).toBe(before);
    expect(countsOf(await findFootprint(t.db, PHONE))).toEqual(countsOf(after));
    stub.handle(undefined);
  });

  it("a campaign launched afterwards skips the erased number, re-imported or not", async () => {
    // The state's DNC list is re-imported without the number: only the erased hash can stop it now.
    await t.db.dncNumber.deleteMany({ where: { phone: PHONE } });
    // Someone imports the number again from an old spreadsheet, with "consent".
    const listId = await listWith("Nhập lại", [PHONE, OTHER]);
    const { id, sent } = await sendCampaign("Sau khi xoá", listId);
    expect(sent.map((m) => m.to)).toEqual([OTHER]);
    const skipped = await t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId: id, phone: PHONE } });
    expect(skipped).toMatchObject({ status: "skipped", skipReason: "suppressed" });
  });

  it("the send-time check refuses a number erased after launch", async () => {
    const number = "+84912000111";
    const listId = await listWith("Xoá giữa chừng", [number]);
    const id = await approvedCampaign(t.app, cookies, { name: "Giữa chừng", senderId, listIds: [listId] });
    const clock = fakeClock(TEN);
    await launchCampaign(t.db, clock.now(), id, null, null);
    await t.db.erasedNumber.create({ data: { hash: privacyHash(number), reason: "erasure" } });
    const { provider, sent } = scriptedProvider();
    await runCampaign(inProcessDeps(t.db, clock, provider), id, { advance: clock.advance });
    expect(sent).toEqual([]);
    expect(await t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } })).toMatchObject({
      status: "skipped",
      skipReason: "suppressed",
    });
  });

  it("withdrawal of consent: the next send is refused by the worker's check", async () => {
    const number = "+84912000222";
    const listId = await listWith("Rút đồng ý", [number]);
    const id = await approvedCampaign(t.app, cookies, { name: "Rút đồng ý", senderId, listIds: [listId] });
    const clock = fakeClock(TEN);
    await launchCampaign(t.db, clock.now(), id, null, null);
    // Launched with the number pending; the citizen withdraws right after.
    expect(await t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } })).toMatchObject({ status: "pending" });
    const result = await withdrawConsent(t.db, "0912 000 222", { method: "Gọi tổng đài", reference: "YC-2026-0001", at: TEN });
    expect(result).toEqual({ phone: number, suppressed: true, contacts: 1 });
    expect(await t.db.contact.findUniqueOrThrow({ where: { phone: number } })).toMatchObject({
      consentStatus: "refused",
      consentSource: "withdrawal:YC-2026-0001",
      consentMethod: "Gọi tổng đài",
    });
    const { provider, sent } = scriptedProvider();
    await runCampaign(inProcessDeps(t.db, clock, provider), id, { advance: clock.advance });
    expect(sent).toEqual([]);
    expect(await t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } })).toMatchObject({
      status: "skipped",
      skipReason: "refused",
    });
  });

  it("every holder and excused model is distinct", () => {
    expect(new Set([...HOLDERS.map((h) => h.model), ...EXCUSED.map((e) => e.model)]).size).toBe(HOLDERS.length + EXCUSED.length);
    expect(erasedNumbers.kind).toBe("erased-numbers");
  });
});
