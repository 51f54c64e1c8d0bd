// The staff desk through the real app: where calls ring (phone or browser), the Client leg taking the
// call with the whisper's race rules, the softphone's token, the screen-pop (offers, stream, context
// and its scoping), and a simulated call answered and hung up from a simulated device.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/app.js";
import type { CallContext, DeskLists, DeskState } from "../../../server/contract/hotline/desk.js";
import { escalateOverdueCases } from "../../../server/hotline/cases/escalation.js";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { createUser, login, startTestApp, type TestApp, testConfig } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { type EventStream, openEventStream } from "../../helpers/event-stream.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { everyAgentAvailable } from "../../helpers/presence.js";
import { signedPost } from "../../helpers/twilio.js";

const SOFTPHONE = {
  TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "auth-token-for-tests",
  TWILIO_API_KEY_SID: `SK${"2".repeat(32)}`,
  TWILIO_API_KEY_SECRET: "api-key-secret-for-tests",
  TWILIO_TWIML_APP_SID: `AP${"3".repeat(32)}`,
};
const CALLER = "+84912000111";
/** The caller of the screen-pop's test, with one earlier call. */
const POPPED = "+84912000333";

let t: TestApp;
let base: string;
let cookies: Record<"admin" | "agent1" | "agent2" | "supervisor" | "otherAgent" | "otherSupervisor", string>;
let agent1: number;
let agent2: number;

beforeAll(async () => {
  t = await startTestApp(SOFTPHONE);
  seedDemo(t.config.DATABASE_URL);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const stp = await t.db.user.findMany({
    where: { agency: { code: "STP" }, roles: { has: "agent" }, active: true },
    orderBy: { id: "asc" },
  });
  const other = await t.db.user.findFirstOrThrow({
    where: { agency: { code: { not: "STP" }, parentId: { not: null } }, roles: { equals: ["agent"] }, active: true },
  });
  agent1 = stp[0]?.id ?? 0;
  agent2 = stp[1]?.id ?? 0;
  const name = async (id: number) => (await t.db.user.findUniqueOrThrow({ where: { id } })).username;
  cookies = {
    admin: await login(t.app, "admin", DEMO_ADMIN_PASSWORD),
    agent1: await login(t.app, await name(agent1), DEMO_STAFF_PASSWORD),
    agent2: await login(t.app, await name(agent2), DEMO_STAFF_PASSWORD),
    supervisor: await login(t.app, "stp.giamsat", DEMO_STAFF_PASSWORD),
    otherAgent: await login(t.app, other.username, DEMO_STAFF_PASSWORD),
    otherSupervisor: await login(t.app, "cat.giamsat", DEMO_STAFF_PASSWORD),
  };
}, 120_000);
afterAll(() => t.close());

beforeEach(async () => {
  await setProvinceHours(t.db, OPEN_ALL_WEEK, false);
  await t.db.agency.updateMany({ data: { wrapUpSeconds: 0 } });
  await t.db.user.updateMany({ data: { answerOn: "phone" } });
  await everyAgentAvailable(t.db);
  t.app.callRouting.invalidate();
});

const api = (cookie: string, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie } });

/** A call driven as Twilio would, up to the <Dial> ringing the STP staff (menu 1, then 1). */
async function callUntilDial(from = CALLER) {
  const callSid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
  const params = { CallSid: callSid, AccountSid: SOFTPHONE.TWILIO_ACCOUNT_SID, From: from, To: "+842563822478" };
  const post = async (url: string, body: Record<string, string>) => {
    const path = url.startsWith("http") ? url.slice(t.config.PUBLIC_BASE_URL.length) : url;
    const response = await signedPost(t.app, t.config, t.db, path, body);
    expect(response.status, response.body).toBeLessThan(300);
    return response.body;
  };
  let twiml = parseXml(await post("/twilio/voice/incoming", { ...params, CallStatus: "ringing", Simulated: "true" }));
  for (const pressed of ["1", "1"]) {
    const gather = twiml.children.find((c) => c.name === "Gather") as XmlElement;
    twiml = parseXml(await post(gather.attributes.action ?? "", { ...params, CallStatus: "in-progress", Digits: pressed }));
  }
  const dial = twiml.children.find((c) => c.name === "Dial") as XmlElement;
  const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
  return {
    callSid,
    callId: call.id,
    dial,
    /** The softphone of `identity` accepted: Twilio posts the Client's URL. */
    clientAnswered: async (identity: string) => {
      const client = dial.children.find((c) => c.name === "Client" && c.text.trim() === identity) as XmlElement;
      const leg = { ...params, CallSid: `CA${crypto.randomUUID().replaceAll("-", "")}`, ParentCallSid: callSid, CallStatus: "in-progress" };
      return parseXml(await post(client.attributes.url ?? "", leg));
    },
    hangUp: () => post("/twilio/voice/status", { ...params, CallStatus: "completed", CallDuration: "30" }),
  };
}

