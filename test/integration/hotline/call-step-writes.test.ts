// A call step reads the call without a lock and writes only if the call is still at the version it
// read; the write never waits for the row. These are the guarantees that make that safe when server
// processes race: a stale, late or blocked write lands nothing, and two processes running the same
// step at once (each with its own in-process ordering) answer the same TwiML and record one event.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderApology } from "../../../server/hotline/ivr/twiml.js";
import { parseXml } from "../../../server/hotline/simulator/xml.js";
import { statusLookups } from "../../../server/hotline/status-lookup/registry.js";
import { callLocks } from "../../../server/hotline/voice/call-lock.js";
import { readStep, writeStep } from "../../../server/hotline/voice/call-rows.js";
import { runCallStep, type StepDeps } from "../../../server/hotline/voice/call-steps.js";
import { deadlineAt } from "../../../server/hotline/voice/deadline.js";
import { recentCalls } from "../../../server/hotline/voice/recent-calls.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { signedPost } from "../../helpers/twilio.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ VOICE_STEP_BUDGET_MS: "14000" });
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
}, 120_000);
afterAll(() => t.close());

/** A call that has been greeted and now waits at the menu (step 1). */
async function callAtMenu(): Promise<string> {
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const greeting = await signedPost(t.app, t.config, t.db, "/twilio/voice/incoming", {
    CallSid: callSid,
    From: "0912 345 701",
    To: "+842563822478",
    CallStatus: "ringing",
  });
  expect(parseXml(greeting.body).children.some((c) => c.name === "Gather")).toBe(true);
  return callSid;
}

const menuWrite = (callId: number) => ({
  callId,
  kind: "gather",
  dedupeKey: "gather:1",
  data: { Digits: "2" },
  response: "<Response/>",
  at: new Date(),
  state: { step: 2, ivr: null },
  patch: { topic: "written by the test" },
  answers: [],
});

/** What one server process holds of its own: its in-process ordering of a call's steps and the calls it wrote last. */
const serverProcess = (): StepDeps => ({
  db: t.db,
  locks: callLocks(t.db),
  recent: recentCalls(),
  snapshots: t.app.callRouting,
  baseUrl: t.config.PUBLIC_BASE_URL,
  callbackTargetHours: t.config.CALLBACK_TARGET_WORKING_HOURS,
  log: t.app.log,
  lookups: statusLookups(t.db),
});

const gatherEvents = (callSid: string) => t.db.callEvent.count({ where: { call: { callSid }, kind: "gather" } });

describe("an optimistic step write", () => {
  it("lands nothing when the call changed since it was read, and lands once at the version read", async () => {
    const callSid = await callAtMenu();
    const seen = await readStep(t.db, callSid, "gather:1");
    if (!seen) throw new Error("call not found");
    await t.db.call.update({ where: { id: seen.call.id }, data: { status: "in-progress" } });
    const deadline = new Date(Date.now() + 5_000);

    expect(await writeStep(t.db, menuWrite(seen.call.id), { version: seen.call.version, deadline })).toBeNull();
    expect(await gatherEvents(callSid)).toBe(0);

    const now = await t.db.call.findUniqueOrThrow({ where: { id: seen.call.id } });
    expect(now.version).toBeGreaterThan(seen.call.version);
    expect(await writeStep(t.db, menuWrite(seen.call.id), { version: now.version, deadline })).toMatchObject({
      topic: "written by the test",
      version: now.version + 1,
    });
    expect(await gatherEvents(callSid)).toBe(1);
    expect((await t.db.call.findUniqueOrThrow({ where: { id: seen.call.id } })).topic).toBe("written by the test");
  });

  it("lands nothing past its deadline", async () => {
    const callSid = await callAtMenu();
    const seen = await readStep(t.db, callSid, "gather:1");
    if (!seen) throw new Error("call not found");
    const past = new Date(Date.now() - 1);
    expect(await writeStep(t.db, menuWrite(seen.call.id), { version: seen.call.version, deadline: past })).toBeNull();
    expect(await gatherEvents(callSid)).toBe(0);
  });

  it("does not wait while another session holds the call's row, and lands nothing", async () => {
    const callSid = await callAtMenu();
    const seen = await readStep(t.db, callSid, "gather:1");
    if (!seen) throw new Error("call not found");
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = t.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM calls WHERE call_sid = ${callSid} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    // Awaited while the lock is still held: a write that waited for the row would never return.
    const written = await writeStep(t.db, menuWrite(seen.call.id), { version: seen.call.version, deadline: new Date(Date.now() + 20_000) });
    release();
    await holder;
    expect(written).toBeNull();
    expect(await gatherEvents(callSid)).toBe(0);
  });
});

describe("the same step run by two server processes at once", () => {
  it("answers both copies with the same TwiML and records the step once", async () => {
    const callSid = await callAtMenu();
    // Ten processes: each has its own in-process ordering, so only the database keeps them apart.
    const request = {
      callSid,
      kind: "gather",
      step: 1,
      event: { type: "gather", digits: "2" },
      data: { Digits: "2" },
      now: new Date(),
    } as const;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => runCallStep(serverProcess(), request, deadlineAt(Date.now() + 10_000))),
    );
    expect(new Set(answers).size).toBe(1);
    expect(parseXml(answers[0] ?? "").children.some((c) => c.name === "Gather")).toBe(true);
    expect(await gatherEvents(callSid)).toBe(1);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(call.state).toMatchObject({ step: 2 });
  });
});

describe("a call whose webhooks alternate between two server processes", () => {
  it("is followed correctly by both, though each remembers the call as it last wrote it", async () => {
    const callSid = await callAtMenu();
    const [a, b] = [serverProcess(), serverProcess()];
    const gather = (step: number, digits: string) =>
      ({ callSid, kind: "gather", step, event: { type: "gather", digits }, data: { Digits: digits }, now: new Date() }) as const;
    const deadline = () => deadlineAt(Date.now() + 10_000);

    // A remembers the call after step 1; B moves it on; A's memory is then out of date.
    const first = await runCallStep(a, gather(1, "2"), deadline());
    const second = await runCallStep(b, gather(2, "1"), deadline());
    expect(parseXml(first).children.some((c) => c.name === "Gather")).toBe(true);
    expect(parseXml(second).children.some((c) => c.name === "Dial")).toBe(true);
    // B's step again, now at A: a retry Twilio sent elsewhere gets B's answer, not a new step.
    expect(await runCallStep(a, gather(2, "1"), deadline())).toBe(second);

    const dial = { callSid, kind: "dial", step: 3, data: {}, now: new Date() } as const;
    const ended = await runCallStep(
      a,
      { ...dial, event: { type: "dial-ended", status: "no-answer", acceptedStaffId: null, durationSeconds: 0 } },
      deadline(),
    );
    expect(ended).not.toBe(renderApology());
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { events: true } });
    expect(call.state).toMatchObject({ step: 4 });
    expect(call.events.map((e) => e.dedupeKey).sort()).toEqual(["dial:3", "gather:1", "gather:2", "incoming:0"]);
  });
});
