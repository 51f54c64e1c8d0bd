// The call log through the real app: filters, scoping to the agency subtree, a call's timeline and
// detail, staff notes with their permissions, and recording playback through the server with Twilio
// replaced by a local HTTP stub at the network boundary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/app.js";
import { createUser, listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall, createRecording, type MediaStub, startMediaStub } from "../../helpers/calls.js";

const ACCOUNT_SID = `AC${"1".repeat(32)}`;
const AUTH_TOKEN = "token-thu-nghiem";
const AUDIO = Buffer.from("ID3 fake mp3 bytes \u00ff\u00fe", "latin1");

let t: TestApp;
let stub: MediaStub;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
const cookies: Record<string, string> = {};
let otherAgentId: number;
const calls: Record<string, Awaited<ReturnType<typeof createCall>>> = {};
const recordings: Record<string, number> = {};

// 2026-03-10 09:00 Vietnam time is 02:00 UTC.
const day = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+07:00`);

beforeAll(async () => {
  stub = await startMediaStub(AUDIO);
  t = await startTestApp({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE_URL: stub.url });
  seeded = await seedSmallProvince(t.db);
  const { department, unit, wardA, wardB, province } = seeded.agencies;
  const other = await createUser(t.db, { username: "quynhon.nv2", name: "Nhân viên hai", roles: ["agent"], agencyId: wardA.id });
  otherAgentId = other.id;
  for (const username of ["admin", "stp.giamsat", "quynhon.nv1", "quynhon.nv2", "lanhdao.xem"])
    cookies[username] = await login(t.app, username);

  const flow = await t.db.ivrFlowVersion.create({ data: { version: 7, entry: "hotline", files: [], bundle: {}, checksum: "x" } });
  calls.wardA = await createCall(t.db, {
    agencyId: wardA.id,
    staffId: seeded.users.agent.id,
    caller: "+84912345678",
    startedAt: day("2026-03-10", 9),
    satisfaction: 1,
    resolved: 1,
    flowVersionId: flow.id,
    events: [
      { kind: "incoming", data: { CallStatus: "ringing", effects: [{ type: "node", flow: "hotline", node: "welcome", kind: "menu" }] } },
      {
        kind: "gather",
        data: {
          Digits: "1",
          effects: [
            { type: "key", flow: "hotline", node: "welcome", digits: "1" },
            { type: "topic", topic: "ho_tich", label: "hộ tịch" },
            { type: "routing", agencyCode: "P-QUYNHON", agencyId: wardA.id, decision: "dialing", staffIds: [seeded.users.agent.id] },
          ],
        },
      },
      { kind: "whisper-accept", data: { staffId: seeded.users.agent.id } },
      {
        kind: "dial",
        data: {
          DialCallStatus: "completed",
          effects: [
            { type: "routing", agencyCode: "P-QUYNHON", agencyId: wardA.id, decision: "answered", staffId: seeded.users.agent.id },
            { type: "termination", reason: "answered" },
          ],
        },
      },
      { kind: "gather", data: { Digits: "1", effects: [{ type: "survey-answer", survey: "survey", question: "satisfaction", value: 1 }] } },
      { kind: "status", data: { CallStatus: "completed", effects: [] } },
    ],
  });
  calls.unit = await createCall(t.db, { agencyId: unit.id, caller: "+84987654321", startedAt: day("2026-03-11", 10), satisfaction: 3 });
  calls.department = await createCall(t.db, {
    agencyId: department.id,
    caller: "+84356789012",
    startedAt: day("2026-03-12", 8),
    termination: "abandoned_ringing",
  });
  calls.wardB = await createCall(t.db, { agencyId: wardB.id, caller: "+84912345678", startedAt: day("2026-03-12", 23), satisfaction: 2 });
  calls.ivr = await createCall(t.db, {
    agencyId: null,
    caller: "+84389999999",
    startedAt: day("2026-03-13", 7),
    termination: "hung_up_in_ivr",
    topic: null,
  });
  calls.simulated = await createCall(t.db, {
    agencyId: province.id,
    caller: "+84901234567",
    simulated: true,
    startedAt: day("2026-03-13", 8),
  });

  const recording = (name: string, callId: number, mediaUrl: string | null, deletedAt: Date | null = null) =>
    createRecording(t.db, callId, {
      recordingSid: `RE${name}${"0".repeat(30)}`.slice(0, 34),
      durationSeconds: 95,
      channels: 2,
      mediaUrl,
      deletedAt,
    });
  recordings.wardA = (await recording("a", calls.wardA.id, `${stub.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REa`)).id;
  recordings.unit = (await recording("b", calls.unit.id, `${stub.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REb`)).id;
  recordings.deleted = (await recording("c", calls.wardA.id, `${stub.url}/Recordings/REc`, new Date())).id;
  recordings.simulated = (await recording("d", calls.simulated.id, null)).id;
  recordings.missing = (await recording("e", calls.wardB.id, `${stub.url}/Recordings/missing`)).id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

const get = (who: string, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: cookies[who] ?? "" } });
const post = (who: string, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, payload, headers: { cookie: cookies[who] ?? "" } });
const ids = (response: { json(): unknown }) => (response.json() as { id: number }[]).map((c) => c.id);

describe("listing calls", () => {
  it("lists newest first with Content-Range, and never includes media URLs", async () => {
    const response = await get("admin", listUrl("calls", { range: [0, 2] }));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-range"]).toBe("calls 0-2/6");
    expect(ids(response)).toEqual([calls.simulated?.id, calls.ivr?.id, calls.wardB?.id]);
    expect(response.body).not.toContain("127.0.0.1");
    expect(response.json()[2]).toMatchObject({ agencyName: "Phường Pleiku", satisfaction: 2, termination: "answered", ringSeconds: 12 });
    const ascending = await get("admin", listUrl("calls", { sort: ["id", "ASC"], range: [0, 0] }));
    expect(ids(ascending)).toEqual([calls.wardA?.id]);
  });

  it("filters by Vietnam days: to includes the whole day, an ISO time is exact", async () => {
    // 2026-03-12 23:00 in Vietnam is still 2026-03-12 there (16:00 UTC).
    const days = await get("admin", listUrl("calls", { filter: { from: "2026-03-11", to: "2026-03-12" }, sort: ["id", "ASC"] }));
    expect(ids(days)).toEqual([calls.unit?.id, calls.department?.id, calls.wardB?.id]);
    const instant = await get("admin", listUrl("calls", { filter: { from: "2026-03-12T01:00:00Z", to: "2026-03-12T16:00:00Z" } }));
    expect(ids(instant)).toEqual([calls.wardB?.id, calls.department?.id]);
    const bad = await get("admin", listUrl("calls", { filter: { from: "12/03/2026" } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ from: "tthc.validation.filter" });
  });

  it("finds a caller however the number is written", async () => {
    for (const caller of ["0912 345 678", "84912345678", "+84.912.345.678", "+84912345678"]) {
      const response = await get("admin", listUrl("calls", { filter: { caller }, sort: ["id", "ASC"] }));
      expect(ids(response), caller).toEqual([calls.wardA?.id, calls.wardB?.id]);
    }
    // Old 11-digit Viettel form 0165… became 035…
    expect(ids(await get("admin", listUrl("calls", { filter: { caller: "01656789012" } })))).toEqual([calls.department?.id]);
    expect(ids(await get("admin", listUrl("calls", { filter: { caller: "abc" } })))).toEqual([]);
  });

  it("filters by agency, termination, simulated, staff, topic, satisfaction and answered", async () => {
    const { wardA } = seeded.agencies;
    const by = async (filter: object) => ids(await get("admin", listUrl("calls", { filter, sort: ["id", "ASC"] })));
    expect(await by({ agencyId: wardA.id })).toEqual([calls.wardA?.id]);
    expect(await by({ termination: "hung_up_in_ivr" })).toEqual([calls.ivr?.id]);
    expect(await by({ simulated: true })).toEqual([calls.simulated?.id]);
    expect(await by({ staffId: seeded.users.agent.id })).toEqual([calls.wardA?.id]);
    expect(await by({ topic: "hộ tịch", simulated: false, termination: "abandoned_ringing" })).toEqual([calls.department?.id]);
    expect(await by({ satisfaction: 3 })).toEqual([calls.unit?.id]);
    expect(await by({ satisfaction: [1, 2] })).toEqual([calls.wardA?.id, calls.wardB?.id]);
    expect(await by({ answered: false })).toEqual([calls.department?.id, calls.ivr?.id]);
    const wrong = await get("admin", listUrl("calls", { filter: { termination: "exploded" } }));
    expect(wrong.statusCode).toBe(400);
    expect((await get("admin", listUrl("calls", { filter: { satisfaction: 4 } }))).statusCode).toBe(400);
  });
});

describe("scoping", () => {
  it("shows supervisors their subtree only, agents their agency, viewers everything with masked numbers", async () => {
    expect(ids(await get("stp.giamsat", listUrl("calls", { sort: ["id", "ASC"] })))).toEqual([calls.unit?.id, calls.department?.id]);
    expect(ids(await get("quynhon.nv1", listUrl("calls")))).toEqual([calls.wardA?.id]);
    const viewer = await get("lanhdao.xem", listUrl("calls", { sort: ["id", "ASC"] }));
    expect(ids(viewer)).toHaveLength(6);
    expect(viewer.json()[0].caller).toBe("+84 91x xxx 678");
    // A scoped user cannot widen the scope with a filter.
    expect(ids(await get("stp.giamsat", listUrl("calls", { filter: { agencyId: seeded.agencies.wardA.id } })))).toEqual([]);
  });

  it("refuses another agency's call and its recording with 403, and calls with no agency to scoped users", async () => {
    expect((await get("stp.giamsat", `/api/calls/${calls.wardA?.id}`)).statusCode).toBe(403);
    expect((await get("stp.giamsat", `/api/calls/${calls.ivr?.id}`)).statusCode).toBe(403);
    expect((await get("stp.giamsat", `/api/calls/${calls.unit?.id}`)).statusCode).toBe(200);
    expect((await get("stp.giamsat", `/api/recordings/${recordings.wardA}/audio`)).statusCode).toBe(403);
    expect((await get("quynhon.nv1", `/api/recordings/${recordings.unit}/audio`)).statusCode).toBe(403);
    expect((await get("admin", "/api/calls/999999")).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/calls/${calls.wardA?.id}` })).statusCode).toBe(401);
  });
});