const hungUp = (twiml: XmlElement) => twiml.children.some((c) => c.name === "Hangup");

describe("where a staff member's calls ring", () => {
  it("dials the browser desk as <Client url=client-answered>staff-N</Client> and the phone with the whisper", async () => {
    const chosen = await api(cookies.agent1, "PUT", `/api/staff/${agent1}/answer-on`, { answerOn: "browser" });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ answerOn: "browser" });
    const call = await callUntilDial();
    const nouns = call.dial.children.map((c) => [c.name, c.text.trim(), new URL(c.attributes.url ?? "").pathname]);
    expect(nouns).toContainEqual(["Client", `staff-${agent1}`, "/twilio/voice/client-answered"]);
    expect(nouns.filter(([name]) => name === "Client")).toHaveLength(1);
    expect(nouns.find(([, , path]) => path === "/twilio/voice/whisper")?.[0]).toBe("Number");
    await call.hangUp();
  });

  it("lets only the staff member, their supervisors and administrators change it", async () => {
    expect((await api(cookies.otherAgent, "PUT", `/api/staff/${agent1}/answer-on`, { answerOn: "browser" })).statusCode).toBe(403);
    expect((await api(cookies.supervisor, "PUT", `/api/staff/${agent1}/answer-on`, { answerOn: "browser" })).statusCode).toBe(200);
    const bad = await api(cookies.agent1, "PUT", `/api/staff/${agent1}/answer-on`, { answerOn: "pager" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().errors)).toEqual(["answerOn"]);
  });
});

describe("the Client leg takes the call at once", () => {
  it("connects the first of two browser desks to accept; the other leg hangs up; a copy gets the same answer", async () => {
    await t.db.user.updateMany({ where: { id: { in: [agent1, agent2] } }, data: { answerOn: "browser" } });
    t.app.callRouting.invalidate();
    const call = await callUntilDial();
    const [first, second] = await Promise.all([call.clientAnswered(`staff-${agent1}`), call.clientAnswered(`staff-${agent2}`)]);
    expect([hungUp(first), hungUp(second)].sort()).toEqual([false, true]);
    const winner = hungUp(first) ? agent2 : agent1;
    const stored = await t.db.call.findUniqueOrThrow({ where: { id: call.callId } });
    expect(stored.staffId).toBe(winner);
    expect(stored.answeredAt).not.toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: winner } })).presence).toBe("on_call");
    // Twilio retrying the winner's request is answered the same, and the call stays theirs.
    expect(hungUp(await call.clientAnswered(`staff-${winner}`))).toBe(false);
    expect((await t.db.call.findUniqueOrThrow({ where: { id: call.callId } })).staffId).toBe(winner);
    await call.hangUp();
  });
});

describe("the softphone's token", () => {
  const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));

  it("is a one-hour Voice token for the signed-in user's own identity, whatever the request says", async () => {
    const response = await api(cookies.agent1, "POST", "/api/desk/token", { identity: `staff-${agent2}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ mode: "twilio", identity: `staff-${agent1}` });
    const payload = payloadOf(body.token);
    expect(payload.grants.identity).toBe(`staff-${agent1}`);
    expect(payload.exp - payload.iat).toBe(3600);
    expect(payload.iss).toBe(SOFTPHONE.TWILIO_API_KEY_SID);
    expect(payload.sub).toBe(SOFTPHONE.TWILIO_ACCOUNT_SID);
    expect(payload.grants.voice).toMatchObject({
      incoming: { allow: true },
      outgoing: { application_sid: SOFTPHONE.TWILIO_TWIML_APP_SID },
    });
  });

  it("is refused to those who do not answer calls, and says 'simulated' where Twilio is not configured", async () => {
    const stp = await t.db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    await createUser(t.db, { username: "desk.chiendich", name: "Quản lý chiến dịch", roles: ["campaign_manager"], agencyId: stp.id });
    const manager = await login(t.app, "desk.chiendich");
    expect((await api(manager, "POST", "/api/desk/token")).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: "/api/desk/token" })).statusCode).toBe(401);
    const demo = await buildApp(testConfig({ DATABASE_URL: t.config.DATABASE_URL, REDIS_PREFIX: `${t.config.REDIS_PREFIX}-demo` }));
    try {
      const response = await demo.inject({
        method: "POST",
        url: "/api/desk/token",
        headers: { cookie: cookies.agent1, origin: t.config.PUBLIC_BASE_URL },
      });
      expect(response.json()).toEqual({ mode: "simulated", identity: `staff-${agent1}` });
    } finally {
      await demo.close();
    }
  });
});

describe("the screen-pop", () => {
  it("offers the ringing call on the stream and reads its context with this number's earlier call and note", async () => {
    await t.db.user.update({ where: { id: agent1 }, data: { answerOn: "browser" } });
    t.app.callRouting.invalidate();
    const stp = await t.db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    const earlier = await createCall(t.db, {
      caller: POPPED,
      agencyId: stp.id,
      staffId: agent2,
      topic: "Chứng thực bản sao",
      startedAt: new Date(Date.now() - 3 * 86_400_000),
      satisfaction: 1,
    });
    await t.db.callNote.create({
      data: {
        callId: earlier.id,
        authorId: agent2,
        category: "khac",
        question: "Hỏi lệ phí chứng thực",
        answer: "50.000 đồng",
        state: "final",
      },
    });
    await t.db.callbackRequest.create({ data: { agencyId: stp.id, phone: POPPED, dueAt: new Date() } });

    const stream: EventStream<DeskState> = await openEventStream(`${base}/api/desk/stream`, cookies.agent1, "desk");
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor((s) => s.offers.length === 0);
      const call = await callUntilDial(POPPED);
      const offered = await stream.waitFor((s) => s.offers.some((o) => o.callId === call.callId));
      expect(offered.offers[0]).toMatchObject({ callId: call.callId, agencyName: stp.name, simulated: true });
      expect((await api(cookies.agent1, "GET", "/api/desk/offers")).json().map((o: { callId: number }) => o.callId)).toEqual([call.callId]);
      // A colleague not rung has no offer.
      expect((await api(cookies.otherAgent, "GET", "/api/desk/offers")).json()).toEqual([]);

      const context = await api(cookies.agent1, "GET", `/api/desk/calls/${call.callId}/context`);
      expect(context.statusCode, context.body).toBe(200);
      const body = context.json() as CallContext;
      expect(body).toMatchObject({ callId: call.callId, caller: POPPED, withheld: false, agencyName: stp.name });
      expect(body.topic).toBeTruthy();
      expect(body.waitedSeconds).toBeGreaterThanOrEqual(0);
      expect(body.ivrPath.filter((s) => s.type === "key").map((s) => s.digits)).toEqual(["1", "1"]);
      expect(body.history).toHaveLength(1);
      expect(body.history[0]).toMatchObject({
        id: earlier.id,
        topic: "Chứng thực bản sao",
        notes: [{ question: "Hỏi lệ phí chứng thực", answer: "50.000 đồng", category: "khac", categoryLabel: { kind: "question" } }],
        surveyAnswers: [{ question: "satisfaction", value: 1 }],
      });
      expect(body.callbacks).toHaveLength(1);

      // The agency's supervisor sees it in full; a staff member of another agency not at all.
      expect((await api(cookies.supervisor, "GET", `/api/desk/calls/${call.callId}/context`)).json().caller).toBe(POPPED);
      expect((await api(cookies.otherAgent, "GET", `/api/desk/calls/${call.callId}/context`)).statusCode).toBe(403);
      expect((await api(cookies.agent1, "GET", "/api/desk/calls/999999/context")).statusCode).toBe(404);

      // Taken: the offer goes, the call is the desk's current one.
      expect(hungUp(await call.clientAnswered(`staff-${agent1}`))).toBe(false);
      const taken = await stream.waitFor((s) => s.current?.callId === call.callId);
      expect(taken.offers).toEqual([]);
      await call.hangUp();
      await stream.waitFor((s) => s.current === null);
    } finally {
      stream.close();
    }
  });
});

describe("a simulated call answered on the simulated device", () => {
  it("rings the registered console, connects on accept through the Client URL, and ends with the survey on hang-up", async () => {
    await t.db.user.update({ where: { id: agent1 }, data: { answerOn: "browser" } });
    // The other STP agent is away, so only the browser desk is rung.
    await t.db.user.update({ where: { id: agent2 }, data: { presence: "away" } });
    t.app.callRouting.invalidate();
    expect((await api(cookies.agent1, "POST", "/api/simulator/desk/device")).statusCode).toBe(200);
    const running = api(cookies.supervisor, "POST", "/api/simulator/calls", {
      digits: ["1", "1", "1", "1"],
      staff: "answer",
      from: "0912 000 222",
    });
    let offer: { callId: number } | undefined;
    await expect
      .poll(
        async () => {
          offer = (await api(cookies.agent1, "GET", "/api/desk/offers")).json()[0];
          return offer;
        },
        { timeout: 10_000 },
      )
      .toBeTruthy();
    const callId = offer?.callId ?? 0;
    // Nobody else answers it for them.
    expect((await api(cookies.agent2, "POST", `/api/simulator/desk/calls/${callId}/accept`)).statusCode).toBe(404);
    const accepted = await api(cookies.agent1, "POST", `/api/simulator/desk/calls/${callId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const current = (await api(cookies.agent1, "GET", "/api/desk/current")).json() as DeskState;
    expect(current.current?.callId).toBe(callId);
    expect((await api(cookies.agent1, "POST", `/api/simulator/desk/calls/${callId}/digits`, { digits: "5" })).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(cookies.agent1, "POST", `/api/simulator/desk/calls/${callId}/hangup`)).statusCode).toBe(200);
    const result = await running;
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json().outcome).toMatchObject({ callId, termination: "answered" });
    const call = await t.db.call.findUniqueOrThrow({ where: { id: callId }, include: { surveyAnswers: true } });
    expect(call.staffId).toBe(agent1);
    expect(call.talkSeconds).toBeGreaterThanOrEqual(1);
    expect(call.surveyAnswers.map((a) => a.question).sort()).toEqual(["resolved", "satisfaction"]);
    await api(cookies.agent1, "DELETE", "/api/simulator/desk/device");
  });
});