describe("one call", () => {
  it("returns the timeline, recordings without media URL, survey answers, flow version and no audit row", async () => {
    const before = await t.db.auditLog.count();
    const response = await get("quynhon.nv1", `/api/calls/${calls.wardA?.id}`);
    expect(response.statusCode).toBe(200);
    const call = response.json();
    expect(call).toMatchObject({
      id: calls.wardA?.id,
      caller: "+84912345678",
      agencyName: "Phường Quy Nhơn",
      staffName: "quynhon.nv1",
      flowVersion: 7,
      canAddNote: true,
      satisfaction: 1,
      resolved: 1,
      surveyAnswers: [
        { question: "satisfaction", value: 1, channel: "ivr" },
        { question: "resolved", value: 1, channel: "ivr" },
      ],
      surveyOffered: true,
      callback: null,
    });
    expect(call.timeline.map((item: { type: string }) => item.type)).toEqual([
      "incoming",
      "node",
      "key",
      "topic",
      "routing",
      "whisper-accept",
      "routing",
      "termination",
      "survey-answer",
      "status",
    ]);
    expect(call.timeline[4]).toMatchObject({
      event: "gather",
      params: { agency: "Phường Quy Nhơn", decision: "dialing", staff: "quynhon.nv1" },
    });
    expect(call.timeline[8]).toMatchObject({ params: { question: "satisfaction", value: 1 } });
    expect(call.recordings).toEqual([
      expect.objectContaining({ id: recordings.wardA, kind: "call", durationSeconds: 95, channels: 2, deleted: false }),
      expect.objectContaining({ id: recordings.deleted, deleted: true }),
    ]);
    expect(response.body).not.toContain("mediaUrl");
    expect(response.body).not.toContain(stub.url);
    expect(await t.db.auditLog.count()).toBe(before);
  });

  it("says whether the caller was offered the survey at all, so no answers is not read as a refusal", async () => {
    const abandoned = await get("admin", `/api/calls/${calls.department?.id}`);
    expect(abandoned.json()).toMatchObject({ surveyAnswers: [], surveyOffered: false });
    const offered = await createCall(t.db, {
      agencyId: seeded.agencies.wardA.id,
      events: [{ kind: "dial", data: { effects: [{ type: "node", flow: "hotline", node: "survey", kind: "survey" }] } }],
    });
    expect((await get("admin", `/api/calls/${offered.id}`)).json()).toMatchObject({ surveyAnswers: [], surveyOffered: true });
  });
});