describe("a browser desk with no simulated device open", () => {
  it("lets a simulated call's Client leg ring out for the dial's timeout, then routing goes on", async () => {
    await t.db.user.update({ where: { id: agent1 }, data: { answerOn: "browser" } });
    await t.db.user.update({ where: { id: agent2 }, data: { presence: "away" } });
    await t.db.agency.update({ where: { code: "STP" }, data: { ringTimeoutSeconds: 1 } });
    t.app.callRouting.invalidate();
    try {
      const response = await api(cookies.supervisor, "POST", "/api/simulator/calls", { digits: ["1", "1"], staff: "answer" });
      expect(response.statusCode, response.body).toBe(200);
      const { steps, outcome } = response.json() as {
        steps: { type: string; action?: string }[];
        outcome: { routing: { agencyCode: string; decision: string }[] };
      };
      expect(steps.filter((s) => s.type === "staff").map((s) => s.action)).toContain("no softphone open: rings out");
      expect(outcome.routing).toContainEqual(expect.objectContaining({ agencyCode: "STP", decision: "no-answer" }));
    } finally {
      await t.db.agency.update({ where: { code: "STP" }, data: { ringTimeoutSeconds: 20 } });
    }
  });
});

describe("the desk's cases", () => {
  const DAY = 24 * 3600 * 1000;
  const listsOf = async (cookie: string) => {
    const response = await api(cookie, "GET", "/api/desk/lists");
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DeskLists;
  };
  const ids = (cases: { id: number }[] | undefined) => (cases ?? []).map((c) => c.id);
  /** A case entered by hand at `agency` by the STP supervisor, due `dueInDays` from now (negative: overdue). */
  const newCase = async (agency: string, question: string, dueInDays: number, assigneeId?: number) => {
    const agencyId = (await t.db.agency.findUniqueOrThrow({ where: { code: agency } })).id;
    const created = await api(cookies.supervisor, "POST", "/api/cases", { phone: "0912000444", kind: "question", question, agencyId });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: number }).id;
    if (assigneeId) expect((await api(cookies.supervisor, "PUT", `/api/cases/${id}`, { assigneeId })).statusCode).toBe(200);
    const dueAt = new Date(Date.now() + dueInDays * DAY);
    await t.db.case.update({ where: { id }, data: { dueAt, dueDate: new Date(`${dueAt.toISOString().slice(0, 10)}T00:00:00Z`) } });
    return id;
  };

  it("lists my open cases due first, and raises overdue ones to the supervisors the cases list names", async () => {
    const later = await newCase("STP", "Thủ tục cấp lại bản sao giấy khai sinh?", 3, agent1);
    const late = await newCase("STP", "Hồ sơ chứng thực chữ ký nộp tuần trước đến đâu rồi?", -1, agent1);
    const ownLevel1 = await newCase("STP", "Phí cấp phiếu lý lịch tư pháp là bao nhiêu?", -1);
    const childLevel1 = await newCase("STP-HTQT", "Đăng ký kết hôn có yếu tố nước ngoài cần giấy tờ gì?", -1);
    const childLevel2 = await newCase("STP-HTQT", "Hồ sơ nhận cha con chưa có kết quả", -10);
    const answered = await newCase("STP", "Đã trả lời rồi", 2, agent1);
    expect((await api(cookies.agent1, "POST", `/api/cases/${answered}/answer`, { answer: "Đã trả lời qua điện thoại." })).statusCode).toBe(
      200,
    );
    await escalateOverdueCases(t.db, new Date());
    const levels = await t.db.case.findMany({ where: { id: { in: [late, ownLevel1, childLevel1, childLevel2] } }, orderBy: { id: "asc" } });
    expect(levels.map((c) => c.escalationLevel)).toEqual([1, 1, 1, 2]);

    // The assignee: open cases only (not the answered one), the earliest deadline first, overdue flagged.
    const mine = await listsOf(cookies.agent1);
    expect(Object.keys(mine).sort()).toEqual(["callbacks", "escalatedCases", "myCalls", "myCases", "waiting"]);
    expect(ids(mine.myCases).filter((id) => [later, late, answered].includes(id))).toEqual([late, later]);
    expect(mine.myCases.find((c) => c.id === late)).toMatchObject({
      overdue: true,
      escalationLevel: 1,
      state: "in_progress",
      kind: "question",
    });
    expect(mine.myCases.find((c) => c.id === later)).toMatchObject({ overdue: false, code: expect.stringMatching(/^GL-\d{4}-\d{6}$/) });
    expect(mine.escalatedCases).toBeNull();

    // STP's supervisor: level 1 of STP's own cases, level 2 of STP-HTQT's; exactly the list's `escalated` filter.
    const supervisor = await listsOf(cookies.supervisor);
    const raised = ids(supervisor.escalatedCases?.cases);
    expect(raised).toEqual(expect.arrayContaining([late, ownLevel1, childLevel2]));
    expect(raised).not.toContain(childLevel1);
    const filter = encodeURIComponent(JSON.stringify({ escalated: true, overdue: true }));
    const listed = await api(cookies.supervisor, "GET", `/api/cases?filter=${filter}&range=[0,99]`);
    expect(ids(listed.json()).sort()).toEqual([...raised].sort());
    expect(supervisor.escalatedCases?.count).toBe(raised.length);
    expect(ids(supervisor.myCases)).toEqual([]);

    // Another agency: its agent has none of them and nothing raised; its supervisor has none of STP's.
    const otherAgent = await listsOf(cookies.otherAgent);
    expect(ids(otherAgent.myCases)).not.toEqual(expect.arrayContaining([late]));
    expect(otherAgent.escalatedCases).toBeNull();
    const otherSupervisor = await listsOf(cookies.otherSupervisor);
    expect(ids(otherSupervisor.escalatedCases?.cases).filter((id) => [late, ownLevel1, childLevel1, childLevel2].includes(id))).toEqual([]);

    // An administrator: every overdue escalated case, level 1 of STP-HTQT too.
    const admin = await listsOf(cookies.admin);
    expect(ids(admin.escalatedCases?.cases)).toEqual(expect.arrayContaining([late, ownLevel1, childLevel1, childLevel2]));
  });
});