describe("staff notes", () => {
  const note = {
    category: "ho_tich",
    question: "Hỏi thủ tục đăng ký khai sinh",
    answer: "Đã hướng dẫn nộp trực tuyến trên Cổng dịch vụ công.",
    resolved: true,
  };

  it("lets the staff member who answered add a note, audited, and shows it with the author's name and the category's names", async () => {
    const response = await post("quynhon.nv1", `/api/calls/${calls.wardA?.id}/notes`, note);
    expect(response.statusCode).toBe(200);
    const created = response.json();
    expect(created).toMatchObject({ ...note, state: "final", callId: calls.wardA?.id, authorName: "quynhon.nv1" });
    const audit = await t.db.auditLog.findMany({ where: { resource: "call-notes", resourceId: String(created.id) } });
    expect(audit).toMatchObject([
      { action: "create", actorId: seeded.users.agent.id, after: { callId: calls.wardA?.id, category: "ho_tich", resolved: true } },
    ]);
    const call = (await get("admin", `/api/calls/${calls.wardA?.id}`)).json();
    expect(call.notes).toMatchObject([
      {
        id: created.id,
        category: "ho_tich",
        categoryLabel: { nameVi: "Hộ tịch", nameEn: "Civil status", kind: "question" },
        authorName: "quynhon.nv1",
      },
    ]);
  });

  it("lets supervisors of the agency's subtree and admins add notes, refuses other agents and viewers", async () => {
    expect((await post("stp.giamsat", `/api/calls/${calls.unit?.id}/notes`, note)).statusCode).toBe(200);
    expect((await post("admin", `/api/calls/${calls.ivr?.id}/notes`, { ...note, category: "khac" })).statusCode).toBe(200);
    expect((await post("stp.giamsat", `/api/calls/${calls.wardA?.id}/notes`, note)).statusCode).toBe(403);
    expect((await post("quynhon.nv2", `/api/calls/${calls.wardA?.id}/notes`, note)).statusCode).toBe(403);
    expect((await post("lanhdao.xem", `/api/calls/${calls.wardA?.id}/notes`, note)).statusCode).toBe(403);
    expect((await get("quynhon.nv2", `/api/calls/${calls.wardA?.id}`)).json().canAddNote).toBe(false);
    expect(await t.db.callNote.count({ where: { authorId: otherAgentId } })).toBe(0);
  });

  it("refuses an unknown category and an empty question", async () => {
    const bad = await post("admin", `/api/calls/${calls.wardA?.id}/notes`, { category: "thue", question: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ category: "tthc.validation.not_found" });
    expect((await post("admin", `/api/calls/${calls.wardA?.id}/notes`, { category: "khac", question: "" })).statusCode).toBe(400);
  });
});

describe("recording playback", () => {
  it("streams Twilio's MP3 fetched with basic auth and audits the listen", async () => {
    const before = stub.requests.length;
    const response = await get("quynhon.nv1", `/api/recordings/${recordings.wardA}/audio`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("audio/mpeg");
    expect(response.rawPayload.equals(AUDIO)).toBe(true);
    expect(response.headers["cache-control"]).toBe("private, no-store");
    const request = stub.requests[before];
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REa.mp3`);
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
    const audit = await t.db.auditLog.findMany({ where: { action: "listen", resourceId: String(recordings.wardA) } });
    expect(audit).toMatchObject([
      { actorId: seeded.users.agent.id, resource: "recordings", after: { recordingId: recordings.wardA, callId: calls.wardA?.id } },
    ]);
  });

  it("answers 410 for a recording removed by retention, 404 for none or one Twilio lost, without fetching or auditing", async () => {
    const audits = await t.db.auditLog.count({ where: { action: "listen" } });
    expect((await get("admin", `/api/recordings/${recordings.deleted}/audio`)).statusCode).toBe(410);
    const simulated = await get("admin", `/api/recordings/${recordings.simulated}/audio`);
    expect(simulated.statusCode).toBe(404);
    expect(simulated.json().message).toMatch(/no audio/);
    expect((await get("admin", `/api/recordings/${recordings.missing}/audio`)).statusCode).toBe(404);
    expect((await get("admin", "/api/recordings/999999/audio")).statusCode).toBe(404);
    expect(await t.db.auditLog.count({ where: { action: "listen" } })).toBe(audits);
  });

  it("never fetches a media URL outside Twilio's API, whatever a webhook stored", async () => {
    const elsewhere = await createRecording(t.db, (calls.wardA as { id: number }).id, {
      recordingSid: "REelsewhere",
      mediaUrl: "http://127.0.0.1:9/internal/secret",
    });
    const before = stub.requests.length;
    const response = await get("admin", `/api/recordings/${elsewhere.id}/audio`);
    expect(response.statusCode).toBe(404);
    expect(stub.requests.length).toBe(before);
  });

  it("answers 404 with a clear message when no Twilio credentials are configured", async () => {
    const bare = await buildApp({ ...t.config, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined });
    try {
      const response = await bare.inject({ url: `/api/recordings/${recordings.wardA}/audio`, headers: { cookie: cookies.admin ?? "" } });
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toMatch(/TWILIO_ACCOUNT_SID/);
    } finally {
      await bare.close();
    }
  });
});
